// operators_test.cpp - the rewriter on in-memory sources: operators, assignments, conditions, constants and instruction sites.
#include "rewrite_test_support.h"

#include <regex>

namespace bytedmd {
namespace {

TEST(Rewrite, SourceLocationsPerInstruction) {
  // Each instruction names its static location: the line, and what it
  // computes (the variable it initialises or assigns, else its text).
  // Reads without output share an unnamed site per line.
  const Instrumented r = instrument("double f(double a, double b) {\n"
                                    "  double t = a * b;\n"
                                    "  auto g = [&](double x) { return x + t; };\n"
                                    "  if (t > 1) t = -t;\n"
                                    "  return g(t);\n"
                                    "}\n");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  const std::string &code = r.withLocations;
  auto site = [&](const std::string &declaration) {
    std::smatch m;
    const std::string pattern = "staticbytedmd_locationbytedmd_loc_([0-9]+)=" + declaration;
    EXPECT_TRUE(std::regex_search(code, m, std::regex(pattern))) << declaration << "\n" << code;
    return m.size() > 1 ? "&bytedmd_loc_" + m[1].str() : std::string("?");
  };
  const std::string t = site(R"(\{"input.cc",2,0,0,"t"\};)");
  const std::string sum = site(R"(\{"input.cc",3,0,0,"x\+t"\};)");
  const std::string negate = site(R"(\{"input.cc",4,0,0,"t"\};)");
  const std::string compare = site(R"(\{"input.cc",4,0,0,"t>1"\};)");
  const std::string truth = site(R"(\{"input.cc",4,0,0,nullptr\};)");
  EXPECT_REWRITES_TO(code, "::bytedmd::ld(b)}, " + t + ")");
  EXPECT_REWRITES_TO(code, "::bytedmd::ld(t)}, " + sum + ")");
  EXPECT_REWRITES_TO(code, "::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_GT>(::bytedmd::seq{"
                           "::bytedmd::ld(t), 1}, " +
                               compare + "), " + truth + ")");
  EXPECT_REWRITES_TO(code, "::bytedmd::un<BYTEDMD_OP_NEG>(::bytedmd::ld(t), " + negate + ")");
}

TEST(Rewrite, BinaryOperatorsBecomeInstructionsWithOperandsInSourceOrder) {
  const Instrumented r = instrument("double f(double a, double b) { return a * b - 2; }");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_SUB>("
                             "::bytedmd::seq{::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{"
                             "::bytedmd::ld(a),::bytedmd::ld(b)}),2}));");
}

TEST(Rewrite, ComparisonsUnaryAndLogicalOperators) {
  const Instrumented r =
      instrument("bool f(double a, double b) { return !(a < b) && -a >= ~int(b) || a != b; }");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "!(::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_GE>(::bytedmd::seq{"
                             "::bytedmd::un<BYTEDMD_OP_NEG>(::bytedmd::ld(a)),"
                             "::bytedmd::un<BYTEDMD_OP_INVERT>(::bytedmd::cvt<int>(");
  EXPECT_REWRITES_TO(r.code, "||::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_NE>");
}

TEST(Rewrite, AssignmentsCompoundAssignmentsAndIncrements) {
  // t's address is taken: it keeps its key in the shadow (KeyedLocals.cpp).
  const Instrumented r = instrument("double f(double a) { double t = a; double *p = &t; "
                                    "t = t * a; t += a; ++t; t--; return t + *p; }");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "double t = ::bytedmd::init(&t, ::bytedmd::ld(a));");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::set(t, ::bytedmd::bin<BYTEDMD_OP_MUL>(");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::cset<BYTEDMD_OP_ADD>(t, ::bytedmd::ld(a));");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::pre<BYTEDMD_OP_ADD>(t);");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::post<BYTEDMD_OP_SUB>(t);");
}

TEST(Rewrite, AConditionsVariableIsReadOnceItHasItsValue) {
  const Instrumented r = instrument(R"cpp(
    double f(double a, int n) {
      double s = 0;
      if (double t = a * 2) s = s + t;
      while (int m = n) n = n - 1;
      for (; int m = n;) n = n + 1;
      switch (int c = n) { case 0: s = s + 1; break; default: break; }
      return s;
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "if (double t = ::bytedmd::initThen<BYTEDMD_OP_TRUTH>(&t, "
                             "::bytedmd::bin<BYTEDMD_OP_MUL>(");
  EXPECT_REWRITES_TO(r.code, "while (int m = ::bytedmd::initThen<BYTEDMD_OP_TRUTH>(&m, "
                             "::bytedmd::ld(n)))");
  EXPECT_REWRITES_TO(r.code, "for (; int m = ::bytedmd::initThen<BYTEDMD_OP_TRUTH>(&m, "
                             "::bytedmd::ld(n));)");
  EXPECT_REWRITES_TO(r.code, "switch (int c = ::bytedmd::initThen<BYTEDMD_OP_INDEX>(&c, "
                             "::bytedmd::ld(n)))");
}

TEST(Rewrite, ATemplatesAutoConditionVariableIsSpelledAsItsDeducedType) {
  // Nothing can follow a condition's declaration, and t cannot name itself
  // while auto is deduced: auto is spelled as e's decayed type. A lambda
  // cannot be named in decltype: reported.
  const Instrumented r = instrument(R"cpp(
    template <class T> T g(T a) { return a - 1; }
    template <class T> double f(T a) {
      double s = 0;
      if (auto t = g(a)) s = t * 2;
      while (const auto u = a - 1.0) a = u;
      if (auto l = [&] { return a; }()) s = l;
      return s;
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "if (std::decay_t<decltype(g(a))> t = "
                             "::bytedmd::initThen<BYTEDMD_OP_TRUTH>(&t, ::bytedmd::call(");
  EXPECT_REWRITES_TO(r.code, "while (const std::decay_t<decltype(a - 1.0)> u = "
                             "::bytedmd::initThen<BYTEDMD_OP_TRUTH>(&u, ::bytedmd::bin<BYTEDMD_OP_SUB>(");
  EXPECT_EQ(r.code.find("bindStashed"), std::string::npos) << r.code;
  EXPECT_NE(r.diagnostics.find("'auto' variable of a dependent type outside a block"),
            std::string::npos)
      << r.diagnostics;
}

TEST(Rewrite, AnIfConstexprConditionStaysAConstantExpression) {
  const Instrumented r = instrument(R"cpp(
    template <class T> double f(T a) {
      double s = 0;
      if constexpr (sizeof(T) > 4) s = a * 2;
      if constexpr (const bool b = sizeof(T) > 4) s = s * a;
      return s;
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "if constexpr (sizeof(T) > 4) ::bytedmd::set(s");
  EXPECT_REWRITES_TO(r.code, "if constexpr (const bool b = sizeof(T) > 4) ::bytedmd::set(s");
}

TEST(Rewrite, AConditionsObjectInALoopOrASwitchIsTestedAsAnIfsIs) {
  // Only an if's or a switch's parentheses can hold a statement before the
  // condition: a while (and a for without an increment) becomes an if in an
  // endless loop, an if's or a switch's init-statement goes before it, and
  // the test is then written out after the declaration, read as a truth
  // value (a switch's as an index). A for's increment keeps its condition in
  // the header: reported. A reference's read is not counted.
  const Instrumented r = instrument(R"cpp(
    struct B { double x; explicit operator bool() const { return x != 0; } operator int() const { return int(x); } };
    double w(B a) { double s = 0; while (B t = a) { s = s + 1; a.x = 0; } return s; }
    double f(B a) { double s = 0; for (; B t = a; ) s = s + 1, a.x = 0; return s; }
    double i(B a) { double s = 0; for (; B t = a; a.x = 0) s = s + 1; return s; }
    double c(B a) { if (double k = 1; B t = a) return k; else return 0; }
    double d(B a) { switch (B t = a) { case 1: return 1; default: return 0; } }
    double h(double a) { double s = 0; if (const double &r = a) s = s + r; return s; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  const std::string test = "::bytedmd::call(::bytedmd::seq{t}, [&](auto&& bytedmd_o, auto&&... "
                           "bytedmd_a) -> decltype(auto) { return bytedmd_o.operator ";
  EXPECT_REWRITES_TO(r.code, "while (true) if (B t = ::bytedmd::init(&t, a); ::bytedmd::truth(" +
                                 test + "bool(");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::set(a.x, 0); } else break; return");
  EXPECT_REWRITES_TO(r.code, "for (; ; ) if (B t = ::bytedmd::init(&t, a); ::bytedmd::truth(" +
                                 test + "bool(");
  EXPECT_REWRITES_TO(r.code, "{ ::bytedmd::setKey(bytedmd_kv0_s, s , ::bytedmd::bin<BYTEDMD_OP_ADD>(");
  EXPECT_REWRITES_TO(r.code, "for (; B t = ::bytedmd::init(&t, a); ::bytedmd::set(a.x, 0))");
  EXPECT_REWRITES_TO(r.code, "{ double k = ::bytedmd::initKey(bytedmd_kv0_k, &k, 1); if ( B t = "
                             "::bytedmd::init(&t, a); ::bytedmd::truth(" +
                                 test + "bool(");
  EXPECT_REWRITES_TO(r.code, "switch (B t = ::bytedmd::init(&t, a); ::bytedmd::index(" + test +
                                 "int(");
  EXPECT_NE(r.diagnostics.find("input.cc:5:44: warning: bytedmd: the test of the condition "
                               "variable 't'"),
            std::string::npos)
      << r.diagnostics;
  EXPECT_EQ(r.diagnostics.find("input.cc:3:"), std::string::npos) << r.diagnostics;
  EXPECT_EQ(r.diagnostics.find("input.cc:4:"), std::string::npos) << r.diagnostics;
  EXPECT_EQ(r.diagnostics.find("input.cc:6:"), std::string::npos) << r.diagnostics;
  EXPECT_EQ(r.diagnostics.find("input.cc:7:"), std::string::npos) << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("condition that declares the reference 'r'"), std::string::npos)
      << r.diagnostics;
}

TEST(Rewrite, ABracedAggregateInAConditionIsBuiltFromItsMembers) {
  // while (B t{a - n}) of an aggregate: braces cannot be init's argument (the
  // rewrite once wrote B t::bytedmd::init(...), which did not compile), so t
  // is initialised from B{...}, whose members take their keys (withFields).
  const Instrumented r = instrument(R"cpp(
    struct B { double v; explicit operator bool() const { return v != 0; } };
    double f(double a, double n) { double s = 0; while (B t{a - n}) { s = s + t.v; a = a - 1; } return s; }
    double g(double a) { if (B t = {a}) return t.v; return 0; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "while (true) if (B t = ::bytedmd::init(&t, ::bytedmd::withFields(B{"
                             "::bytedmd::stash(::bytedmd::bin<BYTEDMD_OP_SUB>(");
  EXPECT_REWRITES_TO(r.code, "[&](B &bytedmd_o) { ::bytedmd::bindFields(1, bytedmd_o.v); })); "
                             "::bytedmd::truth(");
  EXPECT_REWRITES_TO(r.code, "if (B t = ::bytedmd::init(&t, ::bytedmd::withFields(B{");
}

TEST(Rewrite, AnInitStatementsObjectGoesBeforeItsStatement) {
  // The keys an object declared in an init-statement receives, in a
  // statement after the declaration, would land inside the parentheses: the
  // init-statement goes into a block before its if, switch or for.
  const Instrumented r = instrument(R"cpp(
    struct S1 { double v; S1(double x) : v(x) {} };
    double f(double a) {
      double s = 0;
      if (S1 t(a); t.v > 0) s = t.v;
      switch (S1 u(a); int(u.v)) { case 1: s = s + u.v; break; default: break; }
      for (S1 p(a); s < 3; s = s + p.v) s = s + 1;
      return s;
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "{ S1 t = ::bytedmd::construct<decltype(t)>(::bytedmd::seq{"
                             "::bytedmd::ld(a)}); ::bytedmd::receive(t); if ( ::bytedmd::truth(");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::receive(u); switch ( ::bytedmd::index(");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::receive(p); for (; ::bytedmd::truth(");
  EXPECT_EQ(r.diagnostics.find("warning"), std::string::npos) << r.diagnostics;
}

TEST(Rewrite, AnIfConditionsObjectKeepsItsKeysAndItsTestIsATruthRead) {
  // if (B t = a): t is built through construct and takes its keys in its
  // initialiser; the test, t.operator bool() of the file, becomes the
  // if's own condition after an init-statement, read as a truth value. A
  // plain if (t) calls the same conversion, named nowhere.
  const Instrumented r = instrument(R"cpp(
    struct B { double v; B(double x) : v(x) {} explicit operator bool() const { return v != 0; } };
    double f(double a) { if (B t = a) return t.v * a; if (B u{a}) return u.v; return 0; }
    double g(double a) { B t(a); if (t) return t.v; return 0; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  const std::string test =
      "::bytedmd::truth(::bytedmd::call(::bytedmd::seq{t}, [&](auto&& bytedmd_o, "
      "auto&&... bytedmd_a) -> decltype(auto) { return bytedmd_o.operator bool("
      "static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); }))";
  EXPECT_REWRITES_TO(r.code, "if (B t = ::bytedmd::init(&t, ::bytedmd::construct<B>(::bytedmd::seq{"
                             "::bytedmd::ld(a)})); " +
                                 test + ")");
  EXPECT_REWRITES_TO(r.code,
                     "if (B u = ::bytedmd::init(&u, ::bytedmd::construct<decltype(u), true>("
                     "::bytedmd::seq{::bytedmd::ld(a)})); ::bytedmd::truth(::bytedmd::call("
                     "::bytedmd::seq{u}");
  EXPECT_REWRITES_TO(r.code, "if (" + test + ")");
}

TEST(Rewrite, ConditionsAreTruthReadsAndSubscriptsAreIndexReads) {
  const Instrumented r = instrument(R"cpp(
    #include <vector>
    double f(const std::vector<double> &x, int i) {
      double s = 0;
      while (s < 3) s = s + x[i];
      do { s = s * 2; } while (s < 10);
      for (int j = 0; j < 2; ++j) if (x[j]) s = s + 1;
      return s > 1 ? s : x[0];
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "while (::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(");
  EXPECT_REWRITES_TO(r.code, "x[::bytedmd::index(::bytedmd::ld(i))]");
  EXPECT_REWRITES_TO(r.code, "} while (::bytedmd::truth(");
  EXPECT_REWRITES_TO(r.code, "if (::bytedmd::truth(::bytedmd::ld(x[::bytedmd::index("
                             "::bytedmd::ldKey(bytedmd_kv1_j, j))])))");
  // Both branches are lvalues: the chosen one is loaded, with its own key.
  EXPECT_REWRITES_TO(r.code, "::bytedmd::ld(::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_GT>("
                             "::bytedmd::seq{::bytedmd::ld(s), 1})) ? s : x[0])");
}

TEST(Rewrite, ConditionalValuesChooseAnOperandWithItsKey) {
  const Instrumented r = instrument("double f(double a) { return a > 1 ? a * 2 : 0.5; }");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::choose(::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_GT>("
                             "::bytedmd::seq{::bytedmd::ld(a), 1})), [&] { return "
                             "::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a), 2}); "
                             "}, [&] { return 0.5; })");
}

TEST(Rewrite, ConstantsStayConstants) {
  const Instrumented r = instrument(R"cpp(
    double f(double a) { const int n = 2; constexpr double c = 0.5; double t[n] = {a};
                         return t[0] * n * c; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "const int n = 2; constexpr double c = 0.5;");
  EXPECT_REWRITES_TO(
      r.code, "double t[n] = {::bytedmd::stash(::bytedmd::ld(a))}; ::bytedmd::bindStashed(t, 1);");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::seq{::bytedmd::ld(t[0]), n}), c})");
}

TEST(Rewrite, MacroArgumentsSpelledInTheFileAreRewritten) {
  const Instrumented r = instrument(R"cpp(
    #define SAME(x) x
    double f(double a, double b) { return SAME(a * b); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "SAME(bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(");
}

} // namespace
} // namespace bytedmd
