// classes_test.cpp - the program's own classes: field walkers, methods and
// operators as instrumented calls, templates' dependent operators and calls.
#include "rewrite_test_support.h"

namespace bytedmd {
namespace {

TEST(Classes, EveryClassOfTheFileGetsAFieldWalkerBasesFirst) {
  const Instrumented r = instrument(R"cpp(
    #include <vector>
    struct Shape { double area; };
    struct Matrix : Shape { int rows; std::vector<double> data; int flags : 3; };
    double f(const Matrix &m) { return m.data[0]; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "bytedmd_f(nullptr, ::bytedmd::base<Shape>(bytedmd_s)...); "
                             "bytedmd_f(\"rows\", bytedmd_s.rows...); "
                             "bytedmd_f(\"data\", bytedmd_s.data...); }");
  EXPECT_EQ(r.code.find("bytedmd_s.flags"), std::string::npos) << "a bit-field has no address";
  // The parameter is walked by the runtime, as a whole.
  EXPECT_REWRITES_TO(r.code, "bytedmd_frame.namedInputs(\"m\", m);");
}

TEST(Classes, AnUntrackedFieldIsLeftOutOfTheWalk) {
  InstrumentOptions options;
  options.untracked = {"Matrix::rows"};
  const Instrumented r = instrument(R"cpp(
    #include <vector>
    struct Matrix { int rows; std::vector<double> data; };
    double f(const Matrix &m) { return m.data[0]; })cpp",
                                    options);
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.code.find("bytedmd_s.rows"), std::string::npos) << r.code;
  EXPECT_REWRITES_TO(r.code, "bytedmd_f(\"data\", bytedmd_s.data...);");
}

TEST(Classes, FreeAndMemberOperatorsAreInstrumentedCallsOverTheirOperands) {
  const Instrumented r = instrument(R"cpp(
    struct P { double a, b; P operator*(const P &o) const { return P{a * o.a, b * o.b}; } };
    P operator+(P x, P y) { return P{x.a + y.a, x.b + y.b}; }
    double f(P p) { P q = p + p * p; return q.a; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::call(::bytedmd::seq{p,::bytedmd::call(::bytedmd::seq{p,p},"
                             "[&](auto&&bytedmd_l,auto&&bytedmd_r)->decltype(auto){return "
                             "static_cast<decltype(bytedmd_l)&&>(bytedmd_l)*"
                             "static_cast<decltype(bytedmd_r)&&>(bytedmd_r);})}");
  // The member operator's parameter is its argument 1 (the object is 0); the
  // free operator's are 0 and 1.
  EXPECT_REWRITES_TO(r.code, "bytedmd_frame.argument(0,x);bytedmd_frame.argument(1,y);");
}

TEST(Classes, AMethodCallPassesTheObjectFirst) {
  const Instrumented r = instrument(R"cpp(
    struct Acc { double s = 0;
      void add(double x) { s += x; }
      void twice(double x) { add(x); add(x); } };
    double f(double a) { Acc acc; acc.twice(a); return acc.s; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::call(::bytedmd::seq{acc,::bytedmd::ld(a)},[&](auto&&bytedmd_o,"
                             "auto&&...bytedmd_a)->decltype(auto){returnbytedmd_o.twice(");
  // Inside a method, an implicit this is the object.
  EXPECT_REWRITES_TO(r.code, "::bytedmd::call(::bytedmd::seq{*this,::bytedmd::ld(x)}");
}

TEST(Classes, AMeasuredMethodsObjectIsItsFirstInput) {
  InstrumentOptions options;
  options.functions = {"Acc::total"};
  const Instrumented r = instrument(R"cpp(
    struct Acc { double s, t; double total(double k) const { return s * k + t; } };)cpp",
                                    options);
  ASSERT_TRUE(r.produced) << r.diagnostics;
  // Last parameter first: k, then the object.
  EXPECT_REWRITES_TO(r.code, "bytedmd_frame.namedInputs(\"k,this\",k,*this);");
}

TEST(Classes, AMemberInitialisersInstructionDeclaresItsSiteInPlace) {
  // The initialisers run before the body, where the other sites are declared.
  const Instrumented r = instrument(R"cpp(
    struct U { double d; };
    struct S { double v; S(const U &u) : v(u.d + 0.0) {} };)cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.withLocations,
                     "v(::bytedmd::init(&this->v, ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{"
                     "::bytedmd::ld(u.d) , 0.0}, []() { static bytedmd_location bytedmd_w = "
                     "{\"input.cc\", 3, 0, 0, \"u.d + 0.0\"}; return &bytedmd_w; }())))");
  EXPECT_EQ(r.withLocations.find("bytedmd_loc_"), std::string::npos) << r.withLocations;
}

TEST(Classes, ATemplatesDependentOperatorIsAnInstructionOrTheClassesOperator) {
  const Instrumented r = instrument(R"cpp(
    struct D { double v; };
    D operator+(D x, D y) { return D{x.v + y.v}; }
    template <class T> T twice(T s) { s += s; return s + s; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::cset<BYTEDMD_OP_ADD>(s,::bytedmd::ld(s))");
  EXPECT_REWRITES_TO(r.code,
                     "::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(s),::bytedmd::ld(s)})");
}

TEST(Classes, ATemplatesCallOfTheFilesOwnTemplatesPassesKeys) {
  const Instrumented r = instrument(R"cpp(
    template <class T> T sq(T x) { return x * x; }
    template <class T> T h(T a) { return sq(a); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::call(::bytedmd::seq{::bytedmd::ld(a)},[&](auto&&...bytedmd_a)"
                             "->decltype(auto){returnsq(");
}

TEST(Classes, ASmallObjectBuiltByItsConstructorTakesItsKeysFromTheHandoff) {
  // A trivially copyable S1 comes back from construct in registers: the
  // place that stores it takes the keys its constructor gave it (a
  // variable after its declaration, a parameter in its frame, a temporary
  // bound to a reference before the call). S1(a) and the implicit
  // conversion S1 w = a are constructions too.
  const Instrumented r = instrument(R"cpp(
    struct S1 { double v; S1(double x) : v(x) {} };
    double take(S1 s) { return s.v; }
    double take_ref(const S1 &s) { return s.v; }
    double f(double a) {
      S1 s(a); S1 t = S1(a); S1 u{a}; S1 w = a;
      return s.v + t.v + u.v + w.v + take(S1(a)) + take_ref(S1(a)) + take(a);
    })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  const std::string built = "(::bytedmd::seq{::bytedmd::ld(a)})";
  EXPECT_REWRITES_TO(r.code, "S1 s = ::bytedmd::construct<decltype(s)>" + built +
                                 "; ::bytedmd::receive(s);");
  EXPECT_REWRITES_TO(r.code,
                     "S1 t = ::bytedmd::construct<S1>" + built + "; ::bytedmd::receive(t);");
  EXPECT_REWRITES_TO(r.code, "S1 u = ::bytedmd::construct<decltype(u), true>" + built +
                                 "; ::bytedmd::receive(u);");
  EXPECT_REWRITES_TO(r.code,
                     "S1 w = ::bytedmd::construct<S1>" + built + "; ::bytedmd::receive(w);");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::seq{::bytedmd::construct<S1>" + built + "}");
  EXPECT_REWRITES_TO(r.code,
                     "::bytedmd::seq{::bytedmd::received(::bytedmd::construct<S1>" + built + ")}");
}

TEST(Classes, AMemberOfASmallTemporaryIsReadFromTheObjectThatTookItsKeys) {
  // S1(a).v, make(a).v: the temporary takes the handed-over keys and is
  // named as an lvalue, whose member's load finds them. An implicit
  // construction is spelled with the canonical type (push_back's parameter
  // is a value_type, not in scope).
  const Instrumented r = instrument(R"cpp(
    #include <vector>
    struct S1 { double v; S1(double x) : v(x) {} };
    S1 make(double a) { return a; }
    double f(double a) { std::vector<S1> w; w.push_back(a); return S1(a).v * make(a).v; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::ld(::bytedmd::receivedObject(::bytedmd::construct<S1>("
                             "::bytedmd::seq{::bytedmd::ld(a)})).v)");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::ld(::bytedmd::receivedObject(::bytedmd::call(");
  EXPECT_REWRITES_TO(r.code, "w.push_back(::bytedmd::construct<S1>(");
}

TEST(LibraryCopies, AStdFunctionCallPassesKeysToTheCallableItHolds) {
  const Instrumented r = instrument(R"cpp(
    #include <functional>
    double f(double a, double b) {
      std::function<double(double)> h = [&](double x) { return x * b; };
      return h(a) + a; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::callThrough(::bytedmd::seq{::bytedmd::ld(a)},[&](auto&&..."
                             "bytedmd_a)->decltype(auto){returnh(");
}

TEST(LibraryCopies, BindingsOfAReturnedTupleFindTheHiddenObjectFromTheFirst) {
  const Instrumented r = instrument(R"cpp(
    #include <tuple>
    std::tuple<double, double> g(double a) { return {a, a}; }
    double f(double a) { auto [u, v] = g(a); return u * v; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "::bytedmd::receiveBound<std::tuple<double,double>>(u);");
}

TEST(StandardAlgorithms, RunOnAdaptedIteratorsValuesAndCallables) {
  const Instrumented r = instrument(R"cpp(
    #include <algorithm>
    #include <numeric>
    #include <vector>
    double f(std::vector<double> v, double k) {
      std::sort(v.begin(), v.end(), [](double a, double b) { return a > b; });
      return std::accumulate(v.begin(), v.end(), k); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "(::bytedmd::at(&bytedmd_loc_0),std::sort(::bytedmd::iter(v.begin()),"
                             "::bytedmd::iter(v.end()),::bytedmd::callable([](doublea,doubleb){");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::unwrap((::bytedmd::at(&bytedmd_loc_2),std::accumulate("
                             "::bytedmd::iter(v.begin()),::bytedmd::iter(v.end()),"
                             "::bytedmd::elem(::bytedmd::ld(k)))))");
}

TEST(StandardAlgorithms, AnIteratorTheToolCannotAdaptLeavesTheAlgorithmACallOut) {
  const Instrumented r = instrument(R"cpp(
    #include <iterator>
    #include <numeric>
    #include <vector>
    void f(const std::vector<double> &v, std::vector<double> &out) {
      std::partial_sum(v.begin(), v.end(), std::back_inserter(out)); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  // std::back_inserter(out) is diagnosed too: it takes a reference to out.
  EXPECT_EQ(r.warnings, 2u) << r.diagnostics;
  EXPECT_EQ(r.code.find("::bytedmd::iter("), std::string::npos) << r.code;
}

TEST(Complex, OperatorsFunctionsAndConstructionAreInstructions) {
  const Instrumented r = instrument(R"cpp(
    #include <complex>
    using cd = std::complex<double>;
    double f(double a, double b) { cd z(a, b); cd w = z * cd(b, a); return std::abs(w) + w.imag(); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "cd z = ::bytedmd::init(&z, ::bytedmd::math<BYTEDMD_OP_COMPLEX>("
                             "::bytedmd::seq{::bytedmd::ld(a), ::bytedmd::ld(b)}, [&](auto... "
                             "bytedmd_v) { return decltype(z)(bytedmd_v...); }))");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(z),"
                             "::bytedmd::math<BYTEDMD_OP_COMPLEX>(::bytedmd::seq{::bytedmd::ld(b),"
                             "::bytedmd::ld(a)}");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::math<BYTEDMD_OP_IMAG>(::bytedmd::seq{::bytedmd::ld(w)},"
                             "[&](autobytedmd_v){returnbytedmd_v.imag();})");
}

} // namespace
} // namespace bytedmd
