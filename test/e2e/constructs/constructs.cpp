// constructs.cpp - the C++ constructs in bytedmd's scope, each in a small
// measured function whose trace is worked out by hand from the rules in
// ../../../../shared/spec/semantics.md (stack shown top first; inputs are
// stored last parameter first, so the first parameter ends on top).
//
// EXPECT: use_template call=0 cost=3 trace=1,1,1
// EXPECT: rec call=0 cost=12 trace=1,1,1,1,1,1,1,1,1,2,1
// EXPECT: lam call=0 cost=6 trace=1,2,1,2
// EXPECT: carr call=0 cost=7 trace=3,2,1,2
// EXPECT: stdarr call=0 cost=3 trace=2,1
// EXPECT: ptr call=0 cost=3 trace=2,1
// EXPECT: dowhile call=0 cost=9 trace=1,1,1,1,1,1,1,1,1
// EXPECT: incdec call=0 cost=3 trace=1,1,1
// EXPECT: ints call=0 cost=9 trace=1,1,3,2,2,1
// EXPECT: mixed call=0 cost=3 trace=1,2
// EXPECT: notnot call=0 cost=6 trace=1,2,1,1,1
// EXPECT: minf call=0 cost=4 trace=2,1,1
// EXPECT: local_arr call=0 cost=3 trace=1,2
// EXPECT: retvec call=0 cost=1 trace=1
// EXPECT: sum_first call=0 cost=5 trace=2,1,2
// EXPECT: nested call=0 cost=4 trace=1,1,2
// EXPECT: iter_sum call=0 cost=8 trace=3,1,3,1,2
// EXPECT: ranged_pairs call=0 cost=12 trace=4,3,1,3,2,2,1
// EXPECT: struct_param call=0 cost=7 trace=2,3,1,2
// EXPECT: dot_pointers call=0 cost=12 trace=2,4,1,2,3,2,1
// EXPECT: pointer_reads call=0 cost=3 trace=1,2
// EXPECT: condition_variables call=0 cost=6 trace=1,1,1,1,1,1
// EXPECT: volatile_locals call=0 cost=9 trace=1,1,2,1,1,2,1
#include "bytedmd/runtime.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>
#include <vector>

// A function template, rewritten once. sq(a) reads a twice at depth 1; its
// result t is on top for t + 1: [1, 1, 1].
template <class T> T sq(T a) { return a * a; }
double use_template(double a) { return sq(a) + 1; }

// Recursion, fact(3) = 3 * fact(2) = 3 * (2 * fact(1)):
//   n <= 1 (1), truth (1), n - 1 -> t1 (1), t1 <= 1 (1), truth (1),
//   t1 - 1 -> t2 (1), t2 <= 1 (1; t2 dies), truth (1), t1 * 1 -> r2 (1; t1
//   dies), n * r2 -> stack [r2, n]: n at 2, r2 at 1.
double fact(double n) { return n <= 1 ? 1 : n * fact(n - 1); }
double rec(double a) { return fact(a); }

// A lambda: its parameters take the arguments' keys. [a, b]: x * y reads a (1)
// and b (2); b dies; p + a reads p (1) and a (2).
double lam(double a, double b) {
  auto mul = [](double x, double y) { return x * y; };
  return mul(a, b) + a;
}

// A C array by reference: [x2, x1, x0]. s = x[0] is a copy; s + x[1] reads
// x0 (3) and x1 (2), both die; t1 + x[2] reads t1 (1) and x2 (2).
double carr(const double (&x)[3]) {
  double s = x[0];
  for (int i = 1; i < 3; ++i) s = s + x[i];
  return s;
}

// std::array: x1 is never read and leaves at once: [x2, x0] -> x0 at 2, x2 at 1.
double stdarr(const std::array<double, 3>& x) { return x[0] * x[2]; }

// A pointer into a vector: [v1, v0] -> v0 at 2, v1 at 1.
double ptr(const std::vector<double>& v) {
  const double* p = v.data();
  return p[0] + *(p + 1);
}

// do-while from 1: three rounds of x * 2 (1), x < 5 (1), truth (1).
double dowhile(double a) {
  double x = a;
  do {
    x = x * 2;
  } while (x < 5);
  return x;
}

// t++, --t and t -= 1 each read t once, at the top.
double incdec(double a) {
  double t = a;
  t++;
  --t;
  t -= 1;
  return t;
}

// Integer operators, ((a << 1) % b) ^ ~a with [a, b]: a << 1 reads a (1) -> t1;
// t1 % b reads t1 (1) and b (3) -> t2; ~a reads a (2) -> t3; t2 ^ t3 reads 2, 1.
int ints(int a, int b) { return (a << 1) % b ^ ~a; }

// int * double: a conversion is free; the product reads a (1) and b (2).
double mixed(int a, double b) { return a * b; }

// !(a < b) || b > 2 ? a : b with [a, b]: a < b reads 1, 2 -> c1 on top;
// ! reads c1 (1); b > 2 reads b (1) -> c2; || reads c2 (1); the result is b.
double notnot(double a, double b) { return !(a < b) || b > 2 ? a : b; }

// std::min(a, b) is b < a (reads b at 2, a at 1), then a truth read of it.
double minf(double a, double b) { return std::min(a, b); }

// A local array initialised from a and b keeps their keys: reads a (1), b (2).
double local_arr(double a, double b) {
  double t[2] = {a, b};
  return t[0] - t[1];
}

// A returned vector built from a braced list: a * 2 reads a (1); the result
// elements (a * 2 and b) stay live.
std::vector<double> retvec(double a, double b) {
  std::vector<double> v = {a * 2, b};
  return v;
}

// A size excluded from the inputs: [x2, x1, x0] with x2 never read, so
// [x1, x0]. 0 + x[0] reads x0 (2); t1 + x[1] reads t1 (1) and x1 (2).
double sum_first(const std::vector<double>& x, BYTEDMD_UNTRACKED int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s = s + x[i];
  return s;
}

// A nested vector copied, then read: the copy keeps the keys. Row-major
// inputs put m11 on top: [m11, m10, m01, m00]; m01 and m11 are never read:
// [m10, m00]. c[1][0] * 2 reads m10 (1) -> p; p + c[0][0] reads p (1), m00 (2).
double nested(const std::vector<std::vector<double>>& m) {
  std::vector<std::vector<double>> c = m;
  return c[1][0] * 2 + c[0][0];
}

// A template over iterators: *b loads the element it points to. [x2, x1, x0]:
// 0 + x0 reads x0 (3) -> s1, x0 dies; s1 + x1 reads s1 (1), x1 (3); s2 + x2
// reads s2 (1), x2 (2).
template <class It> double accumulate_range(It b, It e) {
  double s = 0;
  for (; b != e; ++b) s += *b;
  return s;
}
double iter_sum(const std::vector<double> &x) { return accumulate_range(x.begin(), x.end()); }

// Structured bindings as range-for variables copy each pair, keys and all.
// Inputs a0, b0, a1, b1 (b1 on top). a0 * b0 reads 4, 3 -> t0 (both die);
// 0 + t0 reads t0 (1) -> s1: [s1, b1, a1]. a1 * b1 reads 3, 2 -> t1;
// s1 + t1 reads 2, 1.
double ranged_pairs(const std::vector<std::pair<double, double>> &ps) {
  double s = 0;
  for (auto [a, b] : ps) s += a * b;
  return s;
}

// A struct parameter: its fields are inputs in declaration order, after the
// later parameters: [p.y, p.x, k]. p.x * k reads 2, 3 -> t; t + p.y reads 1, 2.
struct Point2 {
  double x, y;
};
double struct_param(Point2 p, double k) { return p.x * k + p.y; }

// Pointer parameters: the elements read through them are the inputs, in
// parameter order (the last parameter deepest), then address order. This is
// cases.md's dot_sum with pointers, so its trace: [a1, a0, b1, b0] (n is a
// size, excluded); a0 * b0 reads 2, 4; 0 + t0 reads 1; a1 * b1 reads 2, 3;
// s1 + t1 reads 2, 1.
double dot_pointers(const double *a, const double *b, BYTEDMD_UNTRACKED int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s = s + a[i] * b[i];
  return s;
}

// Only the elements read are inputs: p[0] and q[1], with q's deeper: [p0, q1].
double pointer_reads(const double *p, const double *q) { return *p * *(q + 1); }

// Conditions that declare their variable read it once it has its value.
// a * 2 reads a (1) -> t; `if (t)` reads t (1); s + t reads t (1), s being
// the constant 0 -> s1. m = k is untracked (k counts down from 3): the
// while's test reads nothing, and s + m reads s1, s2, s3 in turn (1 each).
double condition_variables(double a) {
  double s = 0;
  if (double t = a * 2)
    s = s + t;
  int k = 3;
  while (int m = k) {
    s = s + m;
    k = k - 1;
  }
  return s;
}

// volatile locals are locations like any other. [a]: a * 2 reads a (1) ->
// t1 [t1, a]; z += a reads t1 (1), a (2) -> t2 [t2, a]; ++z reads t2 (1)
// -> t3 [t3, a]; z + w reads t3 (1), a (2) -> t4 [t4]; r + q reads t4 (1)
// (q an untracked zero).
double volatile_locals(double a) {
  volatile double z = 0;
  z = a * 2;
  z += a;
  ++z;
  volatile double w = a;
  double r = z + w;
  volatile double q{};
  return r + q;
}

int main() {
  double x3[3] = {1, 2, 3};
  std::printf("%.17g\n", use_template(3));
  std::printf("%.17g\n", rec(3));
  std::printf("%.17g\n", lam(2, 3));
  std::printf("%.17g\n", carr(x3));
  std::printf("%.17g\n", stdarr({1, 2, 3}));
  std::printf("%.17g\n", ptr({1, 2}));
  std::printf("%.17g\n", dowhile(1));
  std::printf("%.17g\n", incdec(4));
  std::printf("%d\n", ints(3, 5));
  std::printf("%.17g\n", mixed(2, 1.5));
  std::printf("%.17g\n", notnot(1, 2));
  std::printf("%.17g\n", minf(1, 2));
  std::printf("%.17g\n", local_arr(5, 2));
  for (double v : retvec(1, 2)) std::printf("%.17g\n", v);
  std::printf("%.17g\n", sum_first({1, 2, 3}, 2));
  std::printf("%.17g\n", nested({{1, 2}, {3, 4}}));
  std::printf("%.17g\n", iter_sum({1, 2, 3}));
  std::printf("%.17g\n", ranged_pairs({{1, 2}, {3, 4}}));
  std::printf("%.17g\n", struct_param({1, 2}, 3));
  const double pa[2] = {0, 1}, pb[2] = {2, 3};
  std::printf("%.17g\n", dot_pointers(pa, pb, 2));
  std::printf("%.17g\n", pointer_reads(pa, pb));
  std::printf("%.17g\n", condition_variables(2));
  std::printf("%.17g\n", volatile_locals(3));
  return 0;
}
