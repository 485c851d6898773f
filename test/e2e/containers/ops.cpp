// ops.cpp - operations that move values to other places; each trace worked
// out by hand (stack top first; inputs stored last parameter first).
//
// EXPECT: erase_first call=0 cost=3 trace=2,1
// EXPECT: insert_middle call=0 cost=3 trace=2,1
// EXPECT: swap_scalars call=0 cost=3 trace=2,1
// EXPECT: swap_vectors call=0 cost=3 trace=2,1
// EXPECT: grow call=0 cost=3 trace=1,2
// EXPECT: struct_from_helper call=0 cost=3 trace=2,1
// EXPECT: struct_by_value call=0 cost=3 trace=2,1
// EXPECT: binding_copy call=0 cost=3 trace=2,1
// EXPECT: pair_constructor call=0 cost=3 trace=1,2
// EXPECT: tuple_get call=0 cost=3 trace=2,1
#include <algorithm>
#include <cstdio>
#include <tuple>
#include <utility>
#include <vector>

using V = std::vector<double>;
struct Triple {
  double a, b, c;
};

// x = {1, 2, 3}: b = {x1, x2} after the erase; x0 is never read and leaves at
// once: [x2, x1]. b[0] * b[1] reads x1 (2) and x2 (1).
double erase_first(const V &x) {
  V b = x;
  b.erase(b.begin());
  return b[0] * b[1];
}

// (x, a): a is stored first (deepest), then x0, x1, x2. b = {x0, a, x1, x2};
// x0 and x1 are never read: [x2, a]. b[1] * b[3] reads a (2) and x2 (1).
double insert_middle(const V &x, double a) {
  V b = x;
  b.insert(b.begin() + 1, a);
  return b[1] * b[3];
}

// [a, b]: after the swap p holds b and q holds a; p - q reads b (2), a (1).
double swap_scalars(double a, double b) {
  double p = a, q = b;
  std::swap(p, q);
  return p - q;
}

// x = {1}, y = {2}: [x0, y0]. After the swap p holds y's element: p[0] - q[0]
// reads y0 (2) and x0 (1).
double swap_vectors(const V &x, const V &y) {
  V p = x, q = y;
  std::swap(p, q);
  return p[0] - q[0];
}

// x = {1, ..., 5}: [x4, x3, x2, x1, x0]; x1..x3 are never read: [x4, x0]. The
// vector grows at sizes 1, 2 and 4; b[4] + b[0] reads x4 (1) and x0 (2).
double grow(const V &x) {
  V b;
  for (double v : x) b.push_back(v);
  return b[4] + b[0];
}

// (a, b, c): [a, b, c]; t = make(c, b, a) holds c, b, a; b is never read:
// [a, c]. t.a * t.c reads c (2) and a (1).
Triple make(double a, double b, double c) { return {a, b, c}; }
double struct_from_helper(double a, double b, double c) {
  Triple t = make(c, b, a);
  return t.a * t.c;
}

// x = {1, 2, 3}: x2 is never read: [x1, x0]. The struct passed by value keeps
// its fields' keys: t.a * t.b reads x0 (2) and x1 (1).
double use(Triple t) { return t.a * t.b; }
double struct_by_value(const V &x) {
  Triple t{x[0], x[1], x[2]};
  return use(t);
}

// The bindings name a copy of t: p = x0, r = x2; x1 is never read: [x2, x0].
// p * r reads x0 (2) and x2 (1).
double binding_copy(const V &x) {
  Triple t{x[0], x[1], x[2]};
  auto [p, q, r] = t;
  return p * r;
}

// p = (x1, x0); x2 is never read: [x1, x0]. p.first - p.second reads x1 (1)
// and x0 (2).
double pair_constructor(const V &x) {
  std::pair<double, double> p(x[1], x[0]);
  return p.first - p.second;
}

// t = (x0, x2); x1 is never read: [x2, x0]. get<0> * get<1> reads x0 (2), x2 (1).
double tuple_get(const V &x) {
  std::tuple<double, double> t = std::make_tuple(x[0], x[2]);
  return std::get<0>(t) * std::get<1>(t);
}

int main() {
  std::printf("%.17g\n", erase_first({1, 2, 3}));
  std::printf("%.17g\n", insert_middle({1, 2, 3}, 4));
  std::printf("%.17g\n", swap_scalars(1, 2));
  std::printf("%.17g\n", swap_vectors({1}, {2}));
  std::printf("%.17g\n", grow({1, 2, 3, 4, 5}));
  std::printf("%.17g\n", struct_from_helper(1, 2, 3));
  std::printf("%.17g\n", struct_by_value({1, 2, 3}));
  std::printf("%.17g\n", binding_copy({1, 2, 3}));
  std::printf("%.17g\n", pair_constructor({1, 2, 3}));
  std::printf("%.17g\n", tuple_get({1, 2, 3}));
  return 0;
}
