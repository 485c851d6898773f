#include "bytedmd/instrument.hpp"  // added by bytedmd-instrument
// vectors.cpp - conformance cases on vectors and a small matrix (cases.md, "Expected numbers").
//
// EXPECT: dot_explicit call=0 cost=11 trace=2,4,2,3,2,1
// EXPECT: dot_sum call=0 cost=12 trace=2,4,1,2,3,2,1
// EXPECT: index call=0 cost=2 trace=2
// EXPECT: transpose call=0 cost=0 trace=
#include <cstdio>
#include <vector>

// cases.md: dot_explicit([0,1],[2,3])
double dot_explicit(const std::vector<double>& a, const std::vector<double>& b) { static bytedmd_function bytedmd_site = {"dot_explicit", {"test/e2e/cases/vectors.cpp", 11, 8, 0}}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/cases/vectors.cpp", 12, 0, 0, "a[0] * b[0]"}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/cases/vectors.cpp", 12, 0, 0, "a[0] * b[0] + a[1] * b[1]"}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/cases/vectors.cpp", 12, 0, 0, "a[1] * b[1]"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("b,a", b, a);
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a[0]) , ::bytedmd::ld(b[0])}, &bytedmd_loc_1) , ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a[1]) , ::bytedmd::ld(b[1])}, &bytedmd_loc_2)}, &bytedmd_loc_0));
}

// cases.md: dot_sum([0,1],[2,3])
double dot_sum(const std::vector<double>& a, const std::vector<double>& b) { static bytedmd_function bytedmd_site = {"dot_sum", {"test/e2e/cases/vectors.cpp", 16, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/cases/vectors.cpp", 18, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_4 = {"test/e2e/cases/vectors.cpp", 18, 0, 0, "a[i] * b[i]"}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/cases/vectors.cpp", 18, 0, 0, "i"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/cases/vectors.cpp", 18, 0, 0, "i < a.size()"}; static bytedmd_location bytedmd_loc_3 = {"test/e2e/cases/vectors.cpp", 18, 0, 0, "s"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("b,a", b, a); bytedmd_key bytedmd_kv0_s = 0; bytedmd_key bytedmd_kv1_i = 0;
  double s = ::bytedmd::initKey(bytedmd_kv0_s, &s, 0);
  for (size_t i = ::bytedmd::initKey(bytedmd_kv1_i, &i, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv1_i, i) , a.size()}, &bytedmd_loc_1), &bytedmd_loc_0); ::bytedmd::preKey<BYTEDMD_OP_ADD>(bytedmd_kv1_i, i, &bytedmd_loc_2)) ::bytedmd::setKey(bytedmd_kv0_s, s , ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv0_s, s) , ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a[::bytedmd::index(::bytedmd::ldKey(bytedmd_kv1_i, i), &bytedmd_loc_0)]) , ::bytedmd::ld(b[::bytedmd::index(::bytedmd::ldKey(bytedmd_kv1_i, i), &bytedmd_loc_0)])}, &bytedmd_loc_4)}, &bytedmd_loc_3));
  return bytedmd_frame.ret(::bytedmd::ldKey(bytedmd_kv0_s, s));
}

// cases.md: index([10,20,30],1)
double index(const std::vector<double>& xs, int i) { static bytedmd_function bytedmd_site = {"index", {"test/e2e/cases/vectors.cpp", 23, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/cases/vectors.cpp", 23, 0, 0, nullptr}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(1, i); bytedmd_frame.namedInputs("i,xs", i, xs); return bytedmd_frame.ret(::bytedmd::ld(xs[::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_0)])); }

// cases.md: transpose([[1,2],[3,4]])
std::vector<std::vector<double>> transpose(const std::vector<std::vector<double>>& A) { static bytedmd_function bytedmd_site = {"transpose", {"test/e2e/cases/vectors.cpp", 26, 34, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/cases/vectors.cpp", 28, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/cases/vectors.cpp", 29, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_3 = {"test/e2e/cases/vectors.cpp", 29, 0, 0, "i"}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/cases/vectors.cpp", 29, 0, 0, "i < n"}; static bytedmd_location bytedmd_loc_4 = {"test/e2e/cases/vectors.cpp", 30, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_6 = {"test/e2e/cases/vectors.cpp", 30, 0, 0, "j"}; static bytedmd_location bytedmd_loc_5 = {"test/e2e/cases/vectors.cpp", 30, 0, 0, "j < n"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("A", A); bytedmd_key bytedmd_kv0_n = 0; bytedmd_key bytedmd_kv1_i = 0; bytedmd_key bytedmd_kv2_j = 0;
  size_t n = ::bytedmd::initKey(bytedmd_kv0_n, &n, A.size());
  std::vector<std::vector<double>> T = ::bytedmd::fillConstruct<decltype(T)>(::bytedmd::index(::bytedmd::ldKey(bytedmd_kv0_n, n), &bytedmd_loc_0), ::bytedmd::countConstruct<std::vector<double>>(::bytedmd::index(::bytedmd::ldKey(bytedmd_kv0_n, n), &bytedmd_loc_0)));
  for (size_t i = ::bytedmd::initKey(bytedmd_kv1_i, &i, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv1_i, i) , ::bytedmd::ldKey(bytedmd_kv0_n, n)}, &bytedmd_loc_2), &bytedmd_loc_1); ::bytedmd::preKey<BYTEDMD_OP_ADD>(bytedmd_kv1_i, i, &bytedmd_loc_3))
    for (size_t j = ::bytedmd::initKey(bytedmd_kv2_j, &j, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv2_j, j) , ::bytedmd::ldKey(bytedmd_kv0_n, n)}, &bytedmd_loc_5), &bytedmd_loc_4); ::bytedmd::preKey<BYTEDMD_OP_ADD>(bytedmd_kv2_j, j, &bytedmd_loc_6)) ::bytedmd::set(T[::bytedmd::index(::bytedmd::ldKey(bytedmd_kv1_i, i), &bytedmd_loc_4)][::bytedmd::index(::bytedmd::ldKey(bytedmd_kv2_j, j), &bytedmd_loc_4)] , ::bytedmd::ld(A[::bytedmd::index(::bytedmd::ldKey(bytedmd_kv2_j, j), &bytedmd_loc_4)][::bytedmd::index(::bytedmd::ldKey(bytedmd_kv1_i, i), &bytedmd_loc_4)]));
  { bytedmd_frame.results(T); return T; }
}

int main() {
  std::printf("%.17g\n", dot_explicit({0, 1}, {2, 3}));
  std::printf("%.17g\n", dot_sum({0, 1}, {2, 3}));
  std::printf("%.17g\n", index({10, 20, 30}, 1));
  for (const std::vector<double>& row : transpose({{1, 2}, {3, 4}}))
    for (double v : row) std::printf("%.17g\n", v);
  return 0;
}

// added by bytedmd-instrument: this file's functions are instrumented
extern const char bytedmd_instrumented__Z12dot_explicitRKSt6vectorIdSaIdEES3_;
const char bytedmd_instrumented__Z12dot_explicitRKSt6vectorIdSaIdEES3_ = 1;
extern const char bytedmd_instrumented__Z7dot_sumRKSt6vectorIdSaIdEES3_;
const char bytedmd_instrumented__Z7dot_sumRKSt6vectorIdSaIdEES3_ = 1;
extern const char bytedmd_instrumented__Z5indexRKSt6vectorIdSaIdEEi;
const char bytedmd_instrumented__Z5indexRKSt6vectorIdSaIdEEi = 1;
extern const char bytedmd_instrumented__Z9transposeRKSt6vectorIS_IdSaIdEESaIS1_EE;
const char bytedmd_instrumented__Z9transposeRKSt6vectorIS_IdSaIdEESaIS1_EE = 1;
