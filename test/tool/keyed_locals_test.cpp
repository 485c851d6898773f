// keyed_locals_test.cpp - the rewriter on in-memory sources: which locals keep
// their key in a variable beside them, and which stay in the shadow because
// some use of them is not a form the rewrite routes (KeyedLocals.cpp).
#include "rewrite_test_support.h"

namespace bytedmd {
namespace {

TEST(KeyedLocals, EveryFormOfAKeyedLocalNamesItsKeyVariable) {
  const Instrumented r = instrument(
      "double f(double a) { double t = a; t = t * a; t += a; ++t; t--; return t; }");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "bytedmd_key bytedmd_kv0_t = 0;");
  EXPECT_REWRITES_TO(r.code, "double t = ::bytedmd::initKey(bytedmd_kv0_t, &t, ::bytedmd::ld(a));");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::setKey(bytedmd_kv0_t, t, ::bytedmd::bin<BYTEDMD_OP_MUL>("
                             "::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv0_t, t), ::bytedmd::ld(a)}");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::csetKey<BYTEDMD_OP_ADD>(bytedmd_kv0_t, t, ::bytedmd::ld(a));");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::preKey<BYTEDMD_OP_ADD>(bytedmd_kv0_t, t);");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::postKey<BYTEDMD_OP_SUB>(bytedmd_kv0_t, t);");
  EXPECT_REWRITES_TO(r.code, "return bytedmd_frame.ret(::bytedmd::ldKey(bytedmd_kv0_t, t));");
}

TEST(KeyedLocals, LoopCountersAndAPostIncrementUsedAsAValue) {
  const Instrumented r = instrument(R"cpp(
    double f(const double *x, int n) {
      double s = 0;
      for (int i = 0; i < n; ++i) s = s + x[i];
      for (int i = 0; i < n;) s = s + x[i++];
      return s;
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  // Two locals named i, each with its own key variable.
  EXPECT_REWRITES_TO(r.code, "for (int i = ::bytedmd::initKey(bytedmd_kv1_i, &i, 0);");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::preKey<BYTEDMD_OP_ADD>(bytedmd_kv1_i, i)");
  EXPECT_REWRITES_TO(r.code, "for (int i = ::bytedmd::initKey(bytedmd_kv2_i, &i, 0);");
  // x++ is a value with its old key, so it is keyed in any context.
  EXPECT_REWRITES_TO(r.code,
                     "::bytedmd::index(::bytedmd::postKey<BYTEDMD_OP_ADD>(bytedmd_kv2_i, i))");
}

/// The declaration of t's key variable is missing, and t's uses are the
/// shadow's forms.
void expectShadowed(const Instrumented &r, const std::string &use) {
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.code.find("_t=0;"), std::string::npos) << r.code;
  EXPECT_EQ(r.code.find("Key(bytedmd_kv0_t"), std::string::npos) << r.code;
  EXPECT_REWRITES_TO(r.code, use);
}

TEST(KeyedLocals, AnAddressTakenOrABoundReferenceKeepsTheShadow) {
  expectShadowed(instrument("double f(double a) { double t = a; double *p = &t; *p = a * a; "
                            "return t; }"),
                 "double t = ::bytedmd::init(&t, ::bytedmd::ld(a));");
  expectShadowed(instrument("double f(double a) { double t = a; double &r = t; r = a * a; "
                            "return t; }"),
                 "return bytedmd_frame.ret(::bytedmd::ld(t));");
  expectShadowed(instrument(R"cpp(
    void twice(double &x) { x = x * 2; }
    double f(double a) { double t = a; twice(t); return t; })cpp"),
                 "return bytedmd_frame.ret(::bytedmd::ld(t));");
  expectShadowed(instrument(R"cpp(
    #include <utility>
    double f(double a, double b) { double t = a, u = b; std::swap(t, u); return t; })cpp"),
                 "return bytedmd_frame.ret(::bytedmd::ld(t));");
}

TEST(KeyedLocals, ALambdasCaptureKeepsTheShadow) {
  expectShadowed(instrument("double f(double a) { double t = a; auto g = [&] { t = t * 2; }; "
                            "g(); return t; }"),
                 "return bytedmd_frame.ret(::bytedmd::ld(t));");
  expectShadowed(instrument("double f(double a) { double t = a; auto g = [t] { return t; }; "
                            "return g(); }"),
                 "double t = ::bytedmd::init(&t, ::bytedmd::ld(a));");
  expectShadowed(instrument("double f(double a) { double t = a; auto g = [=] { return t * 2; }; "
                            "return g(); }"),
                 "double t = ::bytedmd::init(&t, ::bytedmd::ld(a));");
}

TEST(KeyedLocals, AnAssignmentOrIncrementWhoseValueIsUsedKeepsTheShadow) {
  // set and pre return the local itself, whose key the next load seeks in
  // the shadow.
  expectShadowed(instrument("double f(double a) { double t = 0, u = 0; u = (t = a * 2); "
                            "return u; }"),
                 "::bytedmd::set(t, ");
  expectShadowed(instrument("double f(const double *x, int n) { int t = 0; double s = "
                            "x[++t]; return s + n; }"),
                 "::bytedmd::pre<BYTEDMD_OP_ADD>(t)");
  expectShadowed(instrument("double f(double a) { double t = a; double u = (t += 1); "
                            "return u; }"),
                 "::bytedmd::cset<BYTEDMD_OP_ADD>(t, 1)");
}

TEST(KeyedLocals, AConditionalThatYieldsTheLocalKeepsTheShadow) {
  // c ? t : x[0] chooses an lvalue; the chosen one is loaded afterwards.
  expectShadowed(instrument("double f(const double *x, double a) { double t = a * 2; "
                            "return a > 1 ? t : x[0]; }"),
                 "double t = ::bytedmd::init(&t, ");
}

TEST(KeyedLocals, OnlyPlainScalarsOfTheFunctionItself) {
  // A static, a volatile, a template's local, a lambda's own local,
  // std::complex and a parameter are not keyed.
  const Instrumented r = instrument(R"cpp(
    #include <complex>
    double st(double a) { static double t = 0; t = t + a; return t; }
    double vo(double a) { volatile double t = a; return t * 2; }
    template <class T> T tm(T a) { T t = a * 2; return t; }
    double use(double a) { return tm(a); }
    double la(double a) { auto g = [](double x) { double t = x * 2; return t; }; return g(a); }
    double cx(double a) { std::complex<double> t(a, 0); return (t * t).real(); }
    double pa(double t) { t = t * 2; return t; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.code.find("bytedmd_key bytedmd_kv"), std::string::npos) << r.code;
  EXPECT_EQ(r.code.find("Key("), std::string::npos) << r.code;
}

TEST(KeyedLocals, AnUnevaluatedNameKeepsTheShadow) {
  expectShadowed(instrument("double f(double a) { double t = a * 2; return t + sizeof(t); }"),
                 "double t = ::bytedmd::init(&t, ");
}

TEST(KeyedLocals, MaybeUnusedIsTheOneAttributeAllowed) {
  const Instrumented r =
      instrument("double f(double a) { [[maybe_unused]] double t = a * 2; return t; }");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "[[maybe_unused]] double t = ::bytedmd::initKey(bytedmd_kv0_t, &t, ");
}

TEST(KeyedLocals, AnAttributedLocalKeepsTheShadow) {
  // cleanup(fn) calls fn(&t) at the end of t's scope, outside the body's names.
  expectShadowed(instrument(R"cpp(
    double acc = 0;
    void done(double *p) { acc = acc + *p; }
    double f(double a, double b) {
      { double t __attribute__((cleanup(done))) = a * b; }
      return acc + a;
    })cpp"),
                 "double t __attribute__((cleanup(done))) = ::bytedmd::init(&t, ");
}

TEST(KeyedLocals, OnlyStandardArithmeticTypes) {
  // __int128 is arithmetic to std::is_arithmetic only under -std=gnu++17:
  // the shadow forms would not track it under -std=c++17, the keyed ones would.
  expectShadowed(instrument("long long f(long long a, long long b) { __int128 t = a; "
                            "t = t * b; return (long long)(t >> 3); }"),
                 "::bytedmd::set(t, ");
}

TEST(KeyedLocals, AFunctionWithAVariablyModifiedTypeKeysNothing) {
  // n++ in the pointer's bound runs, and no name of n in the body shows it.
  const Instrumented r = instrument(R"cpp(
    double f(double a, double b) {
      int n = (int)a;
      double t = a * b;
      double (*p)[n++] = nullptr;
      (void)p;
      return n * t;
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.code.find("bytedmd_key bytedmd_kv"), std::string::npos) << r.code;
  EXPECT_EQ(r.code.find("Key("), std::string::npos) << r.code;
}

} // namespace
} // namespace bytedmd
