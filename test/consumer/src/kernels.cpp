// kernels.cpp - measured through bytedmd_instrument(). It builds only with
// the target's define and include path, so a rewrite without the target's
// flags fails.
#include "helpers.h"
#include "inline_ops.h"
#include "kernels.h"
#ifndef CONSUMER_KERNELS
#error "CONSUMER_KERNELS must come from the target's compile definitions"
#endif

// cases.md: my_add(1,2,3): cost 6, trace 1,2,1,2.
double my_add(double a, double b, double c) { return (a + b) + c; }

// With n untracked (UNTRACKED dot_n:n) and n = 2, this performs
// cases.md's dot_explicit([0,1],[2,3]) = a[0]*b[0] + a[1]*b[1]:
// cost 11, trace 2,4,2,3,2,1.
double dot_n(const std::vector<double> &a, const std::vector<double> &b, int n) {
  double s = a[0] * b[0];
  for (int i = 1; i < n; ++i)
    s = s + a[i] * b[i];
  return s;
}

// Across files (add2 and prod are in helpers.cpp): the same cost as the code
// in one function. add3_across(1,2,3) is my_add(1,2,3): cost 6, trace
// 1,2,1,2; dot_across([0,1],[2,3]) is dot_explicit: cost 11, trace
// 2,4,2,3,2,1.
double add3_across(double a, double b, double c) { return add2(a, b) + c; }
double dot_across(const std::vector<double> &a, const std::vector<double> &b) {
  return prod(a[0], b[0]) + prod(a[1], b[1]);
}

// Through the project's header inline_ops.h (opted in with
// INSTRUMENT_HEADERS): the same costs again. add3_inline(1,2,3): cost 6,
// trace 1,2,1,2; dot_inline([0,1],[2,3]): cost 11, trace 2,4,2,3,2,1.
double add3_inline(double a, double b, double c) { return add2_inline(a, b) + c; }
double dot_inline(const std::vector<double> &a, const std::vector<double> &b) {
  return prod_inline(a[0], b[0]) + prod_inline(a[1], b[1]);
}

// Not listed in FUNCTIONS: rewritten but never measured.
double unmeasured(double x) { return x * x; }
