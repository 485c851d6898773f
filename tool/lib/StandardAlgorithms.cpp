// StandardAlgorithms.cpp - an algorithm of <algorithm> or <numeric> over
// tracked elements runs as the standard library wrote it, on adaptors
// (bytedmd/detail/algorithms.hpp): its iterators, its values and the file's
// own callables handed to it are adapted, and its result unwrapped.
//
//   std::accumulate(v.begin(), v.end(), 0.0)
//     ->  ::bytedmd::unwrap((::bytedmd::at(&loc), std::accumulate(::bytedmd::iter(v.begin()),
//             ::bytedmd::iter(v.end()), ::bytedmd::elem(0.0))))
//   std::sort(v.begin(), v.end(), [](double a, double b) { return a > b; })
//     ->  (::bytedmd::at(&loc), std::sort(::bytedmd::iter(v.begin()), ::bytedmd::iter(v.end()),
//             ::bytedmd::callable([](double a, double b) { ... })))
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace bytedmd {
namespace {

/// The element type an iterator of the standard library (or a pointer)
/// reaches: double for double*, std::vector<double>::iterator and
/// std::reverse_iterator of them; null otherwise.
QualType iteratorElement(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isPointerType())
    return T->getPointeeType();
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (S == nullptr || S->getTemplateArgs().size() == 0 ||
      S->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  const StringRef name = S->getName();
  if (name == "__normal_iterator" || name == "reverse_iterator" || name == "move_iterator")
    return iteratorElement(S->getTemplateArgs()[0].getAsType());
  return QualType();
}

bool overTrackedElements(const Expr *arg) {
  const QualType E = iteratorElement(arg->getType());
  return !E.isNull() && isArithmetic(E);
}

/// Declared where libstdc++ keeps its algorithms.
bool isAlgorithm(const FunctionDecl *F, const SourceManager &sm) {
  if (!F->isInStdNamespace() || !sm.isInSystemHeader(F->getLocation()))
    return false;
  const StringRef file = sm.getFilename(sm.getExpansionLoc(F->getLocation()));
  return file.contains("stl_algo") || file.contains("stl_numeric") || file.contains("stl_heap") ||
         file.ends_with("/numeric") || file.ends_with("/algorithm");
}

/// std::less<>, std::plus<> and the other transparent function objects:
/// they apply the operator to whatever they are given, the adaptors too.
bool transparentFunctor(QualType T) {
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (S == nullptr || !S->isInStdNamespace() || S->getTemplateArgs().size() != 1 ||
      S->getTemplateArgs()[0].getKind() != TemplateArgument::Type ||
      !S->getTemplateArgs()[0].getAsType()->isVoidType())
    return false;
  return llvm::is_contained({"less", "greater", "less_equal", "greater_equal", "equal_to",
                             "not_equal_to", "plus", "minus", "multiplies", "divides"},
                            S->getName());
}

} // namespace

bool BodyRewriter::callableOfTheFile(const Expr *arg) const {
  const CXXRecordDecl *R = arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (R == nullptr)
    return false;
  if (R->isLambda())
    return instrumentedCallee(R->getLambdaCallOperator());
  for (const CXXMethodDecl *M : R->methods())
    if (M->getOverloadedOperator() == OO_Call && !instrumentedCallee(M))
      return false;
  return !R->isInStdNamespace() && !sm_.isInSystemHeader(R->getLocation());
}

bool BodyRewriter::standardAlgorithm(const CallExpr *C, const FunctionDecl *F, Use use) {
  if (!isAlgorithm(F, sm_) || !edit_.canEdit(C))
    return false;
  bool tracked = false;
  for (const Expr *arg : C->arguments()) {
    if (overTrackedElements(arg)) {
      tracked = true;
      continue;
    }
    const QualType T = arg->getType().getNonReferenceType();
    // A callable the tool does not see (a function pointer, std::less<double>)
    // or an iterator it cannot adapt (std::back_inserter) would take plain
    // values: the algorithm is left as a call out, and diagnosed there.
    if ((T->isRecordType() && !callableOfTheFile(arg) && !transparentFunctor(T)) ||
        T->isFunctionPointerType() || T->isFunctionType())
      return false;
  }
  if (!tracked)
    return false;
  const std::string site = here(C->getExprLoc(), C); // ", &bytedmd_loc_N"
  if (site.size() < 2)
    return false;
  applyUse(C, use);
  const bool value = !C->getType()->isVoidType();
  edit_.open(C, std::string(value ? spell::open("unwrap") : "") + "(" + spell::open("at") +
                    site.substr(2) + "), ");
  edit_.close(C, value ? "))" : ")");
  for (const Expr *arg : C->arguments()) {
    const QualType T = arg->getType().getNonReferenceType();
    if (overTrackedElements(arg)) {
      edit_.wrap(arg, spell::open("iter"), ")");
      expr(arg, Use::Plain);
    } else if (isDependentOrArithmetic(arg)) {
      edit_.wrap(arg, spell::open("elem"), ")");
      expr(arg, Use::Value);
    } else if (T->isRecordType() && !transparentFunctor(T) && callableOfTheFile(arg)) {
      edit_.wrap(arg, spell::open("callable"), ")");
      expr(arg, Use::Plain);
    } else {
      expr(arg, Use::Plain);
    }
  }
  return true;
}

} // namespace bytedmd
