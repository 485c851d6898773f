// metamorphic.cpp - one computation, b[0] * b[1] + b[2] on a copy b of
// x = {1, 2, 3}, written with different data movement. Copies are free and
// keep keys (semantics.md, "Memory"), so every variant has the trace of the
// element-loop version f01:
//   inputs x0, x1, x2 (x2 on top); b[0] * b[1] reads x0 (3) and x1 (2), both
//   die; t + b[2] reads t (1) and x2 (2): [3, 2, 1, 2], cost 2 + 2 + 1 + 2 = 7.
//
// EXPECT: f01_loop call=0 cost=7 trace=3,2,1,2
// EXPECT: f02_copy call=0 cost=7 trace=3,2,1,2
// EXPECT: f03_copy_construct call=0 cost=7 trace=3,2,1,2
// EXPECT: f04_copy_assign call=0 cost=7 trace=3,2,1,2
// EXPECT: f05_push_back call=0 cost=7 trace=3,2,1,2
// EXPECT: f06_emplace_back call=0 cost=7 trace=3,2,1,2
// EXPECT: f07_init_list call=0 cost=7 trace=3,2,1,2
// EXPECT: f08_struct call=0 cost=7 trace=3,2,1,2
// EXPECT: f09_assign_range call=0 cost=7 trace=3,2,1,2
// EXPECT: f10_insert_range call=0 cost=7 trace=3,2,1,2
// EXPECT: f11_std_array call=0 cost=7 trace=3,2,1,2
// EXPECT: f12_copy_n call=0 cost=7 trace=3,2,1,2
// EXPECT: f13_swap call=0 cost=7 trace=3,2,1,2
// EXPECT: f14_struct_return call=0 cost=7 trace=3,2,1,2
// EXPECT: f15_pair_binding call=0 cost=7 trace=3,2,1,2
// EXPECT: f16_tuple call=0 cost=7 trace=3,2,1,2
// EXPECT: f17_move_algorithm call=0 cost=7 trace=3,2,1,2
// EXPECT: f18_struct_copies call=0 cost=7 trace=3,2,1,2
// EXPECT: f19_array_in_struct call=0 cost=7 trace=3,2,1,2
// EXPECT: f20_resize call=0 cost=7 trace=3,2,1,2
#include <algorithm>
#include <array>
#include <cstdio>
#include <tuple>
#include <utility>
#include <vector>

using V = std::vector<double>;
struct Triple {
  double a, b, c;
};
struct Box {
  double v[3];
};

double f01_loop(const V &x) {
  V b(x.size());
  for (size_t i = 0; i < x.size(); ++i) b[i] = x[i];
  return b[0] * b[1] + b[2];
}
double f02_copy(const V &x) {
  V b(x.size());
  std::copy(x.begin(), x.end(), b.begin());
  return b[0] * b[1] + b[2];
}
double f03_copy_construct(const V &x) {
  V b = x;
  return b[0] * b[1] + b[2];
}
double f04_copy_assign(const V &x) {
  V b;
  b = x;
  return b[0] * b[1] + b[2];
}
double f05_push_back(const V &x) {
  V b; // grows at sizes 1, 2 and 4: every reallocation carries the keys along
  for (double v : x) b.push_back(v);
  return b[0] * b[1] + b[2];
}
double f06_emplace_back(const V &x) {
  V b;
  for (size_t i = 0; i < x.size(); ++i) b.emplace_back(x[i]);
  return b[0] * b[1] + b[2];
}
double f07_init_list(const V &x) {
  V b = {x[0], x[1], x[2]};
  return b[0] * b[1] + b[2];
}
double f08_struct(const V &x) {
  Triple t{x[0], x[1], x[2]};
  return t.a * t.b + t.c;
}
double f09_assign_range(const V &x) {
  V b;
  b.assign(x.begin(), x.end());
  return b[0] * b[1] + b[2];
}
double f10_insert_range(const V &x) {
  V b;
  b.insert(b.end(), x.begin(), x.end());
  return b[0] * b[1] + b[2];
}
double f11_std_array(const V &x) {
  std::array<double, 3> b;
  std::copy(x.begin(), x.end(), b.begin());
  return b[0] * b[1] + b[2];
}
double f12_copy_n(const V &x) {
  V b(3);
  std::copy_n(x.begin(), 3, b.begin());
  return b[0] * b[1] + b[2];
}
double f13_swap(const V &x) {
  V b;
  V c = x;
  std::swap(b, c);
  return b[0] * b[1] + b[2];
}
Triple make_triple(const V &x) { return Triple{x[0], x[1], x[2]}; }
double f14_struct_return(const V &x) {
  Triple t = make_triple(x);
  return t.a * t.b + t.c;
}
double f15_pair_binding(const V &x) {
  auto [p, q] = std::make_pair(x[0], x[1]);
  return p * q + x[2];
}
double f16_tuple(const V &x) {
  auto t = std::make_tuple(x[0], x[1], x[2]);
  return std::get<0>(t) * std::get<1>(t) + std::get<2>(t);
}
double f17_move_algorithm(const V &x) {
  V b(3);
  std::move(x.begin(), x.end(), b.begin());
  return b[0] * b[1] + b[2];
}
double f18_struct_copies(const V &x) {
  Triple t{x[0], x[1], x[2]};
  Triple u = t;
  Triple w;
  w = u;
  return w.a * w.b + w.c;
}
double f19_array_in_struct(const V &x) {
  Box b{{x[0], x[1], x[2]}};
  Box c = b;
  return c.v[0] * c.v[1] + c.v[2];
}
double f20_resize(const V &x) {
  V b;
  b.resize(3);
  for (size_t i = 0; i < 3; ++i) b[i] = x[i];
  return b[0] * b[1] + b[2];
}

int main() {
  const V x = {1, 2, 3};
  for (double r : {f01_loop(x), f02_copy(x), f03_copy_construct(x), f04_copy_assign(x),
                   f05_push_back(x), f06_emplace_back(x), f07_init_list(x), f08_struct(x),
                   f09_assign_range(x), f10_insert_range(x), f11_std_array(x), f12_copy_n(x),
                   f13_swap(x), f14_struct_return(x), f15_pair_binding(x), f16_tuple(x),
                   f17_move_algorithm(x), f18_struct_copies(x), f19_array_in_struct(x),
                   f20_resize(x)})
    std::printf("%.17g\n", r);
  return 0;
}
