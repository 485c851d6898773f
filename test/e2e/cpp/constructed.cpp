// constructed.cpp - objects built from tracked values where the rewrite
// cannot name the place they land: a small class (trivially copyable, at
// most 16 bytes) built by its own instrumented constructor comes back in
// registers; a std::pair built in an argument; a class declared in a
// condition; a braced list that leaves elements out. Each keeps its values'
// keys (a copy is free). Traces worked out by hand; inputs stored last
// parameter first, so the first parameter ends on top.
//
// EXPECT: small_forms call=0 cost=7 trace=1,1,1,1,1,2
// EXPECT: two_doubles call=0 cost=10 trace=1,2,3,2,2,1
// EXPECT: passed call=0 cost=10 trace=1,2,2,3,2,1
// EXPECT: members_of_temporaries call=0 cost=3 trace=1,2
// EXPECT: pair_arguments call=0 cost=10 trace=1,2,2,3,2,1
// EXPECT: pair_braced call=0 cost=10 trace=1,2,2,3,2,1
// EXPECT: one_tuple call=0 cost=4 trace=1,1,2
// EXPECT: flag_if call=0 cost=4 trace=1,1,1,1
// EXPECT: flag_braced call=0 cost=4 trace=1,1,1,1
// EXPECT: array_zeros call=0 cost=8 trace=1,2,2,2,1
// EXPECT: gap_in_list call=0 cost=10 trace=2,1,2,3,2,1
#include <array>
#include <cstdio>
#include <tuple>
#include <utility>

struct S1 {
  double v;
  S1(double x) : v(x) {}
};
struct S2 {
  double x, y;
  S2(double a, double b) : x(a), y(b) {}
};
struct Flag {
  double v;
  Flag(double x) : v(x) {}
  explicit operator bool() const { return v != 0; }
};

// [a]: s.v holds a; s.v * a reads 1, 1 -> p [a, p]. t.v holds p: t.v * t.v
// reads 1, 1 -> q (p dead) [a, q]. u.v holds q: u.v * a reads 1, 2.
double small_forms(double a) {
  S1 s(a);
  double p = s.v * a;
  S1 t = S1(p);
  double q = t.v * t.v;
  S1 u{q};
  return u.v * a;
}

// [b, a]: s.x * t.x is a * b, reads 1, 2 -> r1 [a, b, r1]; u.x - u.y is
// a - b, reads 3, 2 -> r2 (a, b dead) [r1, r2]; r1 + r2 reads 2, 1.
double two_doubles(double a, double b) {
  S2 s(a, b);
  S2 t = S2(b, a);
  S2 u{a, b};
  return s.x * t.x + (u.x - u.y);
}

double take(S1 s, double x) { return s.v * x; }
double take_ref(const S1 &s, double x) { return s.v - x; }

// [b, a]: take: a * b reads 1, 2 -> r1 [a, b, r1]; take_ref: b - a reads
// 2, 3 -> r2 [r1, r2]; r1 + r2 reads 2, 1.
double passed(double a, double b) { return take(S1(a), b) + take_ref(S1(b), a); }

S1 make(double a) { return a; }

// [b, a]: S1(a).v holds a, make(b).v holds b: a * b reads 1, 2.
double members_of_temporaries(double a, double b) { return S1(a).v * make(b).v; }

double product(std::pair<double, double> p) { return p.first * p.second; }
double difference(const std::pair<double, double> &p) { return p.first - p.second; }

// [b, a]: product: a * b reads 1, 2 -> r1 [a, b, r1]; difference: b - a
// reads 2, 3 -> r2 [r1, r2]; r1 + r2 reads 2, 1.
double pair_arguments(double a, double b) {
  return product(std::pair<double, double>(a, b)) + difference({b, a});
}
// The same numbers: the second product is b * a.
double pair_braced(double a, double b) {
  return product(std::pair<double, double>{a, b}) + product({b, a});
}

// One argument makes a cast in the AST, a construction all the same. [a]:
// twice: t's member holds a; it * 2.0 reads 1 -> r [a, r]; r * a reads 1, 2.
double twice(std::tuple<double> t) { return std::get<0>(t) * 2.0; }
double one_tuple(double a) { return twice(std::tuple<double>(a)) * a; }

// [a]: t.v holds a. The test calls operator bool: v != 0 reads 1 -> c
// [a, c]; the if reads c (1, then dead) [a]; t.v * a reads 1, 1.
double flag_if(double a) {
  if (Flag t = a)
    return t.v * a;
  return 0;
}
double flag_braced(double a) {
  if (Flag t{a})
    return t.v * a;
  return 0;
}

// [b, a]: x[0] holds a, y[0] b, the rest are untracked zeros. x[0] * y[0]
// reads 1, 2 -> r1 [a, r1] (b dead); y[1] + a reads a only (2) -> r2
// [r1, r2]; r1 * r2 reads 2, 1.
double array_zeros(double a, double b) {
  std::array<double, 3> x{};
  x[0] = a;
  std::array<double, 3> y{b};
  return x[0] * y[0] * (y[1] + a);
}

// Left-out elements before written ones hold their places: u[1][0] holds
// b and m[1][0] holds a. [b, a]: b * a reads 2, 1 -> r1 [b, a, r1]; a * b
// reads 2, 3 -> r2 [r1, r2]; r1 + r2 reads 2, 1.
double gap_in_list(double a, double b) {
  double u[2][2] = {{a}, {b}};
  std::array<std::array<double, 2>, 2> m{{{b}, {a}}};
  return u[1][0] * u[0][0] + m[1][0] * m[0][0];
}

int main() {
  std::printf("%.17g\n", small_forms(1.5));
  std::printf("%.17g\n", two_doubles(1.5, 2.5));
  std::printf("%.17g\n", passed(1.5, 2.5));
  std::printf("%.17g\n", members_of_temporaries(1.5, 2.5));
  std::printf("%.17g\n", pair_arguments(1.5, 2.5));
  std::printf("%.17g\n", pair_braced(1.5, 2.5));
  std::printf("%.17g\n", one_tuple(1.5));
  std::printf("%.17g\n", flag_if(1.5));
  std::printf("%.17g\n", flag_braced(1.5));
  std::printf("%.17g\n", array_zeros(1.5, 2.5));
  std::printf("%.17g\n", gap_in_list(1.5, 2.5));
  return 0;
}
