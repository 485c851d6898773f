// main.cpp - not instrumented; calls the measured functions in kernels.cpp,
// and the header's inline helpers directly.
#include "inline_ops.h"
#include "kernels.h"
#include <cstdio>

int main() {
  std::printf("%g\n", my_add(1, 2, 3));
  std::printf("%g\n", dot_n({0, 1}, {2, 3}, 2));
  std::printf("%g\n", add3_across(1, 2, 3));
  std::printf("%g\n", dot_across({0, 1}, {2, 3}));
  std::printf("%g\n", add3_inline(1, 2, 3));
  std::printf("%g\n", dot_inline({0, 1}, {2, 3}));
  // The plain copies of the header's helpers, in this file that is not
  // instrumented.
  std::printf("%g %g\n", add2_inline(4, 5), prod_inline(2.0, 3.0));
}
