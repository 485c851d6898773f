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
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <algorithm>
#include <map>
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

/// A function this tool rewrites: defined (with a body) in the main file or
/// an opted-in header, free or static, not an instantiation of a template
/// (the pattern is rewritten once, generically).
bool isCandidate(const FunctionDecl *F, const std::function<bool(SourceLocation)> &inScope) {
  if (!F->doesThisDeclarationHaveABody() || F->isImplicit())
    return false;
  if (!inScope(F->getLocation()))
    return false;
  if (F->isTemplateInstantiation())
    return false;
  if (isa<CXXMethodDecl>(F))
    return false; // methods (and lambdas) are not measured units
  return true;
}

std::string realPath(FileEntryRef file) {
  if (StringRef known = file.getFileEntry().tryGetRealPathName(); !known.empty())
    return known.str();
  llvm::SmallString<256> path;
  if (!llvm::sys::fs::real_path(file.getName(), path))
    return path.str().str();
  return file.getName().str();
}

/// One #include directive, as the preprocessor resolved it.
struct Inclusion {
  SourceLocation hash;
  CharSourceRange spelled; ///< "k.hpp" or <k.hpp>
  FileEntryRef target;
  bool angled;
  bool system;
};

class InclusionRecorder : public PPCallbacks {
public:
  explicit InclusionRecorder(std::vector<Inclusion> &out) : out_(out) {}
  void InclusionDirective(SourceLocation hash, const Token &, StringRef, bool angled,
                          CharSourceRange spelled, OptionalFileEntryRef file, StringRef, StringRef,
                          const Module *, bool, SrcMgr::CharacteristicKind kind) override {
    if (file && hash.isFileID())
      out_.push_back({hash, spelled, *file, angled, kind != SrcMgr::C_User});
  }

private:
  std::vector<Inclusion> &out_;
};

class Consumer : public ASTConsumer {
public:
  Consumer(CompilerInstance &ci, const InstrumentOptions &options, InstrumentResult &result,
           const std::vector<Inclusion> &inclusions)
      : ci_(ci), options_(options), result_(result), inclusions_(inclusions) {}

  void HandleTranslationUnit(ASTContext &context) override {
    if (ci_.getDiagnostics().hasErrorOccurred())
      return;
    SourceManager &sm = context.getSourceManager();
    DiagnosticsEngine &diags = ci_.getDiagnostics();
    const FileID mainFile = sm.getMainFileID();

    // Opted-in headers: project headers whose real path the regex finds.
    llvm::Regex headerRegex(options_.instrumentHeaders);
    std::string regexError;
    if (!options_.instrumentHeaders.empty() && !headerRegex.isValid(regexError)) {
      diags.Report(diags.getCustomDiagID(DiagnosticsEngine::Error,
                                         "bytedmd: --instrument-headers='%0' is not a valid "
                                         "regular expression: %1"))
          << options_.instrumentHeaders << regexError;
      return;
    }
    std::map<FileID, bool> optedIn;
    auto isOptedIn = [&](FileID file) {
      if (options_.instrumentHeaders.empty() || file == mainFile || file.isInvalid())
        return false;
      auto [it, fresh] = optedIn.try_emplace(file, false);
      if (fresh) {
        OptionalFileEntryRef entry = sm.getFileEntryRefForID(file);
        it->second = entry && !sm.isInSystemHeader(sm.getLocForStartOfFile(file)) &&
                     headerRegex.match(realPath(*entry));
      }
      return it->second;
    };
    auto fileOf = [&](SourceLocation L) { return sm.getFileID(sm.getExpansionLoc(L)); };
    std::function<bool(SourceLocation)> inScope = [&](SourceLocation L) {
      const FileID file = fileOf(L);
      return file == mainFile || isOptedIn(file);
    };

    std::vector<const FunctionDecl *> functions;
    for (const Decl *D : context.getTranslationUnitDecl()->decls())
      collect(D, inScope, functions);

    // A header's instrumented functions get internal linkage in its rewritten
    // copy: other translation units define the plain ones under the same
    // name, and the linker would keep either.
    std::set<FileID> rewritten = {mainFile};
    {
      const unsigned leftPlain = diags.getCustomDiagID(
          DiagnosticsEngine::Warning,
          "bytedmd: '%0' is defined in an instrumented header but declared here, in a file "
          "that --instrument-headers does not match (or as a friend); it is left as it is, so "
          "calls to it are not instrumented. Widen --instrument-headers to this file");
      std::vector<const FunctionDecl *> kept;
      for (const FunctionDecl *F : functions) {
        const FileID file = fileOf(F->getLocation());
        if (file == mainFile) {
          kept.push_back(F);
          continue;
        }
        const FunctionDecl *outside = nullptr;
        for (const FunctionDecl *D : F->redecls())
          if (!inScope(D->getLocation()) || D->getFriendObjectKind() != Decl::FOK_None)
            outside = D;
        if (outside) {
          diags.Report(outside->getLocation(), leftPlain) << F->getQualifiedNameAsString();
          ++result_.warnings;
          continue;
        }
        kept.push_back(F);
        rewritten.insert(file);
      }
      functions.swap(kept);
    }
    // A rewritten header's includers are rewritten too (to include the copy),
    // so they must be opted in as well.
    auto targetFile = [&](const Inclusion &I) { return sm.translateFile(I.target); };
    for (bool grew = true; grew;) {
      grew = false;
      for (const Inclusion &I : inclusions_) {
        const FileID from = sm.getFileID(I.hash);
        if (rewritten.count(targetFile(I)) && !rewritten.count(from) && isOptedIn(from))
          grew = rewritten.insert(from).second || grew;
      }
    }
    for (const Inclusion &I : inclusions_) {
      const FileID from = sm.getFileID(I.hash);
      const FileID to = targetFile(I);
      if (to != mainFile && rewritten.count(to) && !rewritten.count(from))
        diags.Report(I.hash, diags.getCustomDiagID(
                                 DiagnosticsEngine::Error,
                                 "bytedmd: '%0' is instrumented (--instrument-headers) but is "
                                 "included here, from a file that is not, which would bring in "
                                 "its plain copy; widen --instrument-headers to match this file"))
            << realPath(I.target);
    }
    if (rewritten.size() > 1 && options_.headerDir.empty())
      diags.Report(diags.getCustomDiagID(DiagnosticsEngine::Error,
                                         "bytedmd: headers are instrumented but there is no "
                                         "directory for their rewritten copies; give -o FILE or "
                                         "--header-dir=DIR"));
    if (diags.hasErrorOccurred())
      return;

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
    policy.isRewrittenFile = [&](FileID file) { return rewritten.count(file) > 0; };
    policy.isInstrumented = [&](const FunctionDecl *F) {
      // A call may name a declaration that precedes the definition.
      return instrumented.count(F->getCanonicalDecl()) || instrumented.count(F) ||
             (F->getDefinition() && instrumented.count(F->getDefinition())) ||
             (F->getPrimaryTemplate() &&
              instrumented.count(F->getPrimaryTemplate()->getTemplatedDecl())) ||
             (isa<CXXMethodDecl>(F) && cast<CXXMethodDecl>(F)->getParent()->isLambda() &&
              rewritten.count(fileOf(F->getLocation())));
    };
    policy.isMeasured = [&](const FunctionDecl *F) {
      if (F->isMain())
        return false;
      if (const auto *A = F->getAttr<AnnotateAttr>(); A && A->getAnnotation() == "bytedmd_measure")
        return true;
      if (options_.functions.empty()) // headers' helpers are measured only when named
        return fileOf(F->getLocation()) == mainFile;
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
    for (const FunctionDecl *F : functions) {
      // Only what may be defined in several files meets a plain copy; an
      // explicit specialization takes its template's linkage.
      if (fileOf(F->getLocation()) == mainFile || !(F->isInlined() || F->isTemplated()) ||
          F->getTemplateSpecializationKind() == TSK_ExplicitSpecialization)
        continue;
      for (const FunctionDecl *D : F->redecls())
        if (D->getStorageClass() != SC_Static)
          rewriter.InsertText(D->getInnerLocStart(), "static __attribute__((__unused__)) ", false);
    }
    // Rewritten files include the rewritten copies, by absolute path; a copy
    // names its other quoted includes by absolute path too, since it no
    // longer sits beside them.
    std::map<std::string, std::string> copyOf;
    for (FileID file : rewritten)
      if (file != mainFile) {
        const std::string original = realPath(*sm.getFileEntryRefForID(file));
        copyOf[original] = copyPath(original);
      }
    for (const Inclusion &I : inclusions_) {
      const FileID from = sm.getFileID(I.hash);
      if (!rewritten.count(from) || I.spelled.getBegin().isMacroID())
        continue;
      const std::string target = realPath(I.target);
      if (auto copy = copyOf.find(target); copy != copyOf.end())
        rewriter.ReplaceText(I.spelled, "\"" + copy->second + "\"");
      else if (from != mainFile && !I.angled)
        rewriter.ReplaceText(I.spelled, "\"" + target + "\"");
    }
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
    for (FileID file : rewritten) {
      if (file == mainFile)
        continue;
      const std::string original = realPath(*sm.getFileEntryRefForID(file));
      const RewriteBuffer *copy = rewriter.getRewriteBufferFor(file);
      result_.headers.push_back({original, copyOf[original],
                                 copy ? std::string(copy->begin(), copy->end())
                                      : sm.getBufferData(file).str()});
    }
    std::set<std::string> read = {realPath(*sm.getFileEntryRefForID(mainFile))};
    for (const Inclusion &I : inclusions_)
      if (!I.system)
        read.insert(realPath(I.target));
    result_.dependencies.assign(read.begin(), read.end());
    result_.produced = true;
  }

private:
  void collect(const Decl *D, const std::function<bool(SourceLocation)> &inScope,
               std::vector<const FunctionDecl *> &out) {
    if (const auto *N = dyn_cast<NamespaceDecl>(D)) {
      for (const Decl *inner : N->decls())
        collect(inner, inScope, out);
    } else if (const auto *L = dyn_cast<LinkageSpecDecl>(D)) {
      for (const Decl *inner : L->decls())
        collect(inner, inScope, out);
    } else if (const auto *T = dyn_cast<FunctionTemplateDecl>(D)) {
      if (isCandidate(T->getTemplatedDecl(), inScope))
        out.push_back(T->getTemplatedDecl());
    } else if (const auto *F = dyn_cast<FunctionDecl>(D)) {
      if (isCandidate(F, inScope))
        out.push_back(F);
    }
  }

  /// DIR/home/me/k.hpp for /home/me/k.hpp: one place per header, never two.
  std::string copyPath(const std::string &original) const {
    llvm::SmallString<256> path(options_.headerDir);
    llvm::sys::path::append(path, llvm::sys::path::relative_path(original));
    return path.str().str();
  }

  CompilerInstance &ci_;
  const InstrumentOptions &options_;
  InstrumentResult &result_;
  const std::vector<Inclusion> &inclusions_;
};

class Action : public ASTFrontendAction {
public:
  Action(const InstrumentOptions &options, InstrumentResult &result)
      : options_(options), result_(result) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &ci, StringRef) override {
    ci.getPreprocessor().addPPCallbacks(std::make_unique<InclusionRecorder>(inclusions_));
    return std::make_unique<Consumer>(ci, options_, result_, inclusions_);
  }

private:
  const InstrumentOptions &options_;
  InstrumentResult &result_;
  std::vector<Inclusion> inclusions_;
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
