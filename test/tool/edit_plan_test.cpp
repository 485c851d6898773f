// edit_plan_test.cpp - edits are data until applied: their order makes
// wrappers nest, and a rewrite can be read as its plan.
#include "EditPlan.h"

#include "CompileArguments.h"
#include "rewrite_test_support.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include "clang/Tooling/Tooling.h"

#include <memory>

namespace bytedmd {
namespace {

/// "int x = 1;" parsed, with the location of column `column` of line 1.
struct OneLine {
  std::unique_ptr<clang::ASTUnit> unit = clang::tooling::buildASTFromCodeWithArgs(
      "int x = 1;\n", {kDefaultStandard, std::string("-resource-dir=") + defaultResourceDir()},
      "one.cc");
  clang::SourceManager &sm() { return unit->getSourceManager(); }
  clang::SourceLocation at(unsigned column) {
    return sm().getLocForStartOfFile(sm().getMainFileID()).getLocWithOffset(column - 1);
  }
  std::string apply(const EditPlan &plan) {
    clang::Rewriter rewriter(sm(), unit->getLangOpts());
    plan.apply(rewriter);
    const clang::RewriteBuffer *b = rewriter.getRewriteBufferFor(sm().getMainFileID());
    return b ? std::string(b->begin(), b->end()) : "";
  }
};

TEST(EditPlan, OpeningsAfterEarlierOnesAndClosingsBeforeNest) {
  OneLine file;
  EditPlan plan;
  // Outer first, as the traversal plans: f( ... ) around g( ... ) around 1.
  plan.insert(file.at(9), "f(", true);
  plan.insert(file.at(10), ")", false);
  plan.insert(file.at(9), "g(", true);
  plan.insert(file.at(10), ")", false);
  plan.replace(file.at(5), 1, "y");
  EXPECT_EQ(plan.edits().size(), 5u);
  EXPECT_EQ(file.apply(plan), "int y = f(g(1));\n");
}

TEST(EditPlan, PrintsOneLinePerEditInPlanOrder) {
  OneLine file;
  EditPlan plan;
  plan.insert(file.at(9), "ld(", true);
  plan.insertAfterToken(file.at(9), ")");
  plan.replace(file.at(5), 1, "\"y\"");
  EXPECT_EQ(plan.print(file.sm()), "one.cc:1:9 insert-after \"ld(\"\n"
                                   "one.cc:1:9 insert-after-token \")\"\n"
                                   "one.cc:1:5 replace 1 \"\\\"y\\\"\"\n");
  EXPECT_EQ(file.apply(plan), "int \"y\" = ld(1);\n");
}

TEST(EditPlan, AFunctionsRewriteIsItsPlan) {
  // The instrumenter's plan for a product: the instruction opens before its
  // operands' loads (outer first), its operator becomes a comma, and it
  // closes with its site; then the prologue after the brace (the site, the
  // frame, the by-value arguments' keys, the inputs, last first), the
  // runtime include, and the marker other files may look for.
  InstrumentOptions options;
  options.printPlan = true;
  const Instrumented r = instrument("double f(double a, double b) { return a * b; }", options);
  ASSERT_TRUE(r.produced) << r.diagnostics;
  EXPECT_EQ(r.result.plan,
            "input.cc:1:39 insert-after \"bytedmd_frame.ret(\"\n"
            "input.cc:1:44 insert-before \")\"\n"
            "input.cc:1:39 insert-after \"::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{\"\n"
            "input.cc:1:41 replace 1 \",\"\n"
            "input.cc:1:44 insert-before \"}, &bytedmd_loc_0)\"\n"
            "input.cc:1:39 insert-after \"::bytedmd::ld(\"\n"
            "input.cc:1:40 insert-before \")\"\n"
            "input.cc:1:43 insert-after \"::bytedmd::ld(\"\n"
            "input.cc:1:44 insert-before \")\"\n"
            "input.cc:1:31 insert-before \" static bytedmd_function bytedmd_site = {\\\"f\\\", "
            "{\\\"input.cc\\\", 1, 8, 0}}; static bytedmd_location bytedmd_loc_0 = "
            "{\\\"input.cc\\\", 1, 0, 0, \\\"a * b\\\"}; ::bytedmd::Frame "
            "bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, "
            "b); bytedmd_frame.namedInputs(\\\"b,a\\\", b, a);\"\n"
            "input.cc:1:1 insert-before \"#include \\\"bytedmd/instrument.hpp\\\"  // added by "
            "bytedmd-instrument\\n\"\n"
            "input.cc:1:47 insert-after \"\\n// added by bytedmd-instrument: this file's "
            "functions are instrumented\\nextern const char bytedmd_instrumented__Z1fdd;\\n"
            "const char bytedmd_instrumented__Z1fdd = 1;\\n\"\n");
}

} // namespace
} // namespace bytedmd
