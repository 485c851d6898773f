// macros_test.cpp - the rewriter on in-memory sources: code reached through
// a macro is measured as its expansion (semantics.md, "Macros"). A macro
// the rewrite can edit around stays; one whose body needs edits is replaced
// by its expansion, and the file is rewritten once more.
#include "rewrite_test_support.h"

namespace bytedmd {
namespace {

TEST(Macros, WrappersAndBoundsStayAsWritten) {
  const Instrumented r = instrument(R"cpp(
    #define SCALAR_VAL(x) x
    #define BOUND(x, y) y
    #define _PB_N BOUND(N, n)
    #define N 4
    #define SCALE alpha
    double f(double *A, double alpha, int n) {
      double s = 0;
      for (int i = 0; i < _PB_N; i++)
        s = s + A[i] * SCALAR_VAL(2.0) * SCALE;
      return s + N;
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  // The bound expands to n, a name: it is loaded as written. The wrapper's
  // argument is a constant, the product closes after the invocation.
  EXPECT_REWRITES_TO(r.code, "::bytedmd::ldKey(bytedmd_kv1_i, i), ::bytedmd::ld(_PB_N)}");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{"
                             "bytedmd_frame.ldIn(A[::bytedmd::index(::bytedmd::ldKey(bytedmd_kv1_i, "
                             "i))], A), SCALAR_VAL(2.0)}), ::bytedmd::ld(SCALE)}");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::ldKey(bytedmd_kv0_s, s), N}");
  EXPECT_EQ(r.code.find("BOUND(N,n)}"), std::string::npos);
}

TEST(Macros, BodiesThatComputeAreReplacedByTheirExpansion) {
  const Instrumented r = instrument(R"cpp(
    #include <cmath>
    #define SQRT_FUN(x) sqrt(x)
    #define max_score(a, b) ((a) >= (b) ? (a) : (b))
    double f(double a, double b) {
      double s = SQRT_FUN(a);
      return max_score(s, b);
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::math<BYTEDMD_OP_SQRT>(::bytedmd::seq{::bytedmd::ld(a)}, "
                             "[&](auto... bytedmd_v) { return sqrt(bytedmd_v...); })");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::bin<BYTEDMD_OP_GE>(::bytedmd::seq{::bytedmd::ld((s)), "
                             "::bytedmd::ld((b))})");
  // The definitions stay; the invocations are gone.
  EXPECT_REWRITES_TO(r.code, "#define SQRT_FUN(x) sqrt(x)");
  EXPECT_EQ(r.code.find("SQRT_FUN(a)"), std::string::npos) << r.code;
  EXPECT_EQ(r.code.find("max_score(s"), std::string::npos) << r.code;
}

TEST(Macros, AnArgumentUsedTwiceIsExpanded) {
  // x's two uses would both edit where x is written.
  const Instrumented r = instrument(R"cpp(
    #define AT2(v, x) v[x] + v[x]
    double f(const double *v, int i) { return AT2(v, i); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_EQ(r.code.find("AT2(v,i)"), std::string::npos) << r.code;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{"
                             "bytedmd_frame.ldIn(v [::bytedmd::index(::bytedmd::ld(i))], v), "
                             "bytedmd_frame.ldIn(v [::bytedmd::index(::bytedmd::ld(i))], v)}");
}

TEST(Macros, StatementMacrosAreExpanded) {
  const Instrumented r = instrument(R"cpp(
    #define SWAP(a, b) { double t = a; a = b; b = t; }
    double f(double x, double y) { SWAP(x, y); return x - y; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "double t = ::bytedmd::initKey(bytedmd_kv0_t, &t, ::bytedmd::ld(x));");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::set(x, ::bytedmd::ld(y));");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::set(y, ::bytedmd::ldKey(bytedmd_kv0_t, t));");
}

TEST(Macros, LinesAfterAnExpandedInvocationKeepTheirNumbers) {
  const Instrumented r = instrument("#define ADD3(a, b, c) ((a) + (b) + (c))\n"
                                    "double f(double a, double b) {\n"
                                    "  double s = ADD3(a,\n"
                                    "                  b,\n"
                                    "                  a);\n"
                                    "  return s * b;\n"
                                    "}\n");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_NE(r.withLocations.find(R"({"input.cc",6,0,0,"s*b"})"), std::string::npos)
      << r.withLocations;
}

TEST(Macros, WithoutExpansionABodyThatComputesIsReported) {
  InstrumentOptions options;
  options.expandMacros = false;
  const Instrumented r = instrument(R"cpp(
    #define TWICE(x) ((x) + (x))
    double f(double a) { return TWICE(a); })cpp",
                                    options);
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u) << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("input.cc:3:33: warning: bytedmd: expression expanded from a "
                               "macro is not rewritten"),
            std::string::npos)
      << r.diagnostics;
}

} // namespace
} // namespace bytedmd
