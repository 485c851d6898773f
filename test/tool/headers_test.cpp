// headers_test.cpp - the rewriter on in-memory sources: project headers rewritten into copies (--instrument-headers).
#include "rewrite_test_support.h"

namespace bytedmd {
namespace {

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
  EXPECT_REWRITES_TO(copy, "double outOfLine(double x) { static bytedmd_function bytedmd_site = "
                                     "{\"ops::outOfLine\", {\"inc/ops.hpp\", 6, 8, 0}}; "
                                     "::bytedmd::Frame bytedmd_frame(&bytedmd_site, false);");
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

} // namespace
} // namespace bytedmd
