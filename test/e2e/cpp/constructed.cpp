// constructed.cpp - objects built from tracked values where the rewrite
// cannot name the place they land: a small class (trivially copyable, at
// most 16 bytes) built by its own instrumented constructor comes back in
// registers; a std::pair built in an argument; a class declared in a
// condition; a braced list that leaves elements out. Each keeps its values'
// keys (a copy is free). Traces worked out by hand; inputs stored last
// parameter first, so the first parameter ends on top.
//
// EXPECT: array_zeros call=0 cost=8 trace=1,2,2,2,1
// EXPECT: gap_in_list call=0 cost=10 trace=2,1,2,3,2,1
#include <array>
#include <cstdio>

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
  std::printf("%.17g\n", array_zeros(1.5, 2.5));
  std::printf("%.17g\n", gap_in_list(1.5, 2.5));
  return 0;
}
