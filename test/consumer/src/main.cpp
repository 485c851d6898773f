// main.cpp - not instrumented; calls the measured functions in kernels.cpp.
#include "kernels.h"
#include <cstdio>

int main() {
  std::printf("%g\n", my_add(1, 2, 3));
  std::printf("%g\n", dot_n({0, 1}, {2, 3}, 2));
  std::printf("%g\n", add3_across(1, 2, 3));
  std::printf("%g\n", dot_across({0, 1}, {2, 3}));
}
