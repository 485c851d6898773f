// MethodCalls.cpp - calls of the file's own methods and overloaded
// operators: instrumented calls whose first operand is the object (a member)
// or the left operand (a free operator), evaluated left to right with the
// other arguments, then handed to the callee.
//
//   m.scale(k)  ->  ::bytedmd::call(::bytedmd::seq{m, k}, [&](auto&& bytedmd_o,
//                       auto&&... bytedmd_a) -> decltype(auto) { return bytedmd_o.scale(...); })
//   p + q       ->  ::bytedmd::call(::bytedmd::seq{p, q}, [&](auto&& bytedmd_l,
//                       auto&& bytedmd_r) -> decltype(auto) { return bytedmd_l + bytedmd_r; })
//   -p, v[i], f(x) on objects of the file's classes likewise.
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

using namespace clang;

namespace bytedmd {
namespace {

/// Arguments the call's text writes (default arguments are filled in by the
/// compiler inside the forwarding lambda).
unsigned writtenArguments(const CallExpr *C, unsigned first) {
  unsigned n = 0;
  for (unsigned i = first; i < C->getNumArgs(); ++i)
    if (!isa<CXXDefaultArgExpr>(C->getArg(i)))
      ++n;
  return n;
}

} // namespace

bool BodyRewriter::instrumentedCallee(const FunctionDecl *F) const {
  if (F == nullptr)
    return false;
  if (policy_.isInstrumented(F))
    return true;
  const FunctionDecl *pattern = F->getTemplateInstantiationPattern();
  return pattern && policy_.isInstrumented(pattern);
}

void BodyRewriter::referenceArgument(const Expr *arg) {
  // A small object a call returned, bound to a reference parameter: its
  // keys wait in the handoff; the temporary takes them before the callee
  // reads it (f(g(x)) with f(const State &)).
  const Expr *source = arg->IgnoreImplicit()->IgnoreParens()->IgnoreImplicit();
  if (!source->isLValue() && isHandedOver(arg->getType()) && handsOverKeys(source) &&
      edit_.canEdit(arg)) {
    edit_.wrap(arg, spell::open("received"), ")");
    return expr(arg, Use::Plain);
  }
  lvalue(arg);
}

void BodyRewriter::methodArguments(const CallExpr *C, const FunctionDecl *F, unsigned first,
                                   unsigned paramOffset) {
  for (unsigned i = first; i < C->getNumArgs(); ++i) {
    const Expr *arg = C->getArg(i);
    const unsigned p = i - paramOffset;
    const ParmVarDecl *param = p < F->getNumParams() ? F->getParamDecl(p) : nullptr;
    if (param && param->getType()->isReferenceType())
      referenceArgument(arg);
    else
      expr(arg, isDependentOrArithmetic(arg) ? Use::Value : Use::Plain);
  }
}

void BodyRewriter::objectOperand(const Expr *object, bool arrow) {
  // (m0 + m1) * m2: the object is a value a call returned; its keys wait in
  // the handoff for the temporary the method runs on.
  if (!arrow && !object->IgnoreImplicit()->IgnoreParens()->isGLValue())
    return referenceArgument(object);
  if (arrow)
    expr(object, Use::Plain);
  else
    lvalue(object);
}

bool BodyRewriter::conversionCall(const CXXMemberCallExpr *M, Use use) {
  // if (t), bool(t): the conversion is named nowhere, so the object is
  // wrapped: ::bytedmd::call(::bytedmd::seq{t}, [&](auto&& bytedmd_o, ...)
  // { return bytedmd_o.operator bool(); }).
  const auto *conversion = dyn_cast_or_null<CXXConversionDecl>(M->getMethodDecl());
  const auto *ME = dyn_cast<MemberExpr>(M->getCallee()->IgnoreParens());
  if (conversion == nullptr || ME == nullptr || ME->isArrow() || !instrumentedCallee(conversion))
    return false;
  const Expr *object = ME->getBase();
  const auto *name = dyn_cast<DeclRefExpr>(object->IgnoreParenImpCasts());
  if (M->getEndLoc() != object->getEndLoc() || !edit_.canEdit(object) ||
      (name && name->getLocation() == name->getDecl()->getLocation())) // a condition's variable
    return false;
  applyUse(M, use);
  edit_.wrap(object, spell::openOverOperands("call"),
             spell::closeWithMethod("bytedmd_o.operator " +
                                    edit_.typeName(conversion->getConversionType())));
  objectOperand(object, false);
  return true;
}

bool BodyRewriter::dispatchedInFile(const CXXMethodDecl *method, const MemberExpr *ME) const {
  // s.area() with area virtual, called unqualified: the override the object
  // reaches runs, which is the file's when its class is the file's.
  const CXXRecordDecl *R = method ? method->getParent()->getDefinition() : nullptr;
  return R && method->isVirtual() && !ME->hasQualifier() &&
         policy_.isRewrittenFile(policy_.files().fileOf(R->getLocation()));
}

bool BodyRewriter::instrumentedMember(const CXXMemberCallExpr *M, Use use) {
  // A virtual call goes through callThrough: the override it reaches takes
  // the keys when it is instrumented, and its arguments escape when not.
  const CXXMethodDecl *method = M->getMethodDecl();
  const auto *ME = dyn_cast<MemberExpr>(M->getCallee()->IgnoreParens());
  const bool dispatched = ME && dispatchedInFile(method, ME);
  if (ME == nullptr || !(dispatched || instrumentedCallee(method)) || method->isStatic())
    return false;
  const SourceLocation paren = edit_.tokenAfter(ME->getEndLoc());
  const PresumedLoc at = sm_.getPresumedLoc(edit_.editable(M->getExprLoc()));
  if (!edit_.editable(ME->getMemberLoc()).isValid() || paren.isInvalid() ||
      !edit_.editable(M->getRParenLoc()).isValid() || (dispatched && !at.isValid()))
    return false;
  applyUse(M, use);
  const bool args = writtenArguments(M, 0) > 0;
  std::string member = edit_.text({ME->getMemberLoc(), ME->getEndLoc()});
  if (ME->hasTemplateKeyword())
    member = "template " + member;
  const std::string entry = dispatched ? "callThrough" : "call";
  if (ME->isImplicitAccess()) {
    edit_.replace(ME->getMemberLoc(), paren,
                  spell::openOverOperands(entry) + "*this" + (args ? ", " : ""));
  } else {
    edit_.open(M, spell::openOverOperands(entry));
    edit_.replace(ME->getOperatorLoc(), paren, args ? ", " : "");
    objectOperand(ME->getBase(), ME->isArrow());
  }
  // An implicit this is passed as *this.
  const bool arrow = ME->isArrow() && !ME->isImplicitAccess();
  const std::string callee = std::string("bytedmd_o") + (arrow ? "->" : ".") + member;
  if (dispatched)
    edit_.replaceCharacter(
        M->getRParenLoc(),
        spell::closeThroughMethod(
            callee,
            spell::staticLocation(displayName(at.getFilename()), at.getLine(), at.getColumn()),
            use != Use::Discard && carriesData(M->getType())
                ? formatMessage(Message::UninstrumentedOverride)
                : std::string()));
  else
    edit_.replaceCharacter(M->getRParenLoc(), spell::closeWithMethod(callee));
  methodArguments(M, method, 0, 0);
  return true;
}

bool BodyRewriter::instrumentedOperator(const CXXOperatorCallExpr *O, Use use) {
  const FunctionDecl *F = O->getDirectCallee();
  if (!instrumentedCallee(F))
    return false;
  const OverloadedOperatorKind K = O->getOperator();
  const auto *method = dyn_cast<CXXMethodDecl>(F);
  if (method && method->getParent()->isLambda())
    return false; // a lambda of this file: instrumentedCall, arguments after the object
  const bool member = method != nullptr;
  const Expr *first = O->getArg(0);
  const char *spelling = getOperatorSpelling(K);
  const bool infix = O->getNumArgs() == 2 && K != OO_Subscript && K != OO_Call &&
                     K != OO_PlusPlus && K != OO_MinusMinus && K != OO_Arrow;
  const bool prefix = O->getNumArgs() == 1 && K != OO_Call && K != OO_Arrow &&
                      O->getOperatorLoc() < first->getBeginLoc();
  if (!infix && !prefix && K != OO_Subscript && K != OO_Call)
    return false;
  // A subscript's operator location is its closing bracket; the opening
  // bracket or parenthesis follows the object.
  const SourceLocation opening =
      K == OO_Subscript || K == OO_Call ? edit_.tokenAfter(first->getEndLoc()) : SourceLocation();
  if (!edit_.editable(O->getOperatorLoc()).isValid() || !edit_.canEdit(O) ||
      ((K == OO_Subscript || K == OO_Call) && opening.isInvalid()))
    return false;
  applyUse(O, use);
  if (prefix) {
    edit_.replaceToken(O->getOperatorLoc(), spell::openOverOperands("call"));
    edit_.close(O, spell::closeWithOperator(spelling + std::string(spell::kLeft), 1));
  } else if (infix) {
    edit_.open(O, spell::openOverOperands("call"));
    edit_.replaceToken(O->getOperatorLoc(), ",");
    edit_.close(O, spell::closeWithOperator(
                               std::string(spell::kLeft) + " " + spelling + " " + spell::kRight, 2));
  } else if (K == OO_Subscript) {
    edit_.open(O, spell::openOverOperands("call"));
    edit_.replaceToken(opening, ",");
    edit_.replaceToken(O->getRParenLoc(), spell::closeWithOperator(
                               std::string(spell::kLeft) + "[" + spell::kRight + "]", 2));
  } else { // obj(args)
    edit_.open(O, spell::openOverOperands("call"));
    edit_.replace(opening, opening, writtenArguments(O, 1) > 0 ? ", " : "");
    edit_.replaceCharacter(O->getRParenLoc(), spell::closeWithMethod("bytedmd_o"));
  }
  // A member operator's object is argument 0 of its frame, as a method's.
  if (member) {
    objectOperand(first, false);
    methodArguments(O, F, 1, 1);
  } else {
    methodArguments(O, F, 0, 0);
  }
  return true;
}

bool BodyRewriter::functionObjectCall(const CXXOperatorCallExpr *O, Use use) {
  // h(a) on a std::function: the callable it holds is usually a lambda of
  // this file, whose frame takes the arguments' keys (callThrough checks).
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(O->getDirectCallee());
  const CXXRecordDecl *R = M ? M->getParent() : nullptr;
  if (O->getOperator() != OO_Call || R == nullptr || !R->isInStdNamespace() ||
      !R->getIdentifier() || R->getName() != "function")
    return false;
  const Expr *object = O->getArg(0);
  const SourceLocation paren = edit_.tokenAfter(object->getEndLoc());
  const PresumedLoc at = sm_.getPresumedLoc(edit_.editable(O->getExprLoc()));
  if (paren.isInvalid() || !edit_.editable(O->getRParenLoc()).isValid() || !at.isValid() ||
      !edit_.canEdit(O))
    return false;
  applyUse(O, use);
  const std::string calleeText = edit_.text(object->getSourceRange());
  const std::string computed =
      use != Use::Discard && carriesData(O->getType())
          ? formatMessage(Message::UninstrumentedFunctionObject)
          : std::string();
  edit_.replace(object->getBeginLoc(), paren, spell::openOverOperands("callThrough"));
  edit_.replaceCharacter(
      O->getRParenLoc(),
      "}, " + spell::forwardTo(calleeText) + ", " +
          spell::staticLocation(displayName(at.getFilename()), at.getLine(), at.getColumn()) +
          ", " + spell::message(computed) + ")");
  methodArguments(O, M, 1, 1);
  return true;
}

bool BodyRewriter::unresolvedInstrumentedCall(const CallExpr *C, Use use) {
  // In a template, g(x) with a dependent argument names an overload set; it
  // is resolved per instantiation. When every candidate is the file's own
  // (instrumented), whichever is chosen takes keys: an instrumented call.
  const auto *U = dyn_cast<UnresolvedLookupExpr>(C->getCallee()->IgnoreImplicit());
  if (U == nullptr || U->getNumDecls() == 0 || !edit_.canEdit(C) ||
      !edit_.editable(C->getRParenLoc()).isValid())
    return false;
  std::vector<const FunctionDecl *> candidates;
  for (const NamedDecl *D : U->decls()) {
    const NamedDecl *target = D->getUnderlyingDecl();
    const auto *F = dyn_cast<FunctionDecl>(target);
    if (const auto *T = dyn_cast<FunctionTemplateDecl>(target))
      F = T->getTemplatedDecl();
    if (F == nullptr || !instrumentedCallee(F) || isa<CXXMethodDecl>(F))
      return false;
    candidates.push_back(F);
  }
  applyUse(C, use);
  const std::string calleeText = edit_.text(U->getSourceRange());
  edit_.replace(U->getBeginLoc(), edit_.tokenAfter(U->getEndLoc()),
                spell::openOverOperands("call"));
  edit_.replaceCharacter(C->getRParenLoc(), spell::closeWithCallee(calleeText));
  for (unsigned i = 0; i < C->getNumArgs(); ++i) {
    // A reference parameter in any candidate: the argument stays an lvalue.
    const bool byReference = std::any_of(candidates.begin(), candidates.end(), [&](auto *F) {
      return i < F->getNumParams() && F->getParamDecl(i)->getType()->isReferenceType();
    });
    const Expr *arg = C->getArg(i);
    if (byReference)
      lvalue(arg);
    else
      expr(arg, isDependentOrArithmetic(arg) ? Use::Value : Use::Plain);
  }
  return true;
}

bool BodyRewriter::dependentOperator(const CXXOperatorCallExpr *O, Use use) {
  // In a template, `s + x` on dependent operands is an unresolved operator
  // call when the file declares an operator+. It is an instruction for
  // arithmetic operands and a call of the operator for class operands: the
  // runtime's bin/un decide when the template is instantiated.
  return isa<UnresolvedLookupExpr>(O->getCallee()->IgnoreImplicit()) &&
         operatorInstruction(O, use);
}

bool BodyRewriter::operatorInstruction(const CXXOperatorCallExpr *O, Use use) {
  // x = y, x op= y, x op y, op x, as the built-in operators are rewritten;
  // operands bound to const T& are lvalues, loaded where they are read.
  if (!edit_.editable(O->getOperatorLoc()).isValid() || !edit_.canEdit(O))
    return false;
  const unsigned n = O->getNumArgs();
  if (n == 2) {
    const BinaryOperatorKind K = BinaryOperator::getOverloadedOpcode(O->getOperator());
    const auto op = binaryInstruction(K);
    if (K != BO_Assign && !op)
      return false;
    if (K == BO_Assign || BinaryOperator::isCompoundAssignmentOp(K)) {
      edit_.open(O, K == BO_Assign ? spell::open("set") : spell::open("cset", *op));
      edit_.replaceToken(O->getOperatorLoc(), ",");
      edit_.close(O, (K == BO_Assign ? "" : here(O->getOperatorLoc(), O->getArg(0))) + ")");
      modified(O->getArg(0));
      loadArgument(O->getArg(1));
      return true;
    }
    applyUse(O, use);
    edit_.open(O, spell::openOverOperands("bin", *op));
    edit_.replaceToken(O->getOperatorLoc(), ",");
    edit_.close(O, "}" + here(O->getOperatorLoc(), O) + ")");
    loadArgument(O->getArg(0));
    loadArgument(O->getArg(1));
    return true;
  }
  if (n == 1 && O->getOperatorLoc() < O->getArg(0)->getBeginLoc()) {
    const auto op = unaryInstruction(UnaryOperator::getOverloadedOpcode(O->getOperator(), false));
    if (!op)
      return false;
    applyUse(O, use);
    edit_.replaceToken(O->getOperatorLoc(), spell::open("un", *op));
    edit_.close(O, here(O->getOperatorLoc(), O) + ")");
    loadArgument(O->getArg(0));
    return true;
  }
  return false;
}

} // namespace bytedmd
