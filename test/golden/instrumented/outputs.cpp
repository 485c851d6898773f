#include "bytedmd/instrument.hpp"  // added by bytedmd-instrument
// Outputs through a reference parameter: not results by default (as in the
// reference tracer); live to the end with --keep-outputs.
#include <cstdio>
#include <vector>

void scale(const std::vector<double> &x, std::vector<double> &y) { static bytedmd_function bytedmd_site = {"scale", {"test/e2e/inputs/outputs.cpp", 6, 6, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/inputs/outputs.cpp", 7, 0, 0, "y[0]"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/inputs/outputs.cpp", 8, 0, 0, "y[1]"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.outputs(y); bytedmd_frame.namedInputs("y,x", y, x);
  ::bytedmd::set(y[0] , ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(x[0]) , 2}, &bytedmd_loc_0));
  ::bytedmd::set(y[1] , ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(x[1]) , 3}, &bytedmd_loc_1));
}

int main() {
  std::vector<double> x = {1, 2}, y = {0, 0};
  scale(x, y);
  std::printf("%g %g\n", y[0], y[1]);
  return 0;
}

// added by bytedmd-instrument: this file's functions are instrumented
extern const char bytedmd_instrumented__Z5scaleRKSt6vectorIdSaIdEERS1_;
const char bytedmd_instrumented__Z5scaleRKSt6vectorIdSaIdEERS1_ = 1;
