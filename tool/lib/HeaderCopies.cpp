// HeaderCopies.cpp - the files the rewrite changes, and the copies of the
// opted-in headers (see the header).
#include "HeaderCopies.h"

#include "EditPlan.h"
#include "Instrumenter.h"
#include "RewriteDiagnostics.h"
#include "RuntimeSpelling.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace bytedmd {
namespace {

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

} // namespace

std::unique_ptr<PPCallbacks> recordInclusions(std::vector<Inclusion> &out) {
  return std::make_unique<InclusionRecorder>(out);
}

std::string realPath(FileEntryRef file) {
  if (StringRef known = file.getFileEntry().tryGetRealPathName(); !known.empty())
    return known.str();
  llvm::SmallString<256> path;
  if (!llvm::sys::fs::real_path(file.getName(), path))
    return path.str().str();
  return file.getName().str();
}

HeaderCopies::HeaderCopies(SourceManager &sm, const InstrumentOptions &options,
                           const std::vector<Inclusion> &inclusions)
    : sm_(sm), options_(options), inclusions_(inclusions), mainFile_(sm.getMainFileID()),
      regex_(options.instrumentHeaders), rewritten_({sm.getMainFileID()}) {}

bool HeaderCopies::valid(RewriteDiagnostics &diags) const {
  std::string error;
  if (options_.instrumentHeaders.empty() || regex_.isValid(error))
    return true;
  diags.report(SourceLocation(), Message::BadHeaderRegex, {options_.instrumentHeaders, error});
  return false;
}

FileID HeaderCopies::fileOf(SourceLocation L) const { return sm_.getFileID(sm_.getExpansionLoc(L)); }

bool HeaderCopies::isOptedIn(FileID file) const {
  if (options_.instrumentHeaders.empty() || file == mainFile_ || file.isInvalid())
    return false;
  auto [it, fresh] = optedIn_.try_emplace(file, false);
  if (fresh) {
    OptionalFileEntryRef entry = sm_.getFileEntryRefForID(file);
    it->second = entry && !sm_.isInSystemHeader(sm_.getLocForStartOfFile(file)) &&
                 regex_.match(realPath(*entry));
  }
  return it->second;
}

bool HeaderCopies::inScope(SourceLocation L) const {
  const FileID file = fileOf(L);
  return file == mainFile_ || isOptedIn(file);
}

FileID HeaderCopies::targetFile(const Inclusion &I) const { return sm_.translateFile(I.target); }

bool HeaderCopies::keepSound(std::vector<const FunctionDecl *> &functions,
                             RewriteDiagnostics &diags) {
  bool ok = true;
  std::vector<const FunctionDecl *> kept;
  for (const FunctionDecl *F : functions) {
    const FileID file = fileOf(F->getLocation());
    if (file == mainFile_) {
      kept.push_back(F);
      continue;
    }
    const FunctionDecl *outside = nullptr;
    for (const FunctionDecl *D : F->redecls())
      if (!inScope(D->getLocation()) || D->getFriendObjectKind() != Decl::FOK_None)
        outside = D;
    if (outside) {
      diags.report(outside->getLocation(), Message::HeaderFunctionLeftPlain,
                   {F->getQualifiedNameAsString()});
      continue;
    }
    kept.push_back(F);
    rewritten_.insert(file);
  }
  functions.swap(kept);
  // A rewritten header's includers are rewritten too (to include the copy),
  // so they must be opted in as well.
  for (bool grew = true; grew;) {
    grew = false;
    for (const Inclusion &I : inclusions_) {
      const FileID from = sm_.getFileID(I.hash);
      if (rewritten_.count(targetFile(I)) && !rewritten_.count(from) && isOptedIn(from))
        grew = rewritten_.insert(from).second || grew;
    }
  }
  for (const Inclusion &I : inclusions_) {
    const FileID from = sm_.getFileID(I.hash);
    const FileID to = targetFile(I);
    if (to != mainFile_ && rewritten_.count(to) && !rewritten_.count(from)) {
      diags.report(I.hash, Message::CopyIncludedFromPlainFile, {realPath(I.target)});
      ok = false;
    }
  }
  if (rewritten_.size() > 1 && options_.headerDir.empty()) {
    diags.report(SourceLocation(), Message::NoHeaderDirectory);
    ok = false;
  }
  return ok;
}

void HeaderCopies::planLinkage(const std::vector<const FunctionDecl *> &functions,
                               EditPlan &plan) const {
  for (const FunctionDecl *F : functions) {
    // Only what may be defined in several files meets a plain copy; an
    // explicit specialization takes its template's linkage.
    if (fileOf(F->getLocation()) == mainFile_ || !(F->isInlined() || F->isTemplated()) ||
        F->getTemplateSpecializationKind() == TSK_ExplicitSpecialization)
      continue;
    for (const FunctionDecl *D : F->redecls())
      if (D->getStorageClass() != SC_Static)
        plan.insert(D->getInnerLocStart(), spell::kInternalLinkage, false);
  }
}

void HeaderCopies::planIncludes(EditPlan &plan) {
  for (FileID file : rewritten_)
    if (file != mainFile_) {
      const std::string original = realPath(*sm_.getFileEntryRefForID(file));
      copyOf_[original] = copyPath(original);
    }
  for (const Inclusion &I : inclusions_) {
    const FileID from = sm_.getFileID(I.hash);
    if (!rewritten_.count(from) || I.spelled.getBegin().isMacroID())
      continue;
    const std::string target = realPath(I.target);
    if (auto copy = copyOf_.find(target); copy != copyOf_.end())
      plan.replace(I.spelled, "\"" + copy->second + "\"");
    else if (from != mainFile_ && !I.angled)
      plan.replace(I.spelled, "\"" + target + "\"");
  }
}

void HeaderCopies::collect(const Rewriter &rewriter, InstrumentResult &result) const {
  for (FileID file : rewritten_) {
    if (file == mainFile_)
      continue;
    const std::string original = realPath(*sm_.getFileEntryRefForID(file));
    const RewriteBuffer *copy = rewriter.getRewriteBufferFor(file);
    result.headers.push_back({original, copyOf_.at(original),
                              copy ? std::string(copy->begin(), copy->end())
                                   : sm_.getBufferData(file).str()});
  }
}

std::vector<std::string> HeaderCopies::dependencies() const {
  std::set<std::string> read = {realPath(*sm_.getFileEntryRefForID(mainFile_))};
  for (const Inclusion &I : inclusions_)
    if (!I.system)
      read.insert(realPath(I.target));
  return {read.begin(), read.end()};
}

std::string HeaderCopies::copyPath(const std::string &original) const {
  llvm::SmallString<256> path(options_.headerDir);
  llvm::sys::path::append(path, llvm::sys::path::relative_path(original));
  return path.str().str();
}

} // namespace bytedmd
