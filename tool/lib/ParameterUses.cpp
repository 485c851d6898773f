// ParameterUses.cpp - how a body uses its parameters: pointer parameters
// read only through p[i], *p or *(p + k) (their elements become inputs as
// they are first read), and parameters read in a loop condition. The AST
// walks (RecursiveASTVisitor, the heaviest templates the tool uses) live here
// only.
#include "BodyRewriter.h"

#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace bytedmd {
namespace {

/// Removes from `params` every pointer parameter used other than as p[i],
/// *p or *(p + k), or used inside a lambda.
class PointerUses : public RecursiveASTVisitor<PointerUses> {
public:
  PointerUses(ASTContext &context, std::set<const ParmVarDecl *> &params)
      : ctx_(context), params_(params) {}

  bool VisitDeclRefExpr(DeclRefExpr *D) {
    const auto *P = dyn_cast<ParmVarDecl>(D->getDecl());
    if (P == nullptr || !params_.count(P))
      return true;
    bool ok = false;
    const Stmt *p = skipCasts(D);
    if (const auto *A = dyn_cast_or_null<ArraySubscriptExpr>(p))
      ok = A->getBase()->IgnoreParenImpCasts() == D;
    else if (const auto *U = dyn_cast_or_null<UnaryOperator>(p))
      ok = U->getOpcode() == UO_Deref;
    else if (const auto *B = dyn_cast_or_null<BinaryOperator>(p); B && B->isAdditiveOp())
      if (const auto *U = dyn_cast_or_null<UnaryOperator>(skipCasts(B)))
        ok = U->getOpcode() == UO_Deref;
    for (const Stmt *a = parentOf(D); ok && a; a = parentOf(a))
      if (isa<LambdaExpr>(a))
        ok = false;
    if (!ok || escapes(D))
      params_.erase(P);
    return true;
  }

private:
  /// The element reached from D (p[i], A[i][j], *p) is handed on by address
  /// or non-const reference (&p[i], f(p[i]) with f(double &), std::swap):
  /// whoever receives it may read it first where no input is declared.
  bool escapes(const DeclRefExpr *D) {
    const Stmt *element = D;
    for (const Stmt *p = parentOf(element); p != nullptr; p = parentOf(element)) {
      const auto *A = dyn_cast<ArraySubscriptExpr>(p);
      const auto *U = dyn_cast<UnaryOperator>(p);
      const auto *B = dyn_cast<BinaryOperator>(p);
      if (isa<ImplicitCastExpr, ParenExpr>(p) ||
          (A && A->getBase()->IgnoreParenImpCasts() == element) ||
          (U && U->getOpcode() == UO_Deref) || (B && B->isAdditiveOp()))
        element = p;
      else
        break;
    }
    const Stmt *user = parentOf(element);
    if (const auto *U = dyn_cast_or_null<UnaryOperator>(user); U && U->getOpcode() == UO_AddrOf)
      return true;
    if (const auto *C = dyn_cast_or_null<CallExpr>(user)) {
      const FunctionDecl *F = C->getDirectCallee();
      for (unsigned i = 0; i < C->getNumArgs(); ++i)
        if (C->getArg(i)->IgnoreParenImpCasts() == element) {
          const unsigned param = i - (isa<CXXOperatorCallExpr>(C) && F && isa<CXXMethodDecl>(F));
          const QualType T = F && param < F->getNumParams() ? F->getParamDecl(param)->getType()
                                                             : QualType();
          if (T.isNull() || (T->isReferenceType() && !T.getNonReferenceType().isConstQualified()))
            return true;
        }
    }
    return false;
  }

  const Stmt *parentOf(const Stmt *S) {
    for (const auto &node : ctx_.getParents(*S))
      if (const auto *parent = node.get<Stmt>())
        return parent;
    return nullptr;
  }
  /// The parent of S above any implicit casts and parentheses.
  const Stmt *skipCasts(const Stmt *S) {
    const Stmt *p = parentOf(S);
    while (p && (isa<ImplicitCastExpr>(p) || isa<ParenExpr>(p))) {
      S = p;
      p = parentOf(p);
    }
    return p;
  }

  ASTContext &ctx_;
  std::set<const ParmVarDecl *> &params_;
};

/// The references to F's own arithmetic parameters.
class ParameterReferences : public RecursiveASTVisitor<ParameterReferences> {
public:
  explicit ParameterReferences(const FunctionDecl *F) : function_(F) {}
  bool VisitDeclRefExpr(DeclRefExpr *D) {
    if (const auto *P = dyn_cast<ParmVarDecl>(D->getDecl()))
      if (P->getDeclContext() == function_ && isArithmetic(P->getType()))
        found.push_back(D);
    return true;
  }
  std::vector<const DeclRefExpr *> found;

private:
  const FunctionDecl *function_;
};

/// Arithmetic fields read in an expression (rows_, this->n, m.rows).
class FieldReferences : public RecursiveASTVisitor<FieldReferences> {
public:
  bool VisitMemberExpr(MemberExpr *M) {
    if (const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl()); F && isArithmetic(F->getType()))
      found.push_back(M);
    return true;
  }
  std::vector<const MemberExpr *> found;
};

} // namespace

void BodyRewriter::findPointerParams(const FunctionDecl *F) {
  pointerParams_.clear();
  if (!policy_.isMeasured(F) || !F->hasBody())
    return;
  for (const ParmVarDecl *P : F->parameters())
    if (pointsToElements(P->getType()))
      pointerParams_.insert(P);
  PointerUses(ctx_, pointerParams_).TraverseStmt(F->getBody());
}

const ParmVarDecl *BodyRewriter::throughPointerParam(const Expr *E) const {
  // Down through subscripts and dereferences (A[i][j], *(p + k), (*q)[j])
  // to the parameter they start from.
  const Expr *base = E->IgnoreParens();
  bool element = false;
  for (;;) {
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(base)) {
      base = A->getBase()->IgnoreParenImpCasts();
    } else if (const auto *U = dyn_cast<UnaryOperator>(base); U && U->getOpcode() == UO_Deref) {
      base = U->getSubExpr()->IgnoreParenImpCasts();
      if (const auto *B = dyn_cast<BinaryOperator>(base); B && B->isAdditiveOp())
        base = (B->getLHS()->getType()->isPointerType() ? B->getLHS() : B->getRHS())
                   ->IgnoreParenImpCasts();
    } else {
      break;
    }
    element = true;
  }
  const auto *D = element ? dyn_cast<DeclRefExpr>(base) : nullptr;
  const auto *P = D ? dyn_cast<ParmVarDecl>(D->getDecl()) : nullptr;
  return P && pointerParams_.count(P) ? P : nullptr;
}

std::vector<const DeclRefExpr *> BodyRewriter::parameterReferences(const FunctionDecl *F,
                                                                   const Expr *E) {
  ParameterReferences finder(F);
  finder.TraverseStmt(const_cast<Expr *>(E));
  return finder.found;
}

std::vector<const MemberExpr *> BodyRewriter::fieldReferences(const Expr *E) {
  FieldReferences finder;
  finder.TraverseStmt(const_cast<Expr *>(E));
  return finder.found;
}

} // namespace bytedmd
