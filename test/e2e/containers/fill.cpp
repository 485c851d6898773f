// fill.cpp - three copies of one value a, made in different ways; then
// b[0] * b[1] + b[2]. Every copy keeps a's key (copies are free), so every
// variant reads a, a (both at depth 1: [a]), then t (1) and a (2):
// [1, 1, 1, 2], cost 1 + 1 + 1 + 2 = 5, as the element-loop version g01.
//
// EXPECT: g01_loop call=0 cost=5 trace=1,1,1,2
// EXPECT: g02_fill call=0 cost=5 trace=1,1,1,2
// EXPECT: g03_fill_n call=0 cost=5 trace=1,1,1,2
// EXPECT: g04_assign call=0 cost=5 trace=1,1,1,2
// EXPECT: g05_resize call=0 cost=5 trace=1,1,1,2
// EXPECT: g06_insert_n call=0 cost=5 trace=1,1,1,2
// EXPECT: g07_fill_constructor call=0 cost=5 trace=1,1,1,2
// EXPECT: g08_init_list call=0 cost=5 trace=1,1,1,2
// EXPECT: g09_push_back call=0 cost=5 trace=1,1,1,2
// EXPECT: g10_struct call=0 cost=5 trace=1,1,1,2
// EXPECT: g11_std_array call=0 cost=5 trace=1,1,1,2
#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

using V = std::vector<double>;
struct Triple {
  double a, b, c;
};

double g01_loop(double a) {
  V b(3);
  for (size_t i = 0; i < 3; ++i) b[i] = a;
  return b[0] * b[1] + b[2];
}
double g02_fill(double a) {
  V b(3);
  std::fill(b.begin(), b.end(), a);
  return b[0] * b[1] + b[2];
}
double g03_fill_n(double a) {
  V b(3);
  std::fill_n(b.begin(), 3, a);
  return b[0] * b[1] + b[2];
}
double g04_assign(double a) {
  V b;
  b.assign(3, a);
  return b[0] * b[1] + b[2];
}
double g05_resize(double a) {
  V b;
  b.resize(3, a);
  return b[0] * b[1] + b[2];
}
double g06_insert_n(double a) {
  V b;
  b.insert(b.begin(), 3, a);
  return b[0] * b[1] + b[2];
}
double g07_fill_constructor(double a) {
  V b(3, a);
  return b[0] * b[1] + b[2];
}
double g08_init_list(double a) {
  V b = {a, a, a};
  return b[0] * b[1] + b[2];
}
double g09_push_back(double a) {
  V b;
  b.push_back(a);
  b.push_back(a);
  b.push_back(a);
  return b[0] * b[1] + b[2];
}
double g10_struct(double a) {
  Triple t{a, a, a};
  return t.a * t.b + t.c;
}
double g11_std_array(double a) {
  std::array<double, 3> b = {a, a, a};
  return b[0] * b[1] + b[2];
}

int main() {
  for (double r : {g01_loop(2), g02_fill(2), g03_fill_n(2), g04_assign(2), g05_resize(2),
                   g06_insert_n(2), g07_fill_constructor(2), g08_init_list(2), g09_push_back(2),
                   g10_struct(2), g11_std_array(2)})
    std::printf("%.17g\n", r);
  return 0;
}
