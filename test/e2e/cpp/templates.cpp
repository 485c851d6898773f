// templates.cpp - templates as written: calls between the file's function
// templates, element access through dependent members, and one template
// instantiated with both a double and a class of the file. Each trace worked
// out by hand (inputs stored last parameter first; the first parameter's
// last element ends on top).
//
// EXPECT: square_then_add call=0 cost=5 trace=1,1,1,2
// EXPECT: last_times_first call=0 cost=3 trace=1,2
// EXPECT: generic_double call=0 cost=7 trace=2,2,2,1
// EXPECT: generic_dual call=0 cost=24 trace=1,1,2,3,2,3,4,1,2,4,3,2,2,1
// EXPECT: copied_in_template call=0 cost=3 trace=1,2
// EXPECT: braced_copies call=0 cost=6 trace=1,2,1,2
// EXPECT: mixed_operands call=0 cost=3 trace=1,2
// EXPECT: copied_pair call=0 cost=3 trace=1,2
// EXPECT: copied_vector call=0 cost=6 trace=1,2,2,1
// EXPECT: bound_in_template call=0 cost=10 trace=1,2,2,3,2,1
// EXPECT: range_copies call=0 cost=12 trace=2,2,1,2,2,2,1
// EXPECT: bound_in_loop call=0 cost=4 trace=2,1,1
// EXPECT: auto_condition call=0 cost=12 trace=1,1,1,2,1,2,1,2,1
// EXPECT: constant_branches call=0 cost=7 trace=1,1,2,1,2
#include <cstdio>
#include <type_traits>
#include <utility>
#include <vector>

struct Dual {
  double v, d;
  Dual operator*(const Dual &o) const { return Dual{v * o.v, v * o.d + d * o.v}; }
};
Dual operator+(Dual x, Dual y) { return Dual{x.v + y.v, x.d + y.d}; }

template <class T> T sq(T x) { return x * x; }
template <class T> T add_square(T a, T b) { return sq(a) + b; }

// [b, a]: sq(a) reads a twice (1, 1) -> t1 [b, t1]; t1 + b reads 1, 2.
double square_then_add(double a, double b) { return add_square(a, b); }

// v = [v0, v1] (v1 on top): r = v.back() holds v1; r * v[0] reads 1, 2.
template <class T> T last_first(const std::vector<T> &v) {
  T r = v.back();
  return r * v.front();
}
double last_times_first(const std::vector<double> &v) { return last_first(v); }

template <class T> T square_sum(T s, T x) {
  s = s + x * x;
  return s;
}

// [b, a]: x * x reads b, b (2, 2) -> t1 [a, t1]; a + t1 reads 2, 1.
double generic_double(double a, double b) { return square_sum(a, b); }

// [b, a]; s = {a, b}. x * x (Dual::operator*): a, a (1, 1) -> t1 [b, a, t1];
// a, b (2, 3) -> t2 [t1, a, b, t2]; b, a (2, 3) -> t3 [t1, t2, b, a, t3];
// t2 + t3 (4, 1) -> t4 [t1, b, a, t4]. s + {t1, t4}: a + t1 (2, 4) -> t5
// [b, t4, t5]; b + t4 (3, 2) -> t6 [t5, t6]. r.v + r.d reads 2, 1.
double generic_dual(double a, double b) {
  Dual s{a, b};
  Dual r = square_sum(s, s);
  return r.v + r.d;
}

// A template's copy of a struct keeps its keys: p = s holds a's and b's.
// [a, b] (a on top): p.v * p.d reads a (1), then b (2).
template <class T> double product_of_copy(T s) {
  T p = s;
  return p.v * p.d;
}
double copied_in_template(double a, double b) { return product_of_copy(Dual{a, b}); }

// Braced and parenthesised copies of a name: p{s} holds a's and b's keys,
// u{x} and w(y) those of the product and b. [a, b]: p.v * p.d reads a (1),
// b (2) -> t (b lives on in y); u * w reads t (1), b (2).
template <class T, class U> U braced_copy(T s, U y) {
  T p{s};
  U x = p.v * p.d;
  U u{x};
  U w(y);
  return u * w;
}
double braced_copies(double a, double b) { return braced_copy(Dual{a, b}, b); }

// A dependent operator with an operand of a fixed type: [a, b]; x + y reads
// a (1), then b (2).
template <class T> T plus_fixed(T x, double y) { return x + y; }
double mixed_operands(double a, double b) { return plus_fixed(a, b); }

// A copy of a class that is not copied byte for byte (std::pair has an
// assignment of its own) keeps its keys too: p = s and q{s} hold a's and
// b's. [a, b]: p.first * q.second reads a (1), then b (2).
template <class T> double pair_product(T s) {
  T p = s;
  T q{s};
  return p.first * q.second;
}
double copied_pair(double a, double b) {
  std::pair<double, double> s(a, b);
  return pair_product(s);
}

// A vector copied in a template: w's elements hold v's keys once w is
// built. v = [v0, v1] (v1 on top): w[1] * w[0] reads v1 (1), v0 (2) -> t
// [t, v0] (v1 dead); w[0] + t reads v0 (2), t (1).
template <class T> double sum_with_product(const T &v) {
  T w = v;
  return w[0] + w[1] * w[0];
}
double copied_vector(const std::vector<double> &v) { return sum_with_product(v); }

// Structured bindings in a template copy p, keys and all, in each form:
// x, u, s hold a's key, y, w, t b's. [a, b]: x * w reads a (1), b (2) ->
// t1 [t1, b, a]; t * u reads b (2), a (3) -> t2 [t2, t1] (a, b dead);
// t1 + t2 reads 2, 1.
template <class Q> double bound_sum(Q p) {
  auto [x, y]{p};
  auto [u, w] = p;
  auto [s, t](p);
  return x * w + t * u;
}
double bound_in_template(double a, double b) { return bound_sum(Dual{a, b}); }

// A template's range-for copies each element, keys and all. v = [v0, v1]
// (v1 on top): v0 * v0 reads 2, 2 -> t1 [t1, v1]; 0 + t1 reads 1 -> s1
// [s1, v1]; v1 * v1 reads 2, 2 -> t2 [t2, s1]; s1 + t2 reads 2, 1.
template <class V> double sum_of_squares(const V &v) {
  double s = 0;
  for (auto x : v)
    s = s + x * x;
  return s;
}
double range_copies(const std::vector<double> &v) { return sum_of_squares(v); }

// Bound in a template's range-for: ps = [{v, d}] (d on top): x * y reads v
// (2), d (1) -> t; 0 + t reads t (1).
template <class V> double sum_of_bound(const V &ps) {
  double s = 0;
  for (auto [x, y] : ps)
    s = s + x * y;
  return s;
}
double bound_in_loop(const std::vector<Dual> &ps) { return sum_of_bound(ps); }

// A template's condition that declares an auto variable reads it, as a
// typed one does. k = a = 3: k - 1 reads a (1) -> t1 [t1]; truth t1 (1);
// 0 + t1 reads t1 (1) -> s1 [s1, t1]; k - 1 reads t1 (2) -> t2 [t2, s1];
// truth t2 (1); s1 + t2 reads 2, 1 -> s2 [s2, t2]; k - 1 reads t2 (2) -> t3
// [t3, s2]; truth t3 (1): zero, the loop ends.
template <class T> T countdown_sum(T k) {
  T s = 0;
  while (const auto t = k - 1) {
    s = s + t;
    k = t;
  }
  return s;
}
double auto_condition(double a) { return countdown_sum(a); }

// if constexpr conditions stay constant expressions, and read nothing.
// [a]: a * 2 reads a (1) -> t1; t1 + a reads 1, 2 -> t2 [t2, a] (t1 dead);
// t2 * a reads 1, 2.
template <class T> T constant_branch(T a) {
  T s = 0;
  if constexpr (sizeof(T) > 4)
    s = a * 2;
  if constexpr (std::is_floating_point_v<T>)
    s = s + a;
  if constexpr (const bool wide = sizeof(T) >= 8)
    s = s * a;
  return s;
}
double constant_branches(double a) { return constant_branch(a); }

int main() {
  std::printf("%.17g\n", square_then_add(2, 3));
  std::printf("%.17g\n", last_times_first({4, 5}));
  std::printf("%.17g\n", generic_double(1.5, 2.5));
  std::printf("%.17g\n", generic_dual(1.5, 2.5));
  std::printf("%.17g\n", copied_in_template(2, 3));
  std::printf("%.17g\n", braced_copies(2, 3));
  std::printf("%.17g\n", mixed_operands(2, 3));
  std::printf("%.17g\n", copied_pair(2, 3));
  std::printf("%.17g\n", copied_vector({2, 3}));
  std::printf("%.17g\n", bound_in_template(2, 3));
  std::printf("%.17g\n", range_copies({2, 3}));
  std::printf("%.17g\n", bound_in_loop({Dual{2, 3}}));
  std::printf("%.17g\n", auto_condition(3));
  std::printf("%.17g\n", constant_branches(3));
  return 0;
}
