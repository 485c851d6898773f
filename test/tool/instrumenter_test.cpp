// instrumenter_test.cpp - the rewriter on in-memory sources, construct by
// construct, and one test per diagnostic (in the style of clang-tools-extra's
// unit tests). Whitespace in the output is ignored.
#include "CompileArguments.h"
#include "Instrumenter.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileManager.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <string>

namespace bytedmd {
namespace {

struct Instrumented {
  bool produced = false;
  std::string code;        // the output, whitespace removed
  std::string diagnostics; // what the compiler printed
  unsigned warnings = 0;
  std::string withLocations; // the output, whitespace removed, locations kept
  InstrumentResult result;     // as the library returned it
};

std::string squeeze(const std::string &s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c)))
      out.push_back(c);
  return out;
}

/// The output without the per-line location arguments (", &bytedmd_loc_12")
/// and their declarations, which Rewrite.SourceLocationsPerLine checks on
/// their own: the other tests read as the rewrite's shape.
std::string withoutLocations(std::string code) {
  code = std::regex_replace(code, std::regex(R"(,&bytedmd_loc_[0-9]+)"), "");
  return std::regex_replace(
      code, std::regex(R"(staticbytedmd_locationbytedmd_loc_[0-9]+=\{[^}]*\};)"), "");
}

/// With BYTEDMD_SNAPSHOT_DIR set (scripts/instrument-snapshot), writes each
/// rewrite there, so a change that must keep the rewrite can be checked
/// against the one before it.
void snapshot(const InstrumentResult &result, const std::string &printed) {
  const char *dir = std::getenv("BYTEDMD_SNAPSHOT_DIR");
  if (dir == nullptr)
    return;
  static std::map<std::string, int> count;
  const ::testing::TestInfo *test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(test->test_suite_name()) + "." + test->name();
  name += "." + std::to_string(count[name]++);
  std::ofstream out(std::string(dir) + "/" + name);
  out << "produced=" << result.produced << " warnings=" << result.warnings << "\n"
      << printed << "\n== output\n" << result.output;
  for (const RewrittenHeader &h : result.headers)
    out << "\n== header " << h.original << " -> " << h.path << "\n" << h.content;
  for (const std::string &m : result.measured)
    out << "\n== measured " << m;
}

/// Headers beside input.cc: {path relative to the working directory, text}.
using Files = std::vector<std::pair<std::string, std::string>>;

Instrumented instrument(const std::string &code, InstrumentOptions options = {},
                        const Files &headers = {}) {
  InstrumentResult result;
  auto factory = newInstrumentActionFactory(options, result);
  std::string printed;
  llvm::raw_string_ostream stream(printed);
  clang::DiagnosticOptions *diagOptions = new clang::DiagnosticOptions;
  clang::TextDiagnosticPrinter printer(stream, diagOptions);
  // The source lives in memory, as input.cc in the working directory.
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> overlay(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> memory(new llvm::vfs::InMemoryFileSystem);
  overlay->pushOverlay(memory);
  llvm::SmallString<256> cwd;
  llvm::sys::fs::current_path(cwd);
  memory->addFile(std::string(cwd) + "/input.cc", 0, llvm::MemoryBuffer::getMemBufferCopy(code));
  for (const auto &[path, text] : headers)
    memory->addFile(std::string(cwd) + "/" + path, 0, llvm::MemoryBuffer::getMemBufferCopy(text));
  llvm::IntrusiveRefCntPtr<clang::FileManager> files(
      new clang::FileManager(clang::FileSystemOptions(), overlay));
  std::vector<std::string> args = {"bytedmd-instrument",
                                   "-fsyntax-only",
                                   "-std=c++17",
                                   std::string("-resource-dir=") + defaultResourceDir(),
                                   "-I" BYTEDMD_RUNTIME_INCLUDE,
                                   "-Iinc",
                                   "input.cc"};
  clang::tooling::ToolInvocation invocation(args, factory->create(), files.get());
  invocation.setDiagnosticConsumer(&printer);
  invocation.run();
  stream.flush();
  snapshot(result, printed);
  const std::string squeezed = squeeze(result.output);
  return {result.produced, withoutLocations(squeezed), printed, result.warnings, squeezed, result};
}

/// True when `code` (whitespace ignored) contains `fragment`.
#define EXPECT_REWRITES_TO(code, fragment)                                                         \
  EXPECT_NE((code).find(squeeze(fragment)), std::string::npos)                                     \
      << "missing: " << (fragment) << "\nin: " << (code)

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
  const Instrumented r =
      instrument("double f(double a) { double t = a; t = t * a; t += a; ++t; t--; return t; }");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "double t = ::bytedmd::init(&t, ::bytedmd::ld(a));");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::set(t, ::bytedmd::bin<BYTEDMD_OP_MUL>(");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::cset<BYTEDMD_OP_ADD>(t, ::bytedmd::ld(a));");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::pre<BYTEDMD_OP_ADD>(t);");
  EXPECT_REWRITES_TO(r.code, "::bytedmd::post<BYTEDMD_OP_SUB>(t);");
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
  EXPECT_REWRITES_TO(r.code,
                     "if (::bytedmd::truth(::bytedmd::ld(x[::bytedmd::index(::bytedmd::ld(j))])))");
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
  EXPECT_REWRITES_TO(r.code, "double f(double a) { ::bytedmd::Frame bytedmd_frame(nullptr);");
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

TEST(Rewrite, AutoVariablesGetTheirTypeSpelled) {
  const Instrumented r = instrument("double f(double a) { auto t = a * 2; return t; }");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "double t = ::bytedmd::init(&t, ::bytedmd::bin<BYTEDMD_OP_MUL>(");
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

TEST(Rewrite, MacroArgumentsSpelledInTheFileAreRewritten) {
  const Instrumented r = instrument(R"cpp(
    #define SAME(x) x
    double f(double a, double b) { return SAME(a * b); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "SAME(bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(");
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

// ---- calls across files -------------------------------------------------------

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

// ---- project headers (--instrument-headers) -----------------------------------

std::string cwdPath(const std::string &relative) {
  llvm::SmallString<256> cwd;
  llvm::sys::fs::current_path(cwd);
  return std::string(cwd) + "/" + relative;
}

const char *const kOps = "#pragma once\n"
                         "#include \"detail.hpp\"\n"
                         "namespace ops {\n"
                         "inline double sq(double x) { return x * x; }\n"
                         "template <class T> T add(T a, T b) { return a + b; }\n"
                         "double outOfLine(double x) { return x + x; }\n"
                         "}\n";

InstrumentOptions optIn(const std::string &regex) {
  InstrumentOptions options;
  options.instrumentHeaders = regex;
  options.headerDir = "/copies";
  return options;
}

TEST(Headers, OptedInFunctionsAreRewrittenInACopyWithInternalLinkage) {
  const Instrumented r = instrument(R"cpp(#include "ops.hpp"
    double f(double a, double b) { return ops::add(a, ops::sq(b)) + ops::outOfLine(a); })cpp",
                                    optIn("/inc/ops\\.hpp$"),
                                    {{"inc/ops.hpp", kOps}, {"inc/detail.hpp", "#pragma once\n"}});
  ASSERT_TRUE(r.produced) << r.diagnostics;
  ASSERT_EQ(r.result.headers.size(), 1u);
  const RewrittenHeader &h = r.result.headers[0];
  EXPECT_EQ(h.original, cwdPath("inc/ops.hpp"));
  EXPECT_EQ(h.path, "/copies" + cwdPath("inc/ops.hpp"));
  const std::string copy = withoutLocations(squeeze(h.content));
  // Inline functions and templates, which other files define plainly, get
  // internal linkage; the out-of-line one keeps its linkage and a marker.
  EXPECT_REWRITES_TO(copy, "static __attribute__((__unused__)) inline double sq(double x) {");
  EXPECT_REWRITES_TO(copy, "bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(x), ::bytedmd::ld(x)})");
  EXPECT_REWRITES_TO(copy, "template <class T> static __attribute__((__unused__)) T add(T a, T b) {");
  EXPECT_REWRITES_TO(copy, "double outOfLine(double x) { ::bytedmd::Frame bytedmd_frame(nullptr);");
  EXPECT_REWRITES_TO(r.code, "const char bytedmd_instrumented__ZN3ops9outOfLineEd = 1;");
  // The copy no longer sits beside detail.hpp: it names it by path.
  EXPECT_REWRITES_TO(copy, "#include \"" + cwdPath("inc/detail.hpp") + "\"");
  // The main file includes the copy, and calls the header's functions as
  // instrumented ones (keys pass; no escapes).
  EXPECT_REWRITES_TO(r.code, "#include \"/copies" + cwdPath("inc/ops.hpp") + "\"");
  EXPECT_REWRITES_TO(r.code, "return ops::sq(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...);");
  EXPECT_EQ(r.code.find("escape"), std::string::npos) << r.code;
  // Helpers in headers are instrumented, not measured, unless named.
  EXPECT_EQ(r.result.measured, std::vector<std::string>{"f"});
  EXPECT_EQ(r.result.dependencies,
            (std::vector<std::string>{cwdPath("inc/detail.hpp"), cwdPath("inc/ops.hpp"),
                                      cwdPath("input.cc")}));
}

TEST(Headers, WithoutTheOptionHeadersAreLeftAlone) {
  const Instrumented r = instrument(R"cpp(#include "ops.hpp"
    double f(double a, double b) { return ops::sq(a) + b; })cpp",
                                    {}, {{"inc/ops.hpp", kOps}, {"inc/detail.hpp", ""}});
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_TRUE(r.result.headers.empty());
  EXPECT_REWRITES_TO(r.code, "#include \"ops.hpp\"");
  // sq is not instrumented: its argument escapes (a read).
  EXPECT_REWRITES_TO(r.code, "ops::sq(::bytedmd::escape(");
}

TEST(Headers, AnUmbrellaHeaderThatIncludesACopyIsCopiedToo) {
  const Instrumented r = instrument(R"cpp(#include "all.hpp"
    double f(double a) { return ops::sq(a); })cpp",
                                    optIn("/inc/"),
                                    {{"inc/all.hpp", "#pragma once\n#include \"ops.hpp\"\n"},
                                     {"inc/ops.hpp", kOps},
                                     {"inc/detail.hpp", "#pragma once\n"}});
  ASSERT_TRUE(r.produced) << r.diagnostics;
  ASSERT_EQ(r.result.headers.size(), 2u);
  const RewrittenHeader &all =
      r.result.headers[0].original == cwdPath("inc/all.hpp") ? r.result.headers[0] : r.result.headers[1];
  EXPECT_EQ(all.original, cwdPath("inc/all.hpp"));
  EXPECT_REWRITES_TO(squeeze(all.content), "#include \"/copies" + cwdPath("inc/ops.hpp") + "\"");
  EXPECT_REWRITES_TO(r.code, "#include \"/copies" + cwdPath("inc/all.hpp") + "\"");
}

TEST(Headers, ACopyIncludedFromAFileThatIsNotRewrittenIsAnError) {
  // other.hpp would bring in the plain ops.hpp, and its include guard would
  // keep the copy out.
  const Instrumented r = instrument(R"cpp(#include "other.hpp"
    double f(double a) { return ops::sq(a); })cpp",
                                    optIn("/inc/ops\\.hpp$"),
                                    {{"inc/other.hpp", "#pragma once\n#include \"ops.hpp\"\n"},
                                     {"inc/ops.hpp", kOps},
                                     {"inc/detail.hpp", ""}});
  EXPECT_FALSE(r.produced);
  EXPECT_NE(r.diagnostics.find("inc/other.hpp:2:1: error: bytedmd: '" + cwdPath("inc/ops.hpp") +
                               "' is instrumented (--instrument-headers) but is included here, "
                               "from a file that is not"),
            std::string::npos)
      << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("widen --instrument-headers to match this file"), std::string::npos);
}

TEST(Headers, AFunctionAlsoDeclaredOutsideTheRewrittenFilesIsLeftPlain) {
  // Internal linkage needs every declaration: one in decl.hpp, which the
  // regex does not match, keeps sq as it is (and says so).
  const Instrumented r = instrument(R"cpp(#include "decl.hpp"
    #include "ops.hpp"
    double f(double a) { return ops::sq(a); })cpp",
                                    optIn("/inc/ops\\.hpp$"),
                                    {{"inc/decl.hpp", "namespace ops { double sq(double); }\n"},
                                     {"inc/ops.hpp", "namespace ops {\n"
                                                     "inline double sq(double x) { return x * x; }\n"
                                                     "}\n"}});
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u);
  EXPECT_NE(r.diagnostics.find("inc/decl.hpp:1:24: warning: bytedmd: 'ops::sq' is defined in an "
                               "instrumented header but declared here"),
            std::string::npos)
      << r.diagnostics;
  EXPECT_TRUE(r.result.headers.empty());
  EXPECT_REWRITES_TO(r.code, "ops::sq(::bytedmd::escape(");
}

TEST(Headers, SystemHeadersAreNeverRewritten) {
  const Instrumented r = instrument(R"cpp(#include <cmath>
    double f(double a) { return std::sqrt(a); })cpp",
                                    optIn(".*"));
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_TRUE(r.result.headers.empty());
}

TEST(Headers, AnInvalidRegexOrNoPlaceForCopiesIsAnError) {
  const Instrumented bad = instrument("double f(double a) { return a; }", optIn("inc/(ops"));
  EXPECT_FALSE(bad.produced);
  EXPECT_NE(bad.diagnostics.find("error: bytedmd: --instrument-headers='inc/(ops' is not a valid "
                                 "regular expression"),
            std::string::npos)
      << bad.diagnostics;
  InstrumentOptions nowhere = optIn("/inc/");
  nowhere.headerDir.clear();
  const Instrumented r = instrument(R"cpp(#include "ops.hpp"
    double f(double a) { return ops::sq(a); })cpp",
                                    nowhere, {{"inc/ops.hpp", kOps}, {"inc/detail.hpp", ""}});
  EXPECT_FALSE(r.produced);
  EXPECT_NE(r.diagnostics.find("give -o FILE or --header-dir=DIR"), std::string::npos)
      << r.diagnostics;
}

// ---- diagnostics: one test each ------------------------------------------------

TEST(Diagnose, UninstrumentedCallWithIteratorsToTrackedData) {
  const Instrumented r = instrument(R"cpp(
    #include <numeric>
    #include <vector>
    double f(const std::vector<double> &v) { return std::accumulate(v.begin(), v.end(), 0.0); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u);
  EXPECT_NE(r.diagnostics.find("input.cc:4:53: warning: bytedmd: call to 'std::accumulate', "
                               "which is not instrumented"),
            std::string::npos)
      << r.diagnostics;
  EXPECT_REWRITES_TO(r.code,
                     "bytedmd_frame.diagnose(&bytedmd_where, \"bytedmd: call to 'std::accumulate'");
}

TEST(Diagnose, ExpressionInAMacroBody) {
  const Instrumented r = instrument(R"cpp(
    #define SQUARE(x) ((x) * (x))
    double f(double a) { return SQUARE(a); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u);
  EXPECT_NE(r.diagnostics.find("input.cc:3:33: warning: bytedmd: expression expanded from a "
                               "macro is not rewritten"),
            std::string::npos)
      << r.diagnostics;
}

TEST(Diagnose, ConstantMacrosAreFine) {
  const Instrumented r = instrument(R"cpp(
    #define SCALE (2.0 * 3.0)
    double f(double a) { return a * SCALE; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
}

TEST(Diagnose, TrackedParameterInALoopCondition) {
  const Instrumented r = instrument(R"cpp(
    double f(double a, int n) { for (int i = 0; i < n; ++i) a = a * 2; return a; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u);
  EXPECT_NE(r.diagnostics.find("input.cc:2:53: warning: bytedmd: parameter 'n' is read in a "
                               "loop condition"),
            std::string::npos)
      << r.diagnostics;
}

TEST(Diagnose, PointerParameterUsedOtherwise) {
  // p[i] and *p are modeled (first reads declare inputs); p++ is not.
  Instrumented r = instrument("double f(const double *p) { return p[0] * *(p + 1); }");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 0u) << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "bytedmd_frame.namedInputs(\"p\", p);");
  EXPECT_REWRITES_TO(r.code, "bytedmd_frame.ldIn(p[0], p)");
  EXPECT_REWRITES_TO(r.code, "bytedmd_frame.ldIn(*(p + 1), p)");
  r = instrument("double f(const double *p) { p++; return *p; }");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u);
  EXPECT_NE(r.diagnostics.find("warning: bytedmd: pointer parameter 'p' is used other than as "
                               "p[i] or *p"),
            std::string::npos)
      << r.diagnostics;
}

TEST(Diagnose, InlineAssembly) {
  const Instrumented r =
      instrument("double f(double a) { asm volatile(\"\" ::: \"memory\"); return a; }");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u);
  EXPECT_NE(r.diagnostics.find("warning: bytedmd: inline assembly"), std::string::npos)
      << r.diagnostics;
}

TEST(Diagnose, UnmodeledContainerMember) {
  const Instrumented r = instrument(R"cpp(
    #include <vector>
    double f(std::vector<double> v, double a) { v.insert(v.begin(), {a, a}); return v[0]; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u);
  EXPECT_NE(r.diagnostics.find("warning: bytedmd: member function 'insert'"), std::string::npos)
      << r.diagnostics;
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

TEST(Diagnose, MethodOfAUserClass) {
  const Instrumented r = instrument(R"cpp(
    struct Acc { double s = 0; void add(double x) { s += x; } };
    double f(double a) { Acc acc; acc.add(a); return acc.s; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u) << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("warning: bytedmd: member function 'Acc::add' is not instrumented"),
            std::string::npos)
      << r.diagnostics;
}

TEST(Diagnose, UserClassBuiltFromTrackedValues) {
  const Instrumented r = instrument(R"cpp(
    struct P { double x, y; };
    struct Q { Q(double a) : v(a) {} double v; };
    double f(double a, double b) { P p{a, b}; Q q(a); return p.x + q.v; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  // P is plain data (modeled); Q has a constructor of its own (not modeled).
  EXPECT_EQ(r.warnings, 1u) << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("warning: bytedmd: constructor of 'Q' is not instrumented"),
            std::string::npos)
      << r.diagnostics;
  EXPECT_REWRITES_TO(r.code, "P p{::bytedmd::stash(::bytedmd::ld(a)), ::bytedmd::stash("
                             "::bytedmd::ld(b))}; ::bytedmd::forget(p); "
                             "::bytedmd::bindFields(2, p.x, p.y);");
}

TEST(Diagnose, MemcpyOnTrackedData) {
  const Instrumented r = instrument(R"cpp(
    #include <cstring>
    double f(const double (&x)[2]) { double y[2]; std::memcpy(y, x, sizeof y); return y[0]; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u) << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("warning: bytedmd: 'memcpy' on tracked data"), std::string::npos)
      << r.diagnostics;
}

TEST(Diagnose, TypePuns) {
  const Instrumented r = instrument(R"cpp(
    union U { double d; long l; };
    long f(double a) { U u; u.d = a; long bits = *reinterpret_cast<long *>(&a); return bits + u.l; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("warning: bytedmd: reading tracked data through a different type"),
            std::string::npos)
      << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("warning: bytedmd: a union member holding tracked data"),
            std::string::npos)
      << r.diagnostics;
}

TEST(Diagnose, LambdaCaptureByValue) {
  const Instrumented r = instrument(R"cpp(
    double f(double a) { auto g = [a](double x) { return a * x; }; return g(2); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u) << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("warning: bytedmd: 'a' is captured by value"), std::string::npos)
      << r.diagnostics;
}

TEST(Diagnose, TwoStructValuesBuiltInOneCall) {
  const Instrumented r = instrument(R"cpp(
    struct P { double x, y; };
    P make(double a) { return {a, a}; }
    double use(P p, P q) { return p.x * q.y; }
    double f(double a, double b) { P p = make(a); return use(p, make(b)) + use(make(a), make(b)); })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u) << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("warning: bytedmd: two struct values built in one call's arguments"),
            std::string::npos)
      << r.diagnostics;
}

TEST(Diagnose, ParameterWhoseElementsAreNotInputs) {
  const Instrumented r = instrument(R"cpp(
    #include <vector>
    struct P { double x, y; };
    double f(const std::vector<P> &v) { return v[0].x; })cpp");
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.warnings, 1u) << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("warning: bytedmd: the elements of parameter 'v' are not declared "
                               "as inputs"),
            std::string::npos)
      << r.diagnostics;
}

// ---- no output on errors -----------------------------------------------------------

TEST(Errors, SyntaxErrorProducesNothing) {
  const Instrumented r = instrument("double f(double a) { return a * ; }");
  EXPECT_FALSE(r.produced);
  EXPECT_NE(r.diagnostics.find("error:"), std::string::npos);
}

TEST(Errors, UnknownFunctionProducesNothing) {
  InstrumentOptions options;
  options.functions = {"nope"};
  const Instrumented r = instrument("double f(double a) { return a; }", options);
  EXPECT_FALSE(r.produced);
  EXPECT_NE(r.diagnostics.find("no function named 'nope'"), std::string::npos) << r.diagnostics;
}

TEST(Arguments, ResourceDirIsAddedUnlessGivenAndGccFlagsDropped) {
  std::vector<std::string> out = adjustArguments({"clang", "-fno-tree-vrp", "-O2", "a.cc"});
  ASSERT_GE(out.size(), 3u);
  EXPECT_EQ(out[1], std::string("-resource-dir=") + defaultResourceDir());
  EXPECT_EQ(std::count(out.begin(), out.end(), "-fno-tree-vrp"), 0);
  EXPECT_EQ(std::count(out.begin(), out.end(), "-O2"), 1);
  out = adjustArguments({"clang", "-resource-dir=/mine", "a.cc"});
  EXPECT_EQ(out, (std::vector<std::string>{"clang", "-resource-dir=/mine", "a.cc"}));
}

} // namespace
} // namespace bytedmd
