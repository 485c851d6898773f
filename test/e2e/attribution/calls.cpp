// calls.cpp - attribution by function and by input, worked by hand in
// attribution_test.cpp.
#include "bytedmd/bytedmd.h"

#include <cstdio>
#include <vector>

double g(double x, double y) { return x + y; }

// t1 = a * b; t2 = g(t1, a); t3 = g(t2, b); return t3 * a.
BYTEDMD_MEASURE double f(double a, double b) {
  double t1 = a * b;
  double t2 = g(t1, a);
  double t3 = g(t2, b);
  return t3 * a;
}

// The conformance cases' dot_explicit.
BYTEDMD_MEASURE double dot(const std::vector<double> &a, const std::vector<double> &b) {
  return a[0] * b[0] + a[1] * b[1];
}

// fib calls itself: its inclusive cost counts each read once.
BYTEDMD_MEASURE double fib(double n, BYTEDMD_UNTRACKED int depth) {
  if (depth < 2)
    return n;
  return fib(n, depth - 1) + fib(n, depth - 2);
}

int main() {
  std::printf("%g\n", f(2, 3));
  std::printf("%g\n", dot({0, 1}, {2, 3}));
  std::printf("%g\n", fib(1.5, 4));
  return 0;
}
