// phases.cpp - one measurement in two regions, and each phase measured on
// its own (attribution_test.cpp). The first parameter's elements are on
// top of the initial stack, so the first phase never sees b below them;
// every a[i] and the phase's values die inside it (out is not an input,
// and a value stored through it is never read), so the second phase starts
// from b alone. The regions' costs must equal the phases measured alone.
#include "bytedmd/bytedmd.h"

#include <cstdio>
#include <vector>

BYTEDMD_MEASURE void phase_one(const std::vector<double> &a, BYTEDMD_UNTRACKED double &out) {
  out = a[0] * a[1] + a[2] * a[3];
}

BYTEDMD_MEASURE void phase_two(const std::vector<double> &b, BYTEDMD_UNTRACKED double &out) {
  double s = b[0];
  for (int i = 1; i < 4; ++i)
    s = s * b[i] + b[0];
  out = s;
}

BYTEDMD_MEASURE void two_phases(const std::vector<double> &a, const std::vector<double> &b,
                BYTEDMD_UNTRACKED double &out1, BYTEDMD_UNTRACKED double &out2) {
  bytedmd::size(4);
  {
    BYTEDMD_REGION("one");
    out1 = a[0] * a[1] + a[2] * a[3];
  }
  {
    bytedmd::Region region("two");
    double s = b[0];
    for (int i = 1; i < 4; ++i) {
      BYTEDMD_REGION("step");
      s = s * b[i] + b[0];
    }
    out2 = s;
  }
}

int main() {
  const std::vector<double> a{1, 2, 3, 4}, b{0.5, 1.5, 2.5, 3.5};
  double one = 0, two = 0, both1 = 0, both2 = 0;
  phase_one(a, one);
  phase_two(b, two);
  two_phases(a, b, both1, both2);
  std::printf("%g %g %g %g\n", one, two, both1, both2);
  return 0;
}
