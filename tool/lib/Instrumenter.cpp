// Instrumenter.cpp - the frontend action. Its consumer runs the phases of
// instrumenting one translation unit, each a named step:
//
//   1. scope      which files may be rewritten (HeaderCopies)
//   2. select     which functions are rewritten and measured (FunctionSelection)
//   3. rewrite    plan every function body's edits (rewriteFunction) and
//                 every class's field walker (FieldWalkers)
//   4. files      header copies' linkage and includes, cross-file markers
//   5. apply      apply the plan; the texts go to the caller
//
// When the rewrite needs to edit inside a macro's body, the plan is dropped
// and the whole is done once more on the files with those invocations
// expanded (MacroExpansions.h). Nothing is produced when the translation
// unit has errors or a phase reports one.
#include "Instrumenter.h"

#include "CrossFileMarkers.h"
#include "EditPlan.h"
#include "FieldWalkers.h"
#include "FunctionRewriter.h"
#include "FunctionSelection.h"
#include "HeaderCopies.h"
#include "MacroExpansions.h"
#include "RewriteDiagnostics.h"
#include "RewritePolicy.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace clang;

namespace bytedmd {
namespace {

class Consumer : public ASTConsumer {
public:
  Consumer(CompilerInstance &ci, const InstrumentOptions &options, InstrumentResult &result,
           const std::vector<Inclusion> &inclusions, MacroExpansions *expansions)
      : ci_(ci), options_(options), result_(result), inclusions_(inclusions),
        expansions_(expansions) {}

  void HandleTranslationUnit(ASTContext &context) override {
    DiagnosticsEngine &engine = ci_.getDiagnostics();
    if (engine.hasErrorOccurred())
      return;
    RewriteDiagnostics diags(engine, expansions_ != nullptr);
    HeaderCopies files(context.getSourceManager(), options_, inclusions_);
    FunctionSelection selection(options_, files);
    if (!files.valid(diags) || !select(context, files, selection, diags)) {
      diags.flush();
      result_.warnings += diags.count();
      return;
    }
    EditPlan plan;
    CrossFileMarkers markers;
    rewrite(context,
            RewritePolicy(selection, files, markers, expansions_, options_.keepOutputs),
            selection, plan, diags);
    if (expansions_ != nullptr && expansions_->any())
      return rewriteExpanded(); // what this pass planned and reported is dropped
    diags.flush();
    result_.warnings += diags.count();
    if (engine.hasErrorOccurred())
      return;
    files.planLinkage(selection.functions(), plan);
    files.planIncludes(plan);
    markers.plan(context, selection.functions(), plan);
    apply(context, plan, files);
  }

private:
  /// The candidates, kept sound for header copies, with every --function
  /// name found.
  bool select(ASTContext &context, HeaderCopies &files, FunctionSelection &selection,
              RewriteDiagnostics &diags) {
    selection.collect(context);
    return files.keepSound(selection.functions(), diags) && selection.checkNames(context, diags);
  }

  /// Plans the edits of every selected function but main (which runs the
  /// measurements).
  void rewrite(ASTContext &context, const RewritePolicy &policy, FunctionSelection &selection,
               EditPlan &plan, RewriteDiagnostics &diags) {
    result_.measured.clear();
    planFieldWalkers(context, policy.files(), selection, plan);
    for (const FunctionDecl *F : selection.functions()) {
      if (F->isMain())
        continue;
      rewriteFunction(context, plan, policy, diags, F);
      if (policy.isMeasured(F))
        result_.measured.push_back(F->getQualifiedNameAsString());
    }
  }

  /// The same action on the files with the noted macro invocations expanded,
  /// in a compiler instance of its own; macros it still cannot edit inside
  /// are reported. Of its diagnostics only bytedmd's and errors are shown:
  /// the compiler's own warnings were shown for the first pass.
  void rewriteExpanded();

  void apply(ASTContext &context, const EditPlan &plan, const HeaderCopies &files) {
    SourceManager &sm = context.getSourceManager();
    Rewriter rewriter(sm, context.getLangOpts());
    plan.apply(rewriter);
    if (options_.printPlan)
      result_.plan = plan.print(sm);
    const RewriteBuffer *buffer = rewriter.getRewriteBufferFor(sm.getMainFileID());
    result_.output = buffer ? std::string(buffer->begin(), buffer->end())
                            : sm.getBufferData(sm.getMainFileID()).str();
    files.collect(rewriter, result_);
    result_.dependencies = files.dependencies();
    result_.produced = true;
  }

  CompilerInstance &ci_;
  const InstrumentOptions &options_;
  InstrumentResult &result_;
  const std::vector<Inclusion> &inclusions_;
  MacroExpansions *expansions_;
};

class Action : public ASTFrontendAction {
public:
  Action(const InstrumentOptions &options, InstrumentResult &result)
      : options_(options), result_(result) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci, StringRef) override {
    ci.getPreprocessor().addPPCallbacks(recordInclusions(inclusions_));
    if (options_.expandMacros)
      expansions_ = std::make_unique<MacroExpansions>(ci.getPreprocessor());
    return std::make_unique<Consumer>(ci, options_, result_, inclusions_, expansions_.get());
  }

private:
  const InstrumentOptions &options_;
  InstrumentResult &result_;
  std::vector<Inclusion> inclusions_;
  std::unique_ptr<MacroExpansions> expansions_;
};

/// Passes on errors and bytedmd's own diagnostics (with their notes).
class OwnDiagnostics : public DiagnosticConsumer {
public:
  explicit OwnDiagnostics(DiagnosticConsumer &to) : to_(to) {}
  void HandleDiagnostic(DiagnosticsEngine::Level level, const Diagnostic &info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level != DiagnosticsEngine::Note) {
      llvm::SmallString<128> text;
      info.FormatDiagnostic(text);
      passing_ = level >= DiagnosticsEngine::Error || text.str().starts_with("bytedmd:");
    }
    if (passing_)
      to_.HandleDiagnostic(level, info);
  }

private:
  DiagnosticConsumer &to_;
  bool passing_ = false;
};

void Consumer::rewriteExpanded() {
  auto invocation = std::make_shared<CompilerInvocation>(ci_.getInvocation());
  // Its warnings are counted where they are shown, by the first pass's client.
  invocation->getDiagnosticOpts().ShowCarets = false;
  for (const auto &[name, text] : expansions_->expandedFiles())
    invocation->getPreprocessorOpts().addRemappedFile(
        name, llvm::MemoryBuffer::getMemBufferCopy(text, name).release());
  CompilerInstance expanded(ci_.getPCHContainerOperations());
  expanded.setInvocation(std::move(invocation));
  expanded.setFileManager(&ci_.getFileManager());
  expanded.createDiagnostics(new OwnDiagnostics(ci_.getDiagnosticClient()), true);
  InstrumentOptions once = options_;
  once.expandMacros = false;
  Action action(once, result_);
  if (!expanded.ExecuteAction(action))
    ci_.getDiagnostics().Report(ci_.getDiagnostics().getCustomDiagID(
        DiagnosticsEngine::Error, "bytedmd: the file with its macros expanded did not compile "
                                  "(see above); report this with the source"));
}

class Factory : public tooling::FrontendActionFactory {
public:
  Factory(const InstrumentOptions &options, InstrumentResult &result)
      : options_(options), result_(result) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(options_, result_);
  }

private:
  const InstrumentOptions &options_;
  InstrumentResult &result_;
};

} // namespace

std::unique_ptr<tooling::FrontendActionFactory>
newInstrumentActionFactory(const InstrumentOptions &options, InstrumentResult &result) {
  return std::make_unique<Factory>(options, result);
}

} // namespace bytedmd
