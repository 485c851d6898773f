// Instrumenter.cpp - the frontend action: which functions to rewrite, and the
// rewritten main file when the translation unit compiled cleanly.
#include "Instrumenter.h"

#include "FunctionRewriter.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <set>

#ifndef BYTEDMD_CLANG_RESOURCE_DIR
#define BYTEDMD_CLANG_RESOURCE_DIR ""
#endif

using namespace clang;

namespace bytedmd {
namespace {

bool nameMatches(const FunctionDecl *F, const std::string &wanted) {
  if (wanted.find("::") != std::string::npos) {
    std::string qualified = F->getQualifiedNameAsString();
    return qualified == wanted || ("::" + qualified) == wanted;
  }
  return F->getIdentifier() && F->getName() == wanted;
}

/// A function this tool rewrites: defined (with a body) in the main file,
/// free or static, not an instantiation of a template (the pattern is
/// rewritten once, generically).
bool isCandidate(const FunctionDecl *F, const SourceManager &sm) {
  if (!F->doesThisDeclarationHaveABody() || F->isImplicit())
    return false;
  if (!sm.isWrittenInMainFile(F->getLocation()))
    return false;
  if (F->isTemplateInstantiation())
    return false;
  if (isa<CXXMethodDecl>(F))
    return false; // methods (and lambdas) are not measured units
  return true;
}

class Consumer : public ASTConsumer {
public:
  Consumer(CompilerInstance &ci, const InstrumentOptions &options, InstrumentResult &result)
      : ci_(ci), options_(options), result_(result) {}

  void HandleTranslationUnit(ASTContext &context) override {
    if (ci_.getDiagnostics().hasErrorOccurred())
      return;
    SourceManager &sm = context.getSourceManager();
    std::vector<const FunctionDecl *> functions;
    for (const Decl *D : context.getTranslationUnitDecl()->decls())
      collect(D, sm, functions);

    // --function names must all exist.
    std::set<std::string> found;
    for (const FunctionDecl *F : functions)
      for (const std::string &wanted : options_.functions)
        if (nameMatches(F, wanted))
          found.insert(wanted);
    for (const std::string &wanted : options_.functions)
      if (!found.count(wanted) && !options_.allowMissingFunctions) {
        unsigned id = ci_.getDiagnostics().getCustomDiagID(
            DiagnosticsEngine::Error,
            "bytedmd: no function named '%0' is defined in this file; check the --function "
            "name (a qualified name such as ns::f is accepted)");
        ci_.getDiagnostics().Report(sm.getLocForStartOfFile(sm.getMainFileID()), id) << wanted;
      }
    if (ci_.getDiagnostics().hasErrorOccurred())
      return;

    std::set<const FunctionDecl *> instrumented(functions.begin(), functions.end());
    RewritePolicy policy;
    policy.isInstrumented = [&](const FunctionDecl *F) {
      // A call may name a declaration that precedes the definition.
      return instrumented.count(F->getCanonicalDecl()) || instrumented.count(F) ||
             (F->getDefinition() && instrumented.count(F->getDefinition())) ||
             (F->getPrimaryTemplate() &&
              instrumented.count(F->getPrimaryTemplate()->getTemplatedDecl())) ||
             (isa<CXXMethodDecl>(F) && cast<CXXMethodDecl>(F)->getParent()->isLambda() &&
              sm.isWrittenInMainFile(F->getLocation()));
    };
    policy.isMeasured = [&](const FunctionDecl *F) {
      if (F->isMain())
        return false;
      if (const auto *A = F->getAttr<AnnotateAttr>(); A && A->getAnnotation() == "bytedmd_measure")
        return true;
      if (options_.functions.empty())
        return true;
      return std::any_of(options_.functions.begin(), options_.functions.end(),
                         [&](const std::string &w) { return nameMatches(F, w); });
    };
    policy.isUntracked = [&](const FunctionDecl *F, const std::string &param) {
      for (const std::string &u : options_.untracked) {
        const auto colon = u.rfind(':');
        if (colon == std::string::npos || colon == 0 || u[colon - 1] == ':') {
          if (u == param)
            return true;
        } else if (u.substr(colon + 1) == param && nameMatches(F, u.substr(0, colon))) {
          return true;
        }
      }
      return false;
    };

    policy.keepOutputs = options_.keepOutputs;
    std::set<std::string> called;
    policy.crossFileMarkers = &called;
    Rewriter rewriter(sm, context.getLangOpts());
    for (const FunctionDecl *F : functions) {
      if (F->isMain())
        continue; // main runs the measurements; it is not measured
      result_.warnings += rewriteFunction(context, rewriter, policy, F);
      if (policy.isMeasured(F))
        result_.measured.push_back(F->getQualifiedNameAsString());
    }
    if (ci_.getDiagnostics().hasErrorOccurred())
      return;
    // Calls across files: this file's instrumented functions define their
    // markers; the functions it calls in other files are referenced weakly.
    std::string header = "#include \"bytedmd/instrument.hpp\"  // added by bytedmd-instrument\n";
    for (const std::string &m : called)
      header += "extern const char " + m + " __attribute__((weak));\n";
    std::string footer;
    for (const FunctionDecl *F : functions)
      if (std::string m = definedMarker(context, F); !m.empty())
        footer += "extern const char " + m + ";\nconst char " + m + " = 1;\n";
    rewriter.InsertText(sm.getLocForStartOfFile(sm.getMainFileID()), header, false);
    if (!footer.empty())
      rewriter.InsertText(sm.getLocForEndOfFile(sm.getMainFileID()),
                          "\n// added by bytedmd-instrument: this file's functions are "
                          "instrumented\n" + footer,
                          true);
    const RewriteBuffer *buffer = rewriter.getRewriteBufferFor(sm.getMainFileID());
    result_.output = buffer ? std::string(buffer->begin(), buffer->end())
                            : sm.getBufferData(sm.getMainFileID()).str();
    result_.produced = true;
  }

private:
  void collect(const Decl *D, const SourceManager &sm, std::vector<const FunctionDecl *> &out) {
    if (const auto *N = dyn_cast<NamespaceDecl>(D)) {
      for (const Decl *inner : N->decls())
        collect(inner, sm, out);
    } else if (const auto *L = dyn_cast<LinkageSpecDecl>(D)) {
      for (const Decl *inner : L->decls())
        collect(inner, sm, out);
    } else if (const auto *T = dyn_cast<FunctionTemplateDecl>(D)) {
      if (isCandidate(T->getTemplatedDecl(), sm))
        out.push_back(T->getTemplatedDecl());
    } else if (const auto *F = dyn_cast<FunctionDecl>(D)) {
      if (isCandidate(F, sm))
        out.push_back(F);
    }
  }

  CompilerInstance &ci_;
  const InstrumentOptions &options_;
  InstrumentResult &result_;
};

class Action : public ASTFrontendAction {
public:
  Action(const InstrumentOptions &options, InstrumentResult &result)
      : options_(options), result_(result) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci, StringRef) override {
    return std::make_unique<Consumer>(ci, options_, result_);
  }

private:
  const InstrumentOptions &options_;
  InstrumentResult &result_;
};

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

const char *defaultResourceDir() { return BYTEDMD_CLANG_RESOURCE_DIR; }

std::vector<std::string> adjustArguments(const std::vector<std::string> &args) {
  // GCC accepts these and Clang rejects them (they appear in GCC builds'
  // compile_commands.json).
  static const char *const gccOnlyPrefixes[] = {"-fno-tree-",
                                                "-ftree-",
                                                "-fconcepts-diagnostics-depth",
                                                "-fmax-include-depth",
                                                "-fno-fat-lto-objects",
                                                "-fanalyzer",
                                                "-fstack-clash-protection",
                                                "-fno-allow-store-data-races",
                                                "-mabi=",
                                                "-fcf-protection=check",
                                                "-flto=auto",
                                                "-flto-partition",
                                                "-fipa-",
                                                "-fno-ipa-",
                                                "-fsched-",
                                                "-fno-semantic-interposition",
                                                "-fdiagnostics-urls",
                                                "-Wno-maybe-uninitialized",
                                                "-Wmaybe-uninitialized",
                                                "-Wno-class-memaccess",
                                                "-Wno-stringop-",
                                                "-Wstringop-",
                                                "-Wlogical-op",
                                                "-Wduplicated-",
                                                "-Wuseless-cast",
                                                "-Wno-psabi"};
  std::vector<std::string> out;
  bool hasResourceDir = false;
  for (const std::string &a : args) {
    if (llvm::StringRef(a).starts_with("-resource-dir"))
      hasResourceDir = true;
    bool drop = false;
    for (const char *p : gccOnlyPrefixes)
      drop = drop || llvm::StringRef(a).starts_with(p);
    if (!drop)
      out.push_back(a);
  }
  if (!hasResourceDir && *defaultResourceDir() != '\0' && !out.empty())
    out.insert(out.begin() + 1, std::string("-resource-dir=") + defaultResourceDir());
  return out;
}

} // namespace bytedmd
