// prologue_test.cpp - the rewriter on in-memory sources: the prologue: the site, the frame and the inputs.
#include "rewrite_test_support.h"

namespace bytedmd {
namespace {

TEST(Rewrite, PrologueDeclaresInputsLastParameterFirst) {
  const Instrumented r = instrument(R"cpp(
    #include <vector>
    double f(const std::vector<double> &x, double y, int n) { return y; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code,
                     "static bytedmd_function bytedmd_site = {\"f\", {\"input.cc\", 3, 12, 0}};");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::Frame bytedmd_frame(&bytedmd_site);");
  EXPECT_REWRITES_TO(r.code, "bytedmd_frame.namedInputs(\"n,y,x\", n, y, x);");
}

TEST(Rewrite, UntrackedParametersAreNotInputs) {
  const std::string source = R"cpp(
    #include "bytedmd/runtime.h"
    double f(double a, BYTEDMD_UNTRACKED int n, int m) { return a; })cpp";
  Instrumented r = instrument(source);
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "bytedmd_frame.namedInputs(\"m,a\", m, a);");
  InstrumentOptions options;
  options.untracked = {"f:m"};
  r = instrument(source, options);
  EXPECT_REWRITES_TO(r.code, "bytedmd_frame.namedInputs(\"a\", a);");
}

TEST(Rewrite, FunctionOptionChoosesTheMeasuredFunctions) {
  InstrumentOptions options;
  options.functions = {"ns::g"};
  const Instrumented r = instrument(R"cpp(
    namespace ns { double g(double a) { return a + 1; } }
    double f(double a) { return ns::g(a); })cpp",
                                    options);
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "bytedmd_site = {\"ns::g\"");
  // f is rewritten (it passes keys) but does not open a measurement.
  EXPECT_REWRITES_TO(r.code, "double f(double a) { static bytedmd_function bytedmd_site = "
                             "{\"f\", {\"input.cc\", 3, 12, 0}}; "
                             "::bytedmd::Frame bytedmd_frame(&bytedmd_site, false);");
}

TEST(Rewrite, KeepOutputsMarksReferenceParameters) {
  InstrumentOptions options;
  options.keepOutputs = true;
  const Instrumented r = instrument(R"cpp(
    #include <vector>
    void f(const std::vector<double> &x, std::vector<double> &y, double &z) { y[0] = x[0]; z = x[0]; })cpp",
                                    options);
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "bytedmd_frame.outputs(y); bytedmd_frame.outputs(z);");
  EXPECT_EQ(r.code.find("bytedmd_frame.outputs(x)"), std::string::npos);
}

TEST(Rewrite, CArrayParametersReadTheirElementsAsInputs) {
  // double A[N][M] is double (*)[M]: its elements, like a pointer
  // parameter's, are inputs when first read.
  const Instrumented r = instrument(R"cpp(
    #define N 3
    double f(int n, double A[N][N], const double x[N]) {
      double s = 0;
      for (int i = 0; i < n; i++) s = s + A[i][i] * x[i] + (*A)[1];
      return s;
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.diagnostics.find("pointer parameter"), std::string::npos) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "bytedmd_frame.namedInputs(\"x,A,n\", x, A, n);");
  EXPECT_REWRITES_TO(r.code, "bytedmd_frame.ldIn(A[::bytedmd::index(::bytedmd::ldKey(bytedmd_kv1_i, "
                             "i))][::bytedmd::index(::bytedmd::ldKey(bytedmd_kv1_i, i))], A)");
  EXPECT_REWRITES_TO(r.code,
                     "bytedmd_frame.ldIn(x[::bytedmd::index(::bytedmd::ldKey(bytedmd_kv1_i, i))], x)");
  EXPECT_REWRITES_TO(r.code, "bytedmd_frame.ldIn((*A)[1], A)");
}

} // namespace
} // namespace bytedmd

namespace bytedmd {
namespace {

// bytedmd::size(n) and regions are bookkeeping: n is not read (no escape),
// and a region's object is left as written; the runtime's own Region (with
// bytedmd/instrument.hpp first) does the work. Other functions get a site,
// so a measurement's reads in them are charged to them.
TEST(Rewrite, AnnotationsAreLeftAsWrittenAndFunctionsGetSites) {
  InstrumentOptions options;
  options.functions = {"f"};
  const Instrumented r = instrument(R"cpp(
    #include "bytedmd/bytedmd.h"
    double g(double x) { return x * x; }
    double f(double a, double n) {
      bytedmd::size(n);
      BYTEDMD_REGION("square");
      return g(a);
    })cpp",
                                    options);
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "bytedmd::size(n);");
  // (The macro is spelled out, as the rewriter does in a body it rewrites.)
  EXPECT_REWRITES_TO(r.code, "::bytedmd::Region bytedmd_region_6(\"square\");");
  EXPECT_EQ(r.code.find("escape"), std::string::npos) << r.code;
  EXPECT_REWRITES_TO(r.code, "double g(double x) { static bytedmd_function bytedmd_site = "
                             "{\"g\", {\"input.cc\", 3, 12, 0}}; "
                             "::bytedmd::Frame bytedmd_frame(&bytedmd_site, false);");
}

} // namespace
} // namespace bytedmd
