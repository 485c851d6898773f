// FunctionSelection.cpp - candidates, --function names, measured functions.
#include "FunctionSelection.h"

#include "HeaderCopies.h"
#include "Instrumenter.h"
#include "RewriteDiagnostics.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

using namespace clang;

namespace bytedmd {
namespace {

bool nameMatches(const FunctionDecl *F, const std::string &wanted) {
  if (wanted.find("::") != std::string::npos) {
    std::string qualified = F->getQualifiedNameAsString();
    return qualified == wanted || ("::" + qualified) == wanted;
  }
  return F->getNameAsString() == wanted; // "forward", "operator*"
}

/// A member the rewrite instruments. Copies, moves and destructors are not:
/// a copy is free and keeps its keys (the runtime copies them beside the
/// class's copy, walking its fields), and a destructor only forgets memory.
bool isInstrumentedMember(const CXXMethodDecl *M) {
  if (M->getParent()->isLambda() || M->isExplicitlyDefaulted() || M->isDeleted() ||
      isa<CXXDestructorDecl>(M) || M->isCopyAssignmentOperator() ||
      M->isMoveAssignmentOperator())
    return false;
  if (const auto *C = dyn_cast<CXXConstructorDecl>(M); C && C->isCopyOrMoveConstructor())
    return false;
  return !M->getParent()->isLocalClass();
}

bool isCandidate(const FunctionDecl *F, const HeaderCopies &files) {
  if (!F->doesThisDeclarationHaveABody() || F->isImplicit())
    return false;
  if (!files.inScope(F->getLocation()))
    return false;
  if (F->isTemplateInstantiation())
    return false;
  if (const auto *M = dyn_cast<CXXMethodDecl>(F))
    return isInstrumentedMember(M); // lambdas are rewritten with their enclosing function
  return true;
}

struct Collected {
  std::vector<const FunctionDecl *> &functions, &constant;
  void add(const FunctionDecl *F) { (F->isConstexpr() ? constant : functions).push_back(F); }
};

void collectIn(const Decl *D, const HeaderCopies &files, Collected &out) {
  if (const auto *N = dyn_cast<NamespaceDecl>(D)) {
    for (const Decl *inner : N->decls())
      collectIn(inner, files, out);
  } else if (const auto *L = dyn_cast<LinkageSpecDecl>(D)) {
    for (const Decl *inner : L->decls())
      collectIn(inner, files, out);
  } else if (const auto *CT = dyn_cast<ClassTemplateDecl>(D)) {
    collectIn(CT->getTemplatedDecl(), files, out);
  } else if (const auto *R = dyn_cast<CXXRecordDecl>(D)) {
    if (R->isThisDeclarationADefinition() && !R->isLambda())
      for (const Decl *member : R->decls())
        collectIn(member, files, out); // methods defined in the class, nested classes
  } else if (const auto *Fr = dyn_cast<FriendDecl>(D)) {
    // friend Cplx operator*(const Cplx &, const Cplx &) { ... }: defined in
    // the class, a free function of the file all the same.
    if (const NamedDecl *befriended = Fr->getFriendDecl())
      collectIn(befriended, files, out);
  } else if (const auto *T = dyn_cast<FunctionTemplateDecl>(D)) {
    if (isCandidate(T->getTemplatedDecl(), files))
      out.add(T->getTemplatedDecl());
  } else if (const auto *F = dyn_cast<FunctionDecl>(D)) {
    if (isCandidate(F, files))
      out.add(F);
  }
}

} // namespace

FunctionSelection::FunctionSelection(const InstrumentOptions &options, const HeaderCopies &files)
    : options_(options), files_(files) {}

void FunctionSelection::collect(ASTContext &context) {
  Collected out{functions_, constant_};
  for (const Decl *D : context.getTranslationUnitDecl()->decls())
    collectIn(D, files_, out);
}

bool FunctionSelection::checkNames(ASTContext &context, RewriteDiagnostics &diags) {
  instrumented_ = std::set<const FunctionDecl *>(functions_.begin(), functions_.end());
  std::set<std::string> found;
  for (const FunctionDecl *F : functions_)
    for (const std::string &wanted : options_.functions)
      if (nameMatches(F, wanted))
        found.insert(wanted);
  for (const FunctionDecl *F : constant_) {
    diags.report(F->getLocation(), Message::ConstexprLeftPlain, {F->getQualifiedNameAsString()});
    for (const std::string &wanted : options_.functions)
      if (nameMatches(F, wanted))
        found.insert(wanted); // (the warning says why it is not measured)
  }
  const SourceManager &sm = context.getSourceManager();
  bool ok = true;
  for (const std::string &wanted : options_.functions)
    if (!found.count(wanted) && !options_.allowMissingFunctions) {
      diags.report(sm.getLocForStartOfFile(sm.getMainFileID()), Message::NoSuchFunction, {wanted});
      ok = false;
    }
  return ok;
}

bool FunctionSelection::isInstrumented(const FunctionDecl *F) const {
  // A call may name a declaration that precedes the definition.
  return instrumented_.count(F->getCanonicalDecl()) || instrumented_.count(F) ||
         (F->getDefinition() && instrumented_.count(F->getDefinition())) ||
         (F->getPrimaryTemplate() &&
          instrumented_.count(F->getPrimaryTemplate()->getTemplatedDecl())) ||
         (isa<CXXMethodDecl>(F) && cast<CXXMethodDecl>(F)->getParent()->isLambda() &&
          files_.isRewritten(files_.fileOf(F->getLocation())));
}

bool FunctionSelection::isMeasured(const FunctionDecl *F) const {
  if (F->isMain() || isa<CXXConstructorDecl>(F))
    return false; // a constructor is part of the measurement that builds the object
  if (const auto *A = F->getAttr<AnnotateAttr>(); A && A->getAnnotation() == "bytedmd_measure")
    return true;
  if (options_.functions.empty()) // headers' helpers are measured only when named
    return files_.isMainFile(files_.fileOf(F->getLocation()));
  return std::any_of(options_.functions.begin(), options_.functions.end(),
                     [&](const std::string &w) { return nameMatches(F, w); });
}

bool FunctionSelection::isUntracked(const FunctionDecl *F, const std::string &param) const {
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
}

bool FunctionSelection::isUntrackedField(const FieldDecl *F) const {
  const auto *R = dyn_cast<CXXRecordDecl>(F->getParent());
  if (R == nullptr)
    return false;
  const std::string qualified = R->getQualifiedNameAsString();
  for (const std::string &u : options_.untracked) {
    const auto scope = u.rfind("::");
    if (scope == std::string::npos || u.find(':', scope + 2) != std::string::npos ||
        u.substr(scope + 2) != F->getName())
      continue;
    const std::string owner = u.substr(0, scope);
    if (owner == qualified || "::" + qualified == owner ||
        (R->getIdentifier() && owner == R->getName()))
      return true;
  }
  return false;
}

} // namespace bytedmd
