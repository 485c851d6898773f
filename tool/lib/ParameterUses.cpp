// ParameterUses.cpp - how a body uses its parameters: pointer parameters
// read only through p[i], *p or *(p + k) (their elements become inputs as
// they are first read), and parameters read in a loop condition. The AST
// walks (RecursiveASTVisitor, the heaviest templates the tool uses) live here
// only.
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace bytedmd {
namespace {

/// Pointer parameters read only through their data, and the local pointers
/// that walk them (`const double *p = x; ... *p++`, `double *row = A[i]`).
/// Each use of such a pointer is judged by where the pointer it yields ends:
/// at an element read or written in place (p[i], *p, p->f, pts[i].x), in a
/// local pointer (a copy), stepped (++p, p += k), compared, or anywhere else,
/// which loses the walk. A parameter stays when every pointer taken from it
/// stays within these uses; a local walks the one parameter all its copies
/// come from.
class PointerWalks : public RecursiveASTVisitor<PointerWalks> {
public:
  PointerWalks(ASTContext &context, std::set<const ParmVarDecl *> &params)
      : ctx_(context), params_(params) {}

  bool VisitVarDecl(VarDecl *V) {
    if (isa<ParmVarDecl>(V) || !V->hasLocalStorage() || !walksToData(V->getType()))
      return true;
    locals_.insert(V);
    if (const Expr *init = V->getInit(); init && !fromWalked(init))
      foreign_.insert(V);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *D) {
    const auto *V = dyn_cast<VarDecl>(D->getDecl());
    if (V == nullptr || !walked(V))
      return true;
    for (const Stmt *a = parentOf(D); a != nullptr; a = parentOf(a))
      if (isa<LambdaExpr>(a))
        return lose(V);
    pointer(D, V);
    return true;
  }

  /// Drops the parameters some pointer taken from them escaped, and gives
  /// each local that walks a parameter that stays.
  std::map<const VarDecl *, const ParmVarDecl *> settle() {
    std::map<const VarDecl *, std::set<const ParmVarDecl *>> roots;
    for (bool changed = true; changed;) {
      changed = false;
      for (const auto &[local, sources] : copies_)
        for (const VarDecl *source : sources) {
          std::set<const ParmVarDecl *> &mine = roots[local];
          const std::size_t before = mine.size();
          if (const auto *P = dyn_cast<ParmVarDecl>(source))
            mine.insert(P);
          else if (auto it = roots.find(source); it != roots.end())
            mine.insert(it->second.begin(), it->second.end());
          changed = changed || mine.size() != before;
        }
    }
    for (const auto &[local, from] : roots)
      if (lost_.count(local) || foreign_.count(local) || from.size() > 1)
        for (const ParmVarDecl *P : from)
          params_.erase(P);
    for (const VarDecl *V : lost_)
      if (const auto *P = dyn_cast<ParmVarDecl>(V))
        params_.erase(P);
    std::map<const VarDecl *, const ParmVarDecl *> walking;
    for (const auto &[local, from] : roots)
      if (from.size() == 1 && params_.count(*from.begin()))
        walking[local] = *from.begin();
    return walking;
  }

private:
  bool walked(const VarDecl *V) const {
    const auto *P = dyn_cast<ParmVarDecl>(V);
    return P ? params_.count(P) != 0 : locals_.count(V) != 0;
  }
  bool lose(const VarDecl *V) {
    lost_.insert(V);
    return true;
  }

  /// Follows the pointer E (taken from V) to where it ends.
  void pointer(const Expr *E, const VarDecl *V) {
    for (;;) {
      const Stmt *p = parentOf(E);
      if (p == nullptr) { // a variable's initialiser
        if (const VarDecl *W = initialised(E); W && locals_.count(W))
          copies_[W].insert(V);
        else
          lose(V);
        return;
      }
      if (isa<ParenExpr>(p)) {
        E = cast<Expr>(p);
        continue;
      }
      if (const auto *C = dyn_cast<ImplicitCastExpr>(p)) {
        if (C->getCastKind() == CK_PointerToBoolean)
          return; // a truth test of the pointer
        E = C;
        continue;
      }
      if (const auto *A = dyn_cast<ArraySubscriptExpr>(p)) {
        if (A->getBase() != E)
          return (void)lose(V);
        if (pointerLike(A->getType())) { // a row, or a pointer kept in the data
          E = A;
          continue;
        }
        return element(A, V);
      }
      if (const auto *M = dyn_cast<MemberExpr>(p)) {
        if (!M->isArrow() || M->getBase() != E || !isa<FieldDecl>(M->getMemberDecl()))
          return (void)lose(V); // p->method(): the object is handed on
        return element(M, V);
      }
      if (const auto *U = dyn_cast<UnaryOperator>(p)) {
        if (U->getOpcode() == UO_Deref) {
          if (pointerLike(U->getType())) {
            E = U;
            continue;
          }
          return element(U, V);
        }
        if (U->isIncrementDecrementOp() && isVariable(E, V)) {
          step(V);
          E = U; // p++ yields a pointer taken from p
          continue;
        }
        return (void)lose(V);
      }
      if (const auto *B = dyn_cast<CompoundAssignOperator>(p)) {
        if (B->getLHS() == E && isVariable(E, V) &&
            (B->getOpcode() == BO_AddAssign || B->getOpcode() == BO_SubAssign))
          return step(V); // p += k
        return (void)lose(V);
      }
      if (const auto *B = dyn_cast<BinaryOperator>(p)) {
        if (B->isAdditiveOp() && B->getType()->isPointerType()) {
          E = B; // p + k, p - k
          continue;
        }
        if (B->isComparisonOp() || B->getOpcode() == BO_Sub)
          return; // compared, or a distance
        if (B->getOpcode() == BO_Assign)
          return assigned(B, E, V);
        if (B->getOpcode() == BO_Comma) {
          if (B->getLHS() == E)
            return; // discarded
          E = B; // (j++, p++) yields p++
          continue;
        }
        return (void)lose(V);
      }
      if (isa<Expr>(p) || isa<ReturnStmt>(p))
        return (void)lose(V);
      return; // a statement of its own (p++;), discarded
    }
  }

  void assigned(const BinaryOperator *B, const Expr *E, const VarDecl *V) {
    if (B->getRHS() == E) { // W = (a pointer taken from V)
      const auto *W = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParens());
      const auto *local = W ? dyn_cast<VarDecl>(W->getDecl()) : nullptr;
      if (local && locals_.count(local))
        copies_[local].insert(V);
      else
        lose(V);
      return;
    }
    if (!isVariable(E, V))
      return (void)lose(V);
    if (isa<ParmVarDecl>(V)) { // x = x + k: a parameter steps only through its own data
      if (walkedRoot(B->getRHS()) != V)
        lose(V);
      return step(V);
    }
    if (!fromWalked(B->getRHS())) // V = something no walked pointer gave
      foreign_.insert(V);
  }

  /// A parameter that steps (x++, x += k) no longer holds the address its
  /// inputs are placed from: its reads name the address it had on entry.
  void step(const VarDecl *V) {
    if (const auto *P = dyn_cast<ParmVarDecl>(V))
      stepped_.insert(P);
  }

  /// E is a place in the data (an element, a field, a row of a field): fine
  /// when read, written or updated in place; lost when its address or a
  /// non-const reference to it is handed on, or a record is used whole.
  void element(const Expr *E, const VarDecl *V) {
    for (;;) {
      const Stmt *p = parentOf(E);
      if (p != nullptr && isa<ParenExpr>(p)) {
        E = cast<Expr>(p);
        continue;
      }
      if (const auto *C = dyn_cast_or_null<ImplicitCastExpr>(p);
          C && C->getCastKind() == CK_ArrayToPointerDecay)
        return pointer(C, V); // an array field: a pointer into the data
      if (E->getType()->isRecordType()) {
        const auto *M = dyn_cast_or_null<MemberExpr>(p);
        if (M == nullptr || M->isArrow() || M->getBase() != E ||
            !isa<FieldDecl>(M->getMemberDecl()))
          return (void)lose(V); // copied, or its methods called
        E = M;
        continue;
      }
      if (const auto *U = dyn_cast_or_null<UnaryOperator>(p); U && U->getOpcode() == UO_AddrOf)
        return pointer(U, V); // &p[i]: a pointer into the data
      if (const auto *C = dyn_cast_or_null<CallExpr>(p); C && handedOn(C, E))
        return (void)lose(V);
      return;
    }
  }

  /// Whether call C receives E by non-const reference (or by an unknown
  /// parameter): whoever receives it may read it first where no input is
  /// declared.
  bool handedOn(const CallExpr *C, const Expr *E) {
    const FunctionDecl *F = C->getDirectCallee();
    for (unsigned i = 0; i < C->getNumArgs(); ++i)
      if (C->getArg(i)->IgnoreParenImpCasts() == E->IgnoreParenImpCasts()) {
        const unsigned param = i - (isa<CXXOperatorCallExpr>(C) && F && isa<CXXMethodDecl>(F));
        const QualType T =
            F && param < F->getNumParams() ? F->getParamDecl(param)->getType() : QualType();
        if (T.isNull() || (T->isReferenceType() && !T.getNonReferenceType().isConstQualified()))
          return true;
      }
    return false;
  }

  /// Whether E (an initialiser, or what is assigned) is a null pointer or a
  /// pointer some walked pointer gave: its walk starts at a walked variable.
  bool fromWalked(const Expr *E) {
    return E->isNullPointerConstant(ctx_, Expr::NPC_ValueDependentIsNotNull) ||
           walkedRoot(E) != nullptr;
  }
  /// The walked variable a pointer expression starts from, if any.
  const VarDecl *walkedRoot(const Expr *E) {
    for (;;) {
      E = E->IgnoreParenImpCasts();
      if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
        E = A->getBase();
      else if (const auto *U = dyn_cast<UnaryOperator>(E);
               U && (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf ||
                     U->isIncrementDecrementOp()))
        E = U->getSubExpr();
      else if (const auto *B = dyn_cast<BinaryOperator>(E); B && B->isAdditiveOp())
        E = B->getLHS()->getType()->isPointerType() ? B->getLHS() : B->getRHS();
      else if (const auto *M = dyn_cast<MemberExpr>(E); M && M->isArrow())
        E = M->getBase();
      else if (const auto *M = dyn_cast<MemberExpr>(E))
        E = M->getBase();
      else
        break;
    }
    const auto *D = dyn_cast<DeclRefExpr>(E);
    const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
    return V && walked(V) ? V : nullptr;
  }

  static bool pointerLike(QualType T) { return T->isPointerType() || T->isArrayType(); }
  static bool isVariable(const Expr *E, const VarDecl *V) {
    const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParens());
    return D && D->getDecl() == V;
  }
  /// The local variable E initialises, if E is a whole initialiser.
  const VarDecl *initialised(const Expr *E) {
    for (const auto &node : ctx_.getParents(*E))
      if (const auto *V = node.get<VarDecl>(); V && V->getInit() == E)
        return V;
    return nullptr;
  }
  const Stmt *parentOf(const Stmt *S) {
    for (const auto &node : ctx_.getParents(*S))
      if (const auto *parent = node.get<Stmt>())
        return parent;
    return nullptr;
  }

  ASTContext &ctx_;
  std::set<const ParmVarDecl *> &params_;
  std::set<const VarDecl *> locals_;  // local pointers to plain data
  std::set<const VarDecl *> lost_;    // a pointer taken from them escaped
  std::set<const VarDecl *> foreign_; // locals given a pointer no walk gave
  std::map<const VarDecl *, std::set<const VarDecl *>> copies_; // local <- its sources

public:
  std::set<const ParmVarDecl *> stepped_; // parameters that step through their data
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
  pointerWalks_.clear();
  steppedParams_.clear();
  if (!policy_.isMeasured(F) || !F->hasBody())
    return;
  for (const ParmVarDecl *P : F->parameters())
    if (walksToData(P->getType()))
      pointerParams_.insert(P);
  PointerWalks walks(ctx_, pointerParams_);
  walks.TraverseStmt(F->getBody());
  pointerWalks_ = walks.settle();
  for (const ParmVarDecl *P : walks.stepped_)
    if (pointerParams_.count(P))
      steppedParams_.insert(P);
}

std::string BodyRewriter::pointerBase(const ParmVarDecl *P) const {
  return steppedParams_.count(P) ? spell::pointerBase(P->getNameAsString())
                                 : P->getNameAsString();
}

const ParmVarDecl *BodyRewriter::throughPointerParam(const Expr *E) const {
  // Down through subscripts, dereferences and fields (A[i][j], *(p + k),
  // *p++, pts[i].x, p->x) to the parameter, or the local walking it, they
  // start from.
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
      if (const auto *S = dyn_cast<UnaryOperator>(base); S && S->isIncrementDecrementOp())
        base = S->getSubExpr()->IgnoreParenImpCasts(); // *p++
    } else if (const auto *M = dyn_cast<MemberExpr>(base)) {
      // pts[i].x (its base must be an element), p->x (an element itself)
      base = M->getBase()->IgnoreParenImpCasts();
      if (M->isArrow())
        element = true;
      continue;
    } else {
      break;
    }
    element = true;
  }
  const auto *D = element ? dyn_cast<DeclRefExpr>(base) : nullptr;
  if (D == nullptr)
    return nullptr;
  if (const auto *P = dyn_cast<ParmVarDecl>(D->getDecl()))
    return pointerParams_.count(P) ? P : nullptr;
  const auto *V = dyn_cast<VarDecl>(D->getDecl());
  auto it = V ? pointerWalks_.find(V) : pointerWalks_.end();
  return it != pointerWalks_.end() ? it->second : nullptr;
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
