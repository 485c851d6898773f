// ExpressionRewriter.cpp - expressions: loads, operators, casts and braced
// lists, each in the context (Use) its parent consumes it in.
//
//   a * b      ->  ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a), ::bytedmd::ld(b)}, &loc)
//   s = x      ->  ::bytedmd::set(s, ::bytedmd::ld(x))
//   s += x     ->  ::bytedmd::cset<BYTEDMD_OP_ADD>(s, ::bytedmd::ld(x), &loc)
//   (int)x     ->  ::bytedmd::cvt<int>(::bytedmd::ld(x))
//   c ? a : b  ->  ::bytedmd::choose(::bytedmd::truth(c), [&] { return a; }, [&] { return b; })
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

#include <optional>

using namespace clang;

namespace bytedmd {
namespace {

} // namespace

/// The instruction of a binary or compound-assignment operator
/// (bytedmd/ops.def), or none.
std::optional<std::string> binaryInstruction(BinaryOperatorKind K) {
  switch (K) {
#define BYTEDMD_ARITHMETIC(NAME, ir, token, ClangKind)                                             \
  case BO_##ClangKind:                                                                             \
  case BO_##ClangKind##Assign:                                                                     \
    return spell::op(#NAME);
#define BYTEDMD_COMPARISON(NAME, ir, token, ClangKind)                                             \
  case BO_##ClangKind:                                                                             \
    return spell::op(#NAME);
#include "bytedmd/ops.def"
  default:
    return std::nullopt;
  }
}

/// The instruction of -x, +x, ~x (bytedmd/ops.def), or none.
std::optional<std::string> unaryInstruction(UnaryOperatorKind K) {
  switch (K) {
#define BYTEDMD_UNARY(NAME, ir, token, ClangKind)                                                  \
  case UO_##ClangKind:                                                                             \
    return spell::op(#NAME);
#include "bytedmd/ops.def"
  default:
    return std::nullopt;
  }
}

void BodyRewriter::applyUse(const Expr *E, Use use) {
  if (!isDependentOrArithmetic(E))
    return;
  const char *reader = nullptr;
  switch (use) {
  case Use::Truth:
    reader = "truth";
    break;
  case Use::Index:
    reader = "index";
    break;
  case Use::Escape:
    reader = "escape";
    break;
  case Use::EscapeIf:
    reader = "escapeIf";
    break;
  case Use::Plain:
    // A context that is not modeled (a constructor argument, say) takes the
    // value as code that is not instrumented would: a read.
    if (E->isPRValue())
      reader = "escape";
    break;
  default:
    break;
  }
  if (reader != nullptr) // (the site only then: it declares a static location)
    edit_.wrap(E, spell::open(reader), here(E->getExprLoc()) + ")");
}

void BodyRewriter::lvalue(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
    expr(A->getBase(), Use::Plain);
    expr(A->getIdx(), Use::Index);
  } else if (const auto *M = dyn_cast<MemberExpr>(E)) {
    if (const auto *U = M->getBase()->getType()->getPointeeOrArrayElementType()->getAsRecordDecl();
        U && U->isUnion() && isArithmetic(M->getType()))
      warn(M->getMemberLoc(), Message::UnionPun);
    const Expr *base = M->getBase();
    const Expr *built = base->IgnoreImplicit()->IgnoreParens()->IgnoreImplicit();
    if (!M->isArrow() && !built->isGLValue() && isHandedOver(base->getType()) &&
        handsOverKeys(built) && edit_.canEdit(base)) {
      // S1(a).v, make(a).v: the temporary takes its keys from the handoff,
      // named as an lvalue so that the member's load finds them.
      edit_.wrap(base, spell::open("receivedObject"), ")");
      expr(base, Use::Plain);
    } else if (M->isArrow()) {
      expr(base, Use::Plain);
    } else {
      lvalue(base);
    }
  } else if (isa<DeclRefExpr>(E)) {
    // a name: nothing to do
  } else {
    expr(E, Use::LValue);
  }
}

void BodyRewriter::expr(const Expr *E, Use use) {
  if (E == nullptr)
    return;
  if (!edit_.reachable(E)) {
    // Text a macro's body wrote: a constant needs nothing; anything else is
    // measured as the expansion is (or reported, when it cannot be).
    if (isDependentOrArithmetic(E) && (E->isValueDependent() || !E->isEvaluatable(ctx_)))
      edit_.unreachable(E->getExprLoc());
    return;
  }
  if (const auto *P = dyn_cast<ParenExpr>(E))
    return expr(P->getSubExpr(), use);
  if (dependentLoad(E, use) || complexLoad(E, use))
    return;
  if (const auto *F = dyn_cast<FullExpr>(E))
    return expr(F->getSubExpr(), use);
  if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
    return expr(M->getSubExpr(), use);
  if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
    return expr(B->getSubExpr(), use);
  if (const auto *C = dyn_cast<ImplicitCastExpr>(E))
    return implicitCast(C, use);
  if (const auto *R = dyn_cast<DeclRefExpr>(E);
      R && E->isGLValue() && isArithmetic(E->getType()) &&
      (use == Use::Value || use == Use::Truth || use == Use::Index) &&
      !(isa<VarDecl>(R->getDecl()) && cast<VarDecl>(R->getDecl())->isUsableInConstantExpressions(ctx_))) {
    // An operand of a template's dependent operator: Clang adds no load to
    // it until instantiation (x + a, a a double): it is loaded here.
    applyUse(E, use);
    edit_.wrap(E, spell::open("ld"), ")");
    return;
  }
  if (isa<IntegerLiteral, FloatingLiteral, CXXBoolLiteralExpr, CharacterLiteral, StringLiteral,
          CXXNullPtrLiteralExpr, UnaryExprOrTypeTraitExpr, CXXDefaultArgExpr, CXXDefaultInitExpr,
          SizeOfPackExpr, DeclRefExpr>(E))
    return; // DeclRefExpr: a name as an lvalue (its load is the cast above)
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    return binary(B, use);
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return unary(U, use);
  if (const auto *C = dyn_cast<CallExpr>(E))
    return call(C, use);
  if (const auto *C = dyn_cast<ConditionalOperator>(E))
    return conditional(C, use);
  if (isa<ArraySubscriptExpr, MemberExpr>(E))
    return lvalue(E);
  if (const auto *L = dyn_cast<LambdaExpr>(E))
    return lambda(L);
  if (const auto *C = dyn_cast<ExplicitCastExpr>(E))
    return explicitCast(C, use);
  if (const auto *I = dyn_cast<InitListExpr>(E))
    return initList(I);
  if (const auto *C = dyn_cast<CXXConstructExpr>(E))
    return construct(C, use);
  if (const auto *N = dyn_cast<CXXNewExpr>(E))
    return newExpression(N);
  if (const auto *U = dyn_cast<CXXUnresolvedConstructExpr>(E); U && unresolvedConstruction(U, use))
    return;
  // Anything else: rewrite the children in a neutral context.
  for (const Stmt *child : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(child))
      expr(CE, Use::Plain);
}

bool BodyRewriter::constructorParameter(const DeclRefExpr *D) const {
  const auto *P = dyn_cast<ParmVarDecl>(D->getDecl());
  return P && constructorOfInitialisers_ && P->getDeclContext() == constructorOfInitialisers_ &&
         !P->getType()->isReferenceType();
}

bool BodyRewriter::dependentLoad(const Expr *E, Use use) {
  // In a template, a dependent name has no lvalue-to-rvalue cast yet: load it
  // here when its value is consumed (ld passes non-arithmetic types through).
  const auto *deref = dyn_cast<UnaryOperator>(E);
  if (!E->isTypeDependent() || use == Use::Discard || use == Use::LValue || use == Use::Plain)
    return false;
  // A dependent member call (v.back(), v.front(), v.at(i)) may return a
  // reference to an element: its value is loaded where it is consumed.
  const auto *member = dyn_cast<CallExpr>(E);
  const bool elementCall =
      member && isa<CXXDependentScopeMemberExpr>(member->getCallee()->IgnoreParens());
  if (!((E->isGLValue() &&
         isa<DeclRefExpr, MemberExpr, ArraySubscriptExpr, CXXDependentScopeMemberExpr>(E)) ||
        (deref && deref->getOpcode() == UO_Deref) || elementCall))
    return false;
  applyUse(E, use);
  if (const auto *D = dyn_cast<DeclRefExpr>(E); D && constructorParameter(D)) {
    // In a member initialiser, before the frame binds the parameter.
    edit_.wrap(E, spell::open("constructorArgument") + "this, " +
                      std::to_string(cast<ParmVarDecl>(D->getDecl())->getFunctionScopeIndex()) +
                      ", ",
               ")");
    return true;
  }
  edit_.wrap(E, spell::open("ld"), ")");
  if (deref)
    expr(deref->getSubExpr(), Use::Plain); // *it: the iterator itself is not read
  else if (elementCall)
    call(member, Use::Plain);
  else
    lvalue(E);
  return true;
}

void BodyRewriter::implicitCast(const ImplicitCastExpr *C, Use use) {
  switch (C->getCastKind()) {
  case CK_LValueToRValue:
    if (const ParmVarDecl *P = throughPointerParam(C->getSubExpr());
        P && isArithmetic(C->getType())) {
      // p[i] or *p on a pointer parameter: a first read declares the input.
      applyUse(C, use);
      edit_.wrap(C->getSubExpr(), spell::frame("ldIn"), ", " + pointerBase(P) + ")");
      return lvalue(C->getSubExpr());
    }
    if (const auto *D = dyn_cast<DeclRefExpr>(C->getSubExpr()->IgnoreParens())) {
      if (const auto *V = dyn_cast<VarDecl>(D->getDecl());
          V && V->isUsableInConstantExpressions(ctx_))
        return; // a named constant is a literal: untracked
      if (const auto *P = dyn_cast<ParmVarDecl>(D->getDecl());
          P && constructorOfInitialisers_ && P->getDeclContext() == constructorOfInitialisers_ &&
          !P->getType()->isReferenceType() && isArithmetic(C->getType())) {
        // In a member initialiser, before the frame binds the parameter.
        applyUse(C, use);
        edit_.wrap(C->getSubExpr(), spell::open("constructorArgument") + "this, " +
                                        std::to_string(P->getFunctionScopeIndex()) + ", ",
                   ")");
        return;
      }
    }
    if (isArithmetic(C->getType())) {
      applyUse(C, use);
      const std::size_t opening = edit_.planned();
      edit_.wrap(C->getSubExpr(), spell::open("ld"), ")");
      keyedUse(C->getSubExpr(), opening, "ld");
    }
    return lvalue(C->getSubExpr());
  case CK_ArrayToPointerDecay:
  case CK_FunctionToPointerDecay:
  case CK_NoOp:
    if (!isArithmetic(C->getType()))
      return lvalue(C->getSubExpr());
    return expr(C->getSubExpr(), use);
  default:
    return expr(C->getSubExpr(), use);
  }
}

void BodyRewriter::explicitCast(const ExplicitCastExpr *C, Use use) {
  const Expr *sub = C->getSubExpr();
  if (isArithmetic(C->getType()) && isDependentOrArithmetic(sub) &&
      C->getCastKind() != CK_LValueToRValue)
    return arithmeticCast(C, use);
  if (isa<CXXReinterpretCastExpr>(C) || C->getCastKind() == CK_BitCast ||
      C->getCastKind() == CK_LValueBitCast) {
    const QualType to = C->getType()->isPointerType() ? C->getType()->getPointeeType()
                                                      : C->getType().getNonReferenceType();
    const QualType from =
        sub->getType()->isPointerType() ? sub->getType()->getPointeeType() : sub->getType();
    // void* <-> T* is allocation or generic storage, not a reinterpretation.
    if (!to->isVoidType() && !from->isVoidType() && !ctx_.hasSameUnqualifiedType(to, from) &&
        (tracksKeys(to) || tracksKeys(from)))
      warn(C->getBeginLoc(), Message::PunCast);
  }
  if (isa<CXXFunctionalCastExpr>(C) && recordTemporary(C))
    return;
  if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(C); F && castConstruction(F))
    return;
  if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(C);
      F && vectorTemporary(dyn_cast<CXXConstructExpr>(sub->IgnoreImplicit()),
                           F->getTypeInfoAsWritten()->getTypeLoc().getSourceRange(),
                           F->getLParenLoc()))
    return;
  // (void)x discards; other casts to non-arithmetic types hand x over.
  expr(sub, C->getType()->isVoidType() ? Use::Discard
            : isArithmetic(C->getType()) ? use
                                         : Use::Plain);
}

void BodyRewriter::arithmeticCast(const ExplicitCastExpr *C, Use use) {
  // (T)x, T(x), static_cast<T>(x)  ->  ::bytedmd::cvt<T>(x): the same key.
  const std::string type = edit_.text(C->getTypeInfoAsWritten()->getTypeLoc().getSourceRange());
  if (const auto *CS = dyn_cast<CStyleCastExpr>(C)) {
    edit_.replace(edit_.editable(CS->getLParenLoc()), edit_.editable(CS->getRParenLoc()),
                  spell::open("cvt", type));
    applyUse(C, use);
    edit_.close(C, ")");
  } else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(C); F && F->getLParenLoc().isValid()) {
    applyUse(C, use);
    edit_.replace(edit_.editable(F->getBeginLoc()), edit_.editable(F->getLParenLoc()),
                  spell::open("cvt", type));
  } else if (const auto *N = dyn_cast<CXXNamedCastExpr>(C)) {
    applyUse(C, use);
    edit_.replace(edit_.editable(N->getBeginLoc()), edit_.editable(N->getAngleBrackets().getEnd()),
                  spell::conversion(type));
  } else {
    return expr(C->getSubExpr(), use);
  }
  expr(C->getSubExpr(), Use::Value);
}

void BodyRewriter::initList(const InitListExpr *I) {
  if (I->getType()->isRecordType() && recordTemporary(I))
    return;
  if (I->getType()->isRecordType() && !tracksKeys(I->getType()))
    for (const Expr *init : I->inits())
      if (isArithmetic(init->getType())) {
        warn(I->getBeginLoc(), Message::AggregateOfClass, {edit_.typeName(I->getType())});
        break;
      }
  for (const Expr *init : I->inits())
    expr(init, Use::Plain);
}

BodyRewriter::VectorConstruction BodyRewriter::vectorConstruction(const CXXConstructExpr *C) {
  if (C == nullptr || !isVector(C->getType()) || C->isListInitialization() ||
      C->getNumArgs() == 0)
    return VectorConstruction::None;
  const auto given = [&](unsigned i) {
    return i < C->getNumArgs() && !isa<CXXDefaultArgExpr>(C->getArg(i));
  };
  // vector(first, last): a copy of a range, element by element.
  if (given(1) && !given(2) && !C->getArg(0)->getType()->isIntegralOrEnumerationType() &&
      C->getArg(0)->getType().getCanonicalType().getUnqualifiedType() ==
          C->getArg(1)->getType().getCanonicalType().getUnqualifiedType())
    return VectorConstruction::Range;
  if (!C->getArg(0)->getType()->isIntegralOrEnumerationType())
    return VectorConstruction::None;
  if (!given(1))
    return VectorConstruction::Count;
  return given(2) ? VectorConstruction::None : VectorConstruction::Fill;
}

void BodyRewriter::vectorArguments(const CXXConstructExpr *C, VectorConstruction kind) {
  if (kind == VectorConstruction::Range) {
    expr(C->getArg(0), Use::Plain);
    expr(C->getArg(1), Use::Plain);
    return;
  }
  // The count is read as a size is (a plain integer, so the count
  // constructor is still the one chosen); the value keeps its keys.
  expr(C->getArg(0), Use::Index);
  if (kind != VectorConstruction::Fill)
    return;
  if (isDependentOrArithmetic(C->getArg(1)))
    loadArgument(C->getArg(1));
  else
    expr(C->getArg(1), Use::Plain);
}

bool BodyRewriter::vectorTemporary(const CXXConstructExpr *C, SourceRange type,
                                   SourceLocation paren) {
  // std::vector<double>(n)     ->  ::bytedmd::countConstruct<std::vector<double>>(n)
  // std::vector<double>(n, x)  ->  ::bytedmd::fillConstruct<std::vector<double>>(n, x)
  const VectorConstruction kind = vectorConstruction(C);
  if (kind == VectorConstruction::None || type.isInvalid() || paren.isInvalid())
    return false;
  edit_.replace(type.getBegin(), paren,
                spell::open(kind == VectorConstruction::Count  ? "countConstruct"
                            : kind == VectorConstruction::Fill ? "fillConstruct"
                                                               : "rangeConstruct",
                            edit_.text(type)));
  vectorArguments(C, kind);
  return true;
}

void BodyRewriter::construct(const CXXConstructExpr *C, Use use) {
  if (complexConstruct(C, use) || temporaryConstruction(C) || implicitConstruction(C) ||
      tupleConstruction(C))
    return;
  if (const auto *T = dyn_cast<CXXTemporaryObjectExpr>(C);
      T && vectorTemporary(C, T->getTypeSourceInfo()->getTypeLoc().getSourceRange(),
                           T->getParenOrBraceRange().getBegin()))
    return;
  const CXXRecordDecl *R = C->getConstructor()->getParent();
  if (!R->isInStdNamespace() && !sm_.isInSystemHeader(R->getLocation()) && !R->isLambda() &&
      C->getConstructor()->isUserProvided() && !C->getConstructor()->isCopyOrMoveConstructor())
    for (const Expr *arg : C->arguments())
      if (isArithmetic(arg->getType()) || holdsArithmetic(arg->getType())) {
        warn(C->getBeginLoc(), Message::ClassConstructor, {edit_.typeName(C->getType())});
        break;
      }
  for (const Expr *arg : C->arguments())
    expr(arg, Use::Plain);
}

void BodyRewriter::newExpression(const CXXNewExpr *N) {
  // new T(a, b) by T's own constructor: its arguments record their keys.
  if (const CXXConstructExpr *C = N->getConstructExpr();
      C && !N->isArray() &&
      recordedConstruction(C, C->getParenOrBraceRange().getBegin(),
                           C->getParenOrBraceRange().getEnd())) {
    for (const Expr *P : N->placement_arguments())
      expr(P, Use::Plain);
    return;
  }
  // new double[n]() and new P{}: the block is written, untracked (the
  // runtime's operator new created it; unwritten it would read as data no
  // rewritten code wrote). An initialiser with tracked values is not
  // modeled: its loads count as unattributed.
  const Expr *init = N->getInitializer();
  if (init != nullptr && tracksKeys(N->getAllocatedType()) &&
      (isa<ImplicitValueInitExpr, CXXScalarValueInitExpr>(init) || init->isEvaluatable(ctx_) ||
       (isa<CXXConstructExpr>(init) && cast<CXXConstructExpr>(init)->getNumArgs() == 0)))
    edit_.wrap(N, spell::open("initialisedBlock"), ")");
  for (const Stmt *child : N->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(child))
      expr(CE, Use::Plain);
}

void BodyRewriter::binary(const BinaryOperator *B, Use use) {
  const BinaryOperatorKind K = B->getOpcode();
  const Expr *L = B->getLHS(), *R = B->getRHS();
  if (K == BO_LAnd || K == BO_LOr) {
    expr(L, Use::Truth);
    expr(R, Use::Truth);
    return;
  }
  if (K == BO_Comma) {
    expr(L, Use::Discard);
    expr(R, use);
    return;
  }
  if (K == BO_Assign || B->isCompoundAssignmentOp())
    return assignment(B, use);
  const auto op = binaryInstruction(K);
  if (L->getType()->isPointerType() || R->getType()->isPointerType() ||
      L->getType()->isArrayType() || R->getType()->isArrayType()) {
    // Pointer arithmetic: the integer operand is an offset.
    const bool offset = K == BO_Add || K == BO_Sub;
    expr(L, offset && !L->getType()->isPointerType() ? Use::Index : Use::Plain);
    expr(R, offset && !R->getType()->isPointerType() ? Use::Index : Use::Plain);
    return;
  }
  if (!op || !(isDependentOrArithmetic(L) && isDependentOrArithmetic(R))) {
    expr(L, Use::Plain);
    expr(R, Use::Plain);
    return;
  }
  applyUse(B, use);
  edit_.open(B, spell::openOverOperands("bin", *op));
  edit_.replaceToken(B->getOperatorLoc(), ",");
  edit_.close(B, "}" + here(B->getOperatorLoc(), B) + ")");
  expr(L, Use::Value);
  expr(R, Use::Value);
}

void BodyRewriter::assignment(const BinaryOperator *B, Use use) {
  const Expr *L = B->getLHS(), *R = B->getRHS();
  if (!isDependentOrArithmetic(L)) {
    // An object, or pointer += n.
    lvalue(L);
    expr(R, B->getOpcode() == BO_Assign ? Use::Plain : Use::Index);
    return;
  }
  // Its value unused, a keyed local's assignment has a keyed form (set
  // returns the local itself, whose key a later load would seek in the shadow).
  const std::size_t opening = edit_.planned();
  if (B->getOpcode() == BO_Assign) {
    edit_.open(B, spell::open("set"));
    if (use == Use::Discard)
      keyedUse(L, opening, "set");
    edit_.replaceToken(B->getOperatorLoc(), ",");
    edit_.close(B, ")");
    nameOutput(R, SourceEditor::shorten(edit_.text(L->getSourceRange()))); // `s = ...`
  } else {
    // x op= y makes a new x.
    edit_.open(B, spell::open("cset", *binaryInstruction(B->getOpcode())));
    if (use == Use::Discard)
      keyedUse(L, opening, "cset", *binaryInstruction(B->getOpcode()));
    edit_.replaceToken(B->getOperatorLoc(), ",");
    edit_.close(B, here(B->getOperatorLoc(), L) + ")");
    return modified(L), expr(R, Use::Value);
  }
  lvalue(L);
  expr(R, Use::Value);
}

void BodyRewriter::modified(const Expr *L) {
  // x op= y, ++x, x++ read x where they write it: an element of a pointer
  // parameter is an input when that read is its first access.
  if (const ParmVarDecl *P = throughPointerParam(L))
    edit_.wrap(L, spell::frame("inputRef"), ", " + pointerBase(P) + ")");
  lvalue(L);
}

void BodyRewriter::unary(const UnaryOperator *U, Use use) {
  const Expr *sub = U->getSubExpr();
  const UnaryOperatorKind K = U->getOpcode();
  switch (K) {
  case UO_Minus:
  case UO_Plus:
  case UO_Not:
    if (!isDependentOrArithmetic(sub))
      return expr(sub, Use::Plain);
    applyUse(U, use);
    edit_.replaceToken(U->getOperatorLoc(), spell::open("un", *unaryInstruction(K)));
    edit_.close(U, here(U->getOperatorLoc(), U) + ")");
    return expr(sub, Use::Value);
  case UO_LNot:
    return expr(sub, Use::Truth);
  case UO_PreInc:
  case UO_PreDec: {
    if (!isDependentOrArithmetic(sub))
      return lvalue(sub);
    const std::string op = spell::op(K == UO_PreInc ? "ADD" : "SUB");
    const std::size_t opening = edit_.planned();
    edit_.replaceToken(U->getOperatorLoc(), spell::open("pre", op));
    edit_.close(U, here(U->getOperatorLoc(), sub) + ")");
    if (use == Use::Discard) // (pre returns the local itself, as set does)
      keyedUse(sub, opening, "pre", op);
    return modified(sub);
  }
  case UO_PostInc:
  case UO_PostDec: {
    if (!isDependentOrArithmetic(sub))
      return lvalue(sub);
    applyUse(U, use);
    const std::string op = spell::op(K == UO_PostInc ? "ADD" : "SUB");
    const std::size_t opening = edit_.planned();
    edit_.open(U, spell::open("post", op));
    edit_.replaceToken(U->getOperatorLoc(), here(U->getOperatorLoc(), sub) + ")");
    keyedUse(sub, opening, "post", op);
    return modified(sub);
  }
  case UO_AddrOf:
    return lvalue(sub);
  default: // *p and the rest
    return expr(sub, Use::Plain);
  }
}

void BodyRewriter::conditional(const ConditionalOperator *C, Use use) {
  if (C->isPRValue() && isDependentOrArithmetic(C)) {
    // c ? a : b  ->  choose(truth(c), [&] { return a; }, [&] { return b; })
    applyUse(C, use);
    edit_.open(C, spell::open("choose"));
    edit_.replaceToken(C->getQuestionLoc(), spell::kChooseThen);
    edit_.replaceToken(C->getColonLoc(), spell::kChooseElse);
    edit_.close(C, spell::kChooseClose);
    expr(C->getCond(), Use::Truth);
    expr(C->getTrueExpr(), Use::Value);
    expr(C->getFalseExpr(), Use::Value);
    return;
  }
  expr(C->getCond(), Use::Truth);
  // Choosing between objects (c ? p : q on structs): which keys the chosen
  // object carries is decided at run time, and no rewrite follows it.
  if (!isDependentOrArithmetic(C) && tracksKeys(C->getType()))
    warn(C->getQuestionLoc(), Message::ObjectConditional, {edit_.typeName(C->getType())});
  if (C->isGLValue()) {
    lvalue(C->getTrueExpr());
    lvalue(C->getFalseExpr());
  } else {
    expr(C->getTrueExpr(), Use::Plain);
    expr(C->getFalseExpr(), Use::Plain);
  }
}

} // namespace bytedmd
