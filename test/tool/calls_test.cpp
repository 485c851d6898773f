// calls_test.cpp - the rewriter on in-memory sources: calls: between instrumented functions, math functions, escapes, lambdas, templates, the modeled library, and calls across files.
#include "rewrite_test_support.h"

namespace bytedmd {
namespace {

TEST(Rewrite, CallsBetweenInstrumentedFunctionsPassKeys) {
  const Instrumented r = instrument(R"cpp(
    double g(double p, const double &q) { return p - q; }
    double f(double a, double b) { return g(a * b, b); }
    int main() { return f(1, 2) > 0 ? 0 : 1; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::call(::bytedmd::seq{::bytedmd::bin<BYTEDMD_OP_MUL>("
                             "::bytedmd::seq{::bytedmd::ld(a), ::bytedmd::ld(b)}), b}, "
                             "[&](auto&&... bytedmd_a) -> decltype(auto) { return "
                             "g(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); })");
  // p is by value (its key travels); q is a reference (its referent has one).
  EXPECT_REWRITES_TO(r.code, "bytedmd_frame.argument(0, p);");
  EXPECT_EQ(r.code.find("bytedmd_frame.argument(1, q)"), std::string::npos);
  // main is not rewritten.
  EXPECT_REWRITES_TO(r.code, "int main() { return f(1, 2) > 0 ? 0 : 1; }");
}

TEST(Rewrite, MathFunctionsMinAndMax) {
  const Instrumented r = instrument(R"cpp(
    #include <algorithm>
    #include <cmath>
    double f(double a, double b) { return std::sqrt(a) + std::pow(a, b) + std::max(a, b) + std::min(a, 1.0); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::math<BYTEDMD_OP_SQRT>(::bytedmd::seq{::bytedmd::ld(a)}, "
                             "[&](auto... bytedmd_v) { return std::sqrt(bytedmd_v...); })");
  EXPECT_REWRITES_TO(
      r.code, "::bytedmd::math<BYTEDMD_OP_POW>(::bytedmd::seq{::bytedmd::ld(a), ::bytedmd::ld(b)}");
  EXPECT_REWRITES_TO(
      r.code,
      "::bytedmd::minmax<BYTEDMD_OP_GT>(::bytedmd::seq{::bytedmd::ld(a), ::bytedmd::ld(b)})");
  EXPECT_REWRITES_TO(r.code,
                     "::bytedmd::minmax<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(a), 1.0})");
}

TEST(Rewrite, ScalarsPassedToUninstrumentedCodeEscape) {
  const Instrumented r = instrument(R"cpp(
    #include <cstdio>
    void f(double a) { std::printf("%g\n", a); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "std::printf(\"%g\\n\", ::bytedmd::escape(::bytedmd::ld(a)));");
}

TEST(Rewrite, TemplatesAreRewrittenOnceGenerically) {
  const Instrumented r = instrument(R"cpp(
    template <class T> T sq(T a) { return a * a; }
    double f(double a, int b) { return sq(a) + sq(b); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "template <class T> T sq(T a) { static bytedmd_function");
  EXPECT_REWRITES_TO(r.code, "return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>("
                             "::bytedmd::seq{::bytedmd::ld(a), ::bytedmd::ld(a)}));");
  // One prologue for the template and one for f, whatever the instantiations.
  std::size_t frames = 0;
  for (std::size_t at = r.code.find("::bytedmd::Frame"); at != std::string::npos;
       at = r.code.find("::bytedmd::Frame", at + 1))
    ++frames;
  EXPECT_EQ(frames, 2u);
}

TEST(Rewrite, LambdasGetAFrameAndTheirCallsPassKeys) {
  const Instrumented r = instrument(R"cpp(
    double f(double a) { auto h = [](double x) { return x * 2; }; return h(a); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "[](double x) { ::bytedmd::Frame bytedmd_frame(nullptr); "
                             "bytedmd_frame.argument(0, x); return bytedmd_frame.ret(");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::call(::bytedmd::seq{::bytedmd::ld(a)}, [&](auto&&... "
                             "bytedmd_a) -> decltype(auto) { return h(");
}

TEST(Rewrite, StandardAlgorithmsAndVectorMembersMoveKeys) {
  const Instrumented r = instrument(R"cpp(
    #include <algorithm>
    #include <vector>
    double f(const std::vector<double> &x, double a) {
      std::vector<double> b(3), c;
      std::copy(x.begin(), x.end(), b.begin());
      std::fill(b.begin(), b.end(), a);
      std::swap(b, c);
      c.insert(c.begin(), a);
      c.assign(2, a);
      c.resize(4, a);
      c.erase(c.begin());
      return c[0];
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::copy(x.begin(), x.end(), b.begin());");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::fill(b.begin(), b.end(), ::bytedmd::ld(a));");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::swap(b, c);");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::vinsert(c, c.begin(), ::bytedmd::ld(a));");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::vassign(c, 2, ::bytedmd::ld(a));");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::vresize(c, 4, ::bytedmd::ld(a));");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::verase(c, c.begin());");
}

TEST(AcrossFiles, CallsToAFunctionDefinedElsewhereDecideAtLinkTime) {
  const Instrumented r = instrument(R"cpp(
    double g(double a, double b);
    double h(double a);
    double f(double a, double b) { return g(a, b) + h(a); }
    double h(double a) { return a * a; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  // g is defined elsewhere: referenced weakly, its arguments escape only if
  // its file is not instrumented. h is defined here: an ordinary call.
  EXPECT_REWRITES_TO(r.code, "extern const char bytedmd_instrumented__Z1gdd __attribute__((weak));");
  EXPECT_REWRITES_TO(r.code, "(::bytedmd::across(&bytedmd_instrumented__Z1gdd), "
                             "::bytedmd::callAcross(::bytedmd::seq{::bytedmd::escapeIf(");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::call(::bytedmd::seq{");
  // f and h are instrumented here: other files may look for them.
  EXPECT_REWRITES_TO(r.code, "const char bytedmd_instrumented__Z1fdd = 1;");
  EXPECT_REWRITES_TO(r.code, "const char bytedmd_instrumented__Z1hd = 1;");
  EXPECT_EQ(r.code.find("bytedmd_instrumented__Z1hd __attribute__((weak))"), std::string::npos);
}

TEST(AcrossFiles, StaticAndStandardFunctionsAreNotAcross) {
  const Instrumented r = instrument(R"cpp(
    #include <cmath>
    static double k(double a) { return a; }
    double f(double a) { return std::sqrt(a) + k(a); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.code.find("::bytedmd::across("), std::string::npos) << r.code;
  EXPECT_EQ(r.code.find("bytedmd_instrumented__ZL1kd"), std::string::npos) << r.code;
}

TEST(Rewrite, UsedResultsOfUninstrumentedCodeAreChecked) {
  // The result of code the tool does not see, computed from a tracked value
  // that escaped into it, is approximate at run time; a discarded one (a
  // printf) is nothing to check.
  const Instrumented r = instrument(R"cpp(
    #include <cstdio>
    double opaque(double);
    double f(double a) { std::printf("%g", a); return opaque(a) * 2; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "std::printf(\"%g\", ::bytedmd::escape(::bytedmd::ld(a)));");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::callAcross(::bytedmd::seq{::bytedmd::escapeIf("
                             "::bytedmd::ld(a))}");
  EXPECT_REWRITES_TO(r.code, "nullptr, \"bytedmd: the result of 'opaque', which is not "
                             "instrumented, is computed from tracked values but taken as "
                             "untracked; the measurement is approximate\"))");
  const Instrumented s = instrument(R"cpp(
    #include <cmath>
    #include <cstdlib>
    double f(double a) { return std::strtod("1", nullptr) + double(std::abs(int(a))) + std::ldexp(a, 2); })cpp");
  ASSERT_TRUE(s.produced) << s.diagnostics;
  EXPECT_REWRITES_TO(s.code, "(::bytedmd::opaqueMark(), ::bytedmd::opaqueResult(std::ldexp(");
  // No tracked argument: nothing to check.
  EXPECT_EQ(s.code.find("opaqueResult(std::strtod"), std::string::npos) << s.code;
}

TEST(Rewrite, ClassificationFunctionsAreInstructions) {
  const Instrumented r = instrument(R"cpp(
    #include <cmath>
    bool f(double a) { return std::isnan(a) || std::isinf(a); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::math<BYTEDMD_OP_ISNAN>(::bytedmd::seq{::bytedmd::ld(a)}");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::math<BYTEDMD_OP_ISINF>(::bytedmd::seq{::bytedmd::ld(a)}");
}

TEST(Rewrite, AnAssignmentToATieCopiesTheMembersKeys) {
  // std::tie(t, u) = p: t and u are copies of p's members; the tie reads nothing.
  const Instrumented r = instrument(R"cpp(
    #include <tuple>
    #include <utility>
    double f(double a, double b) {
      double t, u;
      std::tie(t, u) = std::make_pair(b, a);
      return t - u;
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::assignTied(std::tie(t, u) , ::bytedmd::make_pair("
                             "::bytedmd::seq{::bytedmd::ld(b), ::bytedmd::ld(a)}));");
}

TEST(Rewrite, APairBuiltInAnArgumentCarriesItsMembersKeys) {
  // std::pair's constructor copies the values without their keys:
  // tupleOf builds the pair and binds them, and hands them to the
  // parameter (or to the temporary a reference binds), as make_pair does.
  const Instrumented r = instrument(R"cpp(
    #include <utility>
    double g(std::pair<double, double> p) { return p.first * p.second; }
    double h(const std::pair<double, double> &p) { return p.first * p.second; }
    double f(double a, double b) {
      return g(std::pair<double, double>(a, b)) + g({b, a}) + g(std::pair<double, double>{a, b}) +
             h(std::pair<double, double>(a, b));
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  const std::string pair = "::bytedmd::tupleOf<std::pair<double, double>>(::bytedmd::seq{";
  EXPECT_REWRITES_TO(r.code, "::bytedmd::seq{" + pair + "::bytedmd::ld(a), ::bytedmd::ld(b)})}");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::seq{" + pair + "::bytedmd::ld(b), ::bytedmd::ld(a)})}");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::seq{::bytedmd::received(" + pair +
                                 "::bytedmd::ld(a), ::bytedmd::ld(b)}))}");
}

TEST(Rewrite, AOneMemberTupleBuiltInAnArgumentCarriesItsKey) {
  // std::tuple<double>(a) is a functional cast in the AST: tupleOf all the same.
  const Instrumented r = instrument(R"cpp(
    #include <tuple>
    double g(std::tuple<double> t) { return std::get<0>(t); }
    double f(double a) { return g(std::tuple<double>(a)); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::seq{::bytedmd::tupleOf<std::tuple<double>>(::bytedmd::seq{"
                             "::bytedmd::ld(a)})}");
}

} // namespace
} // namespace bytedmd
