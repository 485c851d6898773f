// function_objects_test.cpp - the rewriter on in-memory sources: <functional>'s
// function objects and the callables handed to algorithms (the shapes; the
// numbers are test/e2e/function_objects_test.cpp's).
#include "rewrite_test_support.h"

namespace bytedmd {
namespace {

TEST(FunctionObjectRewrites, ATypedOneHandedToAnAlgorithmIsAdapted) {
  const Instrumented r = instrument(R"cpp(
    #include <functional>
    #include <numeric>
    #include <vector>
    double f(const std::vector<double> &v) {
      return std::accumulate(v.begin(), v.end(), 1.0, std::multiplies<double>()); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "std::accumulate(::bytedmd::iter(v.begin()),::bytedmd::iter(v.end()),"
                             "::bytedmd::elem(1.0),::bytedmd::functor(std::multiplies<double>()))");
}

TEST(FunctionObjectRewrites, OneStoredInAVariableIsAdaptedToo) {
  const Instrumented r = instrument(R"cpp(
    #include <algorithm>
    #include <functional>
    #include <vector>
    void f(std::vector<double> &v) { std::greater<double> gt; std::sort(v.begin(), v.end(), gt); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::iter(v.end()),::bytedmd::functor(gt))");
}

TEST(FunctionObjectRewrites, ACallInTheFileIsTheInstruction) {
  const Instrumented r = instrument(R"cpp(
    #include <functional>
    double f(double a, double b) { std::minus<double> sub; return std::plus<double>()(a, b) * sub(b, a); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::functorCall(std::plus<double>(),::bytedmd::seq{"
                             "::bytedmd::ld(a),::bytedmd::ld(b)}");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::functorCall(sub,::bytedmd::seq{::bytedmd::ld(b),"
                             "::bytedmd::ld(a)}");
}

TEST(FunctionObjectRewrites, AFunctionOfTheFileByNameIsAnInstrumentedCallable) {
  const Instrumented r = instrument(R"cpp(
    #include <algorithm>
    #include <vector>
    double sq(double x) { return x * x; }
    void f(const std::vector<double> &a, std::vector<double> &o) {
      std::transform(a.begin(), a.end(), o.begin(), sq); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::iter(o.begin()),::bytedmd::callable(sq))");
}

TEST(FunctionObjectRewrites, AnObjectOfAClassOfTheFileIsCalledAsAMethod) {
  // Its operator()'s frame takes the object first, as any method's does.
  const Instrumented r = instrument(R"cpp(
    #include <algorithm>
    #include <vector>
    struct Scale { double k; double operator()(double x) const { return k * x; } };
    void f(std::vector<double> &a, double k) { Scale s{k}; std::transform(a.begin(), a.end(), a.begin(), s); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::iter(a.begin()),::bytedmd::callableObject(s))");
}

TEST(FunctionObjectRewrites, AlgorithmsThatReadStructsInPlaceLeaveTheirIterators) {
  // The lambda reads p.x where its key is; sort would move the structs
  // inside the library, so it stays a call out.
  const Instrumented r = instrument(R"cpp(
    #include <algorithm>
    #include <numeric>
    #include <vector>
    struct P { double x, y; };
    double f(std::vector<P> &ps) {
      double s = std::accumulate(ps.begin(), ps.end(), 0.0, [](double t, const P &p) { return t + p.x; });
      std::sort(ps.begin(), ps.end(), [](const P &a, const P &b) { return a.x < b.x; });
      return s; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u) << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("call to 'std::sort'"), std::string::npos) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "std::accumulate(ps.begin(),ps.end(),::bytedmd::elem(0.0),"
                             "::bytedmd::callable(");
}

TEST(FunctionObjectRewrites, AStdFunctionOrAPointerVariableIsCalledThrough) {
  // Whether what it holds is instrumented is known when it is called.
  const Instrumented r = instrument(R"cpp(
    #include <functional>
    #include <numeric>
    #include <vector>
    double f(const std::vector<double> &a, const std::function<double(double, double)> &g,
             double (*h)(double, double)) {
      return std::accumulate(a.begin(), a.end(), 0.0, g) + std::accumulate(a.begin(), a.end(), 0.0, h); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::callableThrough(g,[](){staticconstbytedmd_location");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::callableThrough(h,[](){staticconstbytedmd_location");
  EXPECT_REWRITES_TO(r.code, "\"bytedmd: the callable handed to 'std::accumulate' here is not "
                             "instrumented;");
}

TEST(FunctionObjectRewrites, MinOfABracedListComparesTheValuesWithTheirKeys) {
  const Instrumented r = instrument(R"cpp(
    #include <algorithm>
    double f(double a, double b, double c) { return std::min({a, b, c}); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "std::min({::bytedmd::elem(::bytedmd::ld(a)),"
                             "::bytedmd::elem(::bytedmd::ld(b)),::bytedmd::elem(::bytedmd::ld(c))})");
}

TEST(FunctionObjectRewrites, ClampAndMaxWithAComparatorRunOnValues) {
  const Instrumented r = instrument(R"cpp(
    #include <algorithm>
    double f(double x, double lo, double hi) {
      return std::clamp(x, lo, hi) + std::max(x, lo, [](double p, double q) { return p < q; }); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "std::clamp(::bytedmd::elem(::bytedmd::ld(x)),"
                             "::bytedmd::elem(::bytedmd::ld(lo)),::bytedmd::elem(::bytedmd::ld(hi)))");
  EXPECT_REWRITES_TO(r.code, "std::max(::bytedmd::elem(::bytedmd::ld(x)),"
                             "::bytedmd::elem(::bytedmd::ld(lo)),::bytedmd::callable(");
}

TEST(FunctionObjectRewrites, ClampBoundToAReferenceStaysACallOut) {
  // The reference would bind the adaptor's value: diagnosed instead.
  const Instrumented r = instrument(R"cpp(
    #include <algorithm>
    double f(double x, double lo, double hi) { const double &r = std::clamp(x, lo, hi); return r * 2; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u) << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("call to 'std::clamp'"), std::string::npos) << r.diagnostics;
}

TEST(FunctionObjectRewrites, MinmaxOfABracedListIsACallOutWhoseResultIsApproximate) {
  // Its pair would need its keys handed back; not modeled, never silent.
  const Instrumented r = instrument(R"cpp(
    #include <algorithm>
    double f(double a, double b, double c) { auto p = std::minmax({a, b, c}); return p.second - p.first; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::opaqueResult(std::minmax({");
}

TEST(FunctionObjectRewrites, AFunctionObjectTheToolDoesNotSeeIsACallOut) {
  // std::hash's operator() is compiled elsewhere: x escapes (a read), and
  // the result computed from it is approximate.
  const Instrumented r = instrument(R"cpp(
    #include <functional>
    #include <cstddef>
    std::size_t f(double x) { return std::hash<double>()(x); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::opaqueResult(std::hash<double>()(::bytedmd::escape(");
}

} // namespace
} // namespace bytedmd
