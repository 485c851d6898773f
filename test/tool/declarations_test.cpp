// declarations_test.cpp - the rewriter on in-memory sources: declarations, returns and object copies.
#include "rewrite_test_support.h"

namespace bytedmd {
namespace {

TEST(Rewrite, AutoVariablesGetTheirTypeSpelled) {
  const Instrumented r = instrument("double f(double a) { auto t = a * 2; return t; }");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "double t = ::bytedmd::initKey(bytedmd_kv0_t, &t, "
                             "::bytedmd::bin<BYTEDMD_OP_MUL>(");
}

TEST(Rewrite, AnEmptyBracedInitialiserIsAnUntrackedZero) {
  const Instrumented r = instrument("double f(double a) { double z{}; double y{}; double *p = &y; "
                                    "return z + *p + a; }");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "double z{::bytedmd::initKey(bytedmd_kv0_z, &z, 0)};");
  EXPECT_REWRITES_TO(r.code, "double y{::bytedmd::init(&y, 0)};");
}

TEST(Rewrite, ABracedListsLeftOutElementsHoldTheirPlaces) {
  // A left-out element is a value-initialised zero with no source: after
  // the last written element bindStashed gives it key 0; before a written
  // one it holds its places as stashed zeros (stashAfter).
  const Instrumented r = instrument(R"cpp(
    #include <array>
    double f(double a, double b) {
      std::array<double, 3> x{};
      x[0] = a;
      double u[2][2] = {{a}, {b}};
      return x[0] + u[1][0];
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "std::array<double, 3> x{}; ::bytedmd::bindStashed(x, 0);");
  EXPECT_REWRITES_TO(r.code, "double u[2][2] = {{::bytedmd::stash(::bytedmd::ld(a))}, "
                             "{::bytedmd::stashAfter(1, ::bytedmd::ld(b))}}; "
                             "::bytedmd::bindStashed(u, 3);");
}

TEST(Rewrite, AVolatileLocalStaysInTheShadow) {
  // (the runtime takes a volatile location's address as any other's)
  const Instrumented r = instrument("double f(double a) { volatile double z = 0; z = a * 2; "
                                    "volatile double q{}; return z + q; }");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "volatile double z = ::bytedmd::init(&z, 0);");
  EXPECT_REWRITES_TO(r.code, "volatile double q{::bytedmd::init(&q, 0)};");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::set(z, ::bytedmd::bin<BYTEDMD_OP_MUL>(");
}

TEST(Rewrite, ATemplatesBracedScalarIsZeroOrReported) {
  // T z{} takes key 0 (not a stale one); T t{e} reports its lost key when T is a scalar.
  const Instrumented r = instrument(R"cpp(
    template <class T> T f(T a) { T z{}; T t{a * 2}; return z + t; }
    double g(double a) { return f(a); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "T z{}; ::bytedmd::bracedScalar<decltype(z)>(z, 0, ");
  EXPECT_REWRITES_TO(r.code, "; ::bytedmd::bracedScalar<decltype(t)>(t, 1, ");
}

TEST(Rewrite, ATemplatesBracedCopyOfANameNamesItsSource) {
  const Instrumented r = instrument(R"cpp(
    template <class T> T f(T a) { T u{a}; T v(a); return u * v; }
    double g(double a) { return f(a); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_NE(r.code.find(squeeze("bytedmd_w; }(), a); T v(a);")), std::string::npos) << r.code;
  EXPECT_NE(r.code.find(squeeze("bytedmd_w; }(), a); return")), std::string::npos) << r.code;
  // With a second declarator, the name could mean another variable by then.
  const Instrumented two = instrument(R"cpp(
    template <class T> T f(T s, T y) { { T p{s}, s{y}; return p * s; } }
    double g(double a, double b) { return f(a, b); })cpp");
  ASSERT_TRUE(two.produced) << two.diagnostics;
  EXPECT_EQ(two.code.find(squeeze("bytedmd_w; }(), s);")), std::string::npos) << two.code;
  EXPECT_NE(two.code.find(squeeze("bracedScalar<decltype(p)>(p, 1, ")), std::string::npos)
      << two.code;
}

TEST(Rewrite, ATemplatesBracedConditionOrParenListIsLeftWhole) {
  // A condition can take no statement (reported); a paren list in a generic
  // lambda has no type yet.
  const Instrumented r = instrument(R"cpp(
    template <class T> T g(T a) { T s = 0; if (T t{a}) s = s + t; return s; }
    double h(double a) {
      auto l = [](auto v) { decltype(v) x(v * 2); return x; };
      return g(a) + l(a);
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.code.find("bracedScalar<decltype(t)>"), std::string::npos) << r.code;
  EXPECT_NE(r.diagnostics.find("condition that declares 't' with braces"), std::string::npos)
      << r.diagnostics;
}

TEST(Rewrite, ATemplatesStructuredBindingsCopyTheirSourcesKeys) {
  // The members are known per instantiation: the source is decomposed again,
  // by reference, beside the copy. A reference binding names the source's
  // own members; a binding of an expression is reported.
  const Instrumented r = instrument(R"cpp(
    #include <utility>
    template <class P> double f(P p) {
      auto [x, y]{p};
      auto [u, w] = p;
      auto &[k, l] = p;
      auto [m, n] = std::make_pair(p.first, p.second);
      return x + y + u + w + k + l + m + n;
    }
    double h(double a) { return f(std::pair<double, double>(a, a)); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "auto [x, y]{p}; { auto &[bytedmd_b0, bytedmd_b1] = p; "
                             "::bytedmd::copyKeys(x, bytedmd_b0); "
                             "::bytedmd::copyKeys(y, bytedmd_b1); }");
  EXPECT_REWRITES_TO(r.code, "auto [u, w] = p; { auto &[bytedmd_b0, bytedmd_b1] = p; "
                             "::bytedmd::copyKeys(u, bytedmd_b0); ");
  EXPECT_REWRITES_TO(r.code, "auto &[k, l] = p; auto [m, n]");
  EXPECT_EQ(r.code.find("bindStashed(,"), std::string::npos) << r.code; // (did not compile)
  EXPECT_NE(r.diagnostics.find("structured binding of a copy of a complex expression"),
            std::string::npos)
      << r.diagnostics;
}

TEST(Rewrite, ATemplatesRangeForCopiesTheElementsKeys) {
  const Instrumented r = instrument(R"cpp(
    template <class V, class T> double f(const V &v, const T &t) {
      double s = 0;
      for (auto [x, y] : v) s = s + x * y;
      for (const T z : t) s = s + z;
      for (auto z : t) s = s + z;
      for (const auto &z : t) s = s + z;
      return s;
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "{ auto [x, y] = bytedmd_ref_");
  EXPECT_REWRITES_TO(r.code, "{ auto &[bytedmd_b0, bytedmd_b1] = bytedmd_ref_");
  EXPECT_REWRITES_TO(r.code, "for (auto&& bytedmd_ref_z : t) { const T z = "
                             "::bytedmd::init(&z, ::bytedmd::ld(bytedmd_ref_z));");
  EXPECT_REWRITES_TO(r.code, "for (auto&& bytedmd_ref_z : t) { std::decay_t<decltype("
                             "bytedmd_ref_z)> z = ::bytedmd::init(&z, ::bytedmd::ld(bytedmd_ref_z));");
  EXPECT_REWRITES_TO(r.code, "for (const auto &z : t)"); // a reference is the element itself
}

TEST(Rewrite, ReturnsMarkResults) {
  const Instrumented r = instrument(R"cpp(
    #include <vector>
    std::vector<double> f(double a, double b) { std::vector<double> y; y.push_back(a); return y; }
    std::vector<double> g(double a, double b) { return {a, b * 2}; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::pushBack(y, ::bytedmd::ld(a));");
  EXPECT_REWRITES_TO(r.code, "{ bytedmd_frame.results(y); return y; }");
  EXPECT_REWRITES_TO(r.code,
                     "return bytedmd_frame.retObject<std::vector<double>>(::bytedmd::listed<"
                     "std::vector<double>>(2, {::bytedmd::stash(::bytedmd::ld(a)), "
                     "::bytedmd::stash(::bytedmd::bin<BYTEDMD_OP_MUL>(");
}

TEST(Rewrite, ContainerCopiesKeepKeys) {
  const Instrumented r = instrument(R"cpp(
    #include <vector>
    double f(const std::vector<double> &x) {
      std::vector<double> c = x;
      std::vector<double> d;
      d = c;
      for (double v : d) c[0] = v;
      return c[0];
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "std::vector<double> c = x; ::bytedmd::copied(c, x);");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::assignObject(d, c);");
  EXPECT_REWRITES_TO(r.code,
                     "for (auto&& bytedmd_ref_v : d) { double v = ::bytedmd::init(&v, "
                     "::bytedmd::ld(bytedmd_ref_v)); ::bytedmd::set(c[0], ::bytedmd::ld(v)); }");
}

TEST(Rewrite, PairsTuplesAndStructuredBindings) {
  const Instrumented r = instrument(R"cpp(
    #include <utility>
    struct P { double x, y; };
    double f(double a, double b) {
      std::pair<double, double> p(a, b);
      auto q = std::make_pair(b, a);
      P s{a, b};
      auto [u, v] = s;
      return p.first + q.second + u * v;
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "std::pair<double, double> p{::bytedmd::stash(::bytedmd::ld(a)), "
                             "::bytedmd::stash(::bytedmd::ld(b))}; "
                             "::bytedmd::bindFields(2, p.first, p.second);");
  EXPECT_REWRITES_TO(r.code, "auto q = ::bytedmd::make_pair(::bytedmd::seq{::bytedmd::ld(b), "
                             "::bytedmd::ld(a)}); ::bytedmd::receive(q);");
  EXPECT_REWRITES_TO(r.code, "auto [u, v] = s; ::bytedmd::copyKeys(u, s.x); "
                             "::bytedmd::copyKeys(v, s.y);");
}

TEST(Rewrite, StructCopiesAndReturns) {
  const Instrumented r = instrument(R"cpp(
    struct P { double x, y; };
    P make(double a) { return {a, a * 2}; }
    double f(double a) { P p = make(a); P q = p; P w; w = q; return w.x; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "return bytedmd_frame.retObject<P>(::bytedmd::withFields(P{"
                             "::bytedmd::stash(::bytedmd::ld(a)), ::bytedmd::stash(");
  EXPECT_REWRITES_TO(r.code, "[&](P &bytedmd_o) { ::bytedmd::bindFields(2, bytedmd_o.x, "
                             "bytedmd_o.y); }))");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::receive(p);");
  EXPECT_REWRITES_TO(r.code, "P q = p; ::bytedmd::copied(q, p);");
  EXPECT_REWRITES_TO(r.code, "P w; ::bytedmd::forget(w);");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::assignObject(w, q);");
}

TEST(Rewrite, DependentAutoVariablesTakeTheirKeyAfterTheDeclaration) {
  const Instrumented r = instrument(R"cpp(
    template <class T> T f(T a) { auto t = a * a; return t; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "auto t = ::bytedmd::stash(::bytedmd::bin<BYTEDMD_OP_MUL>("
                             "::bytedmd::seq{::bytedmd::ld(a), ::bytedmd::ld(a)})); "
                             "::bytedmd::bindStashed(t, 1);");
}

} // namespace
} // namespace bytedmd
