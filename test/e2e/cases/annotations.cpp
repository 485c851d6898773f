// annotations.cpp - the user header bytedmd/bytedmd.h alone provides the
// annotations (runtime.h, the entry set, is not included).
// EXPECT: sum_prefix call=0 cost=5 trace=2,1,2
//
// n is excluded from the inputs by BYTEDMD_UNTRACKED: the inputs are
// [x2, x1, x0] (the first parameter's last element on top), x2 is never read,
// so [x1, x0]. s + x[0] reads x0 (2) and leaves t1 on top; t1 + x[1] reads
// t1 (1) and x1 (2). Had n been an input, i < n would read it too.
#include "bytedmd/bytedmd.h"

#include <cstdio>
#include <vector>

BYTEDMD_MEASURE double sum_prefix(const std::vector<double> &x, BYTEDMD_UNTRACKED int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s = s + x[i];
  return s;
}

int main() { std::printf("%g\n", sum_prefix({1, 2, 3}, 2)); }
