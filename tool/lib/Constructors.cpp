// Constructors.cpp - the constructors of the file's own classes: called
// through ::bytedmd::construct, which leaves the arguments' keys in a
// construction record; the member initialisers, which run before the
// body's frame, read by-value parameters from that record.
//
//   Vec3 v(a, b, c);      ->  Vec3 v = ::bytedmd::construct<decltype(v)>(::bytedmd::seq{a, b, c});
//   Vec3(a, b, c)         ->  ::bytedmd::construct<Vec3>(::bytedmd::seq{a, b, c})
//   : x_(x), data_(d)     ->  : x_(::bytedmd::init(&this->x_, ::bytedmd::constructorArgument(this, 0, x))),
//                               data_(d)   (and in the body: ::bytedmd::copyKeys(this->data_, d);)
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>

using namespace clang;

namespace bytedmd {

bool BodyRewriter::constructsThroughRecord(const CXXConstructExpr *C) const {
  const CXXConstructorDecl *ctor = C->getConstructor();
  return ctor && !ctor->isCopyOrMoveConstructor() && instrumentedCallee(ctor);
}

void BodyRewriter::constructorArguments(const CXXConstructExpr *C) {
  const CXXConstructorDecl *ctor = C->getConstructor();
  for (unsigned i = 0; i < C->getNumArgs(); ++i) {
    const Expr *arg = C->getArg(i);
    if (isa<CXXDefaultArgExpr>(arg))
      continue;
    const ParmVarDecl *param = i < ctor->getNumParams() ? ctor->getParamDecl(i) : nullptr;
    if (param && bracedContainerArgument(arg, param->getType()))
      continue;
    if (param && param->getType()->isReferenceType())
      referenceArgument(arg);
    else
      expr(arg, isDependentOrArithmetic(arg) ? Use::Value : Use::Plain);
  }
}

bool BodyRewriter::bracedContainerArgument(const Expr *arg, QualType param) {
  // Poly p({a, b}) for Poly(std::vector<double>): a bare braced list cannot
  // be an element of seq{...}; it becomes the container it builds, its
  // elements' keys bound (as `return {a, b};` is):
  //   ::bytedmd::listed<std::vector<double>>(2, std::vector<double>{stash(a), stash(b)})
  const InitListExpr *list = containerList(arg);
  const QualType T = param.getNonReferenceType();
  if (list == nullptr || !holdsArithmetic(T) ||
      edit_.text(arg->getSourceRange()).rfind('{', 0) != 0 || !edit_.canEdit(arg))
    return false;
  const std::string type = edit_.typeName(T.getCanonicalType());
  edit_.open(arg, spell::open("listed", type));
  const std::size_t count = edit_.planned();
  edit_.open(arg, "");
  edit_.open(arg, type);
  edit_.close(arg, ")");
  edit_.respell(count, std::to_string(listElements(list)) + ", ");
  return true;
}

bool BodyRewriter::temporaryConstruction(const CXXConstructExpr *C) {
  // Vec3(a, b, c) or Vec3{a, b, c}: the written type and bracket open it.
  const auto *T = dyn_cast<CXXTemporaryObjectExpr>(C);
  if (T == nullptr || !constructsThroughRecord(C) || T->getParenOrBraceRange().isInvalid() ||
      !edit_.canEdit(C))
    return false;
  const SourceRange type = T->getTypeSourceInfo()->getTypeLoc().getSourceRange();
  const bool braced = T->isListInitialization();
  edit_.replace(edit_.editable(type.getBegin()), edit_.editable(T->getParenOrBraceRange().getBegin()),
                spell::open("construct", edit_.text(type) + (braced ? ", true" : "")) +
                    spell::kSequence);
  edit_.replaceCharacter(T->getParenOrBraceRange().getEnd(), "})");
  constructorArguments(C);
  return true;
}

bool BodyRewriter::unresolvedConstruction(const CXXUnresolvedConstructExpr *U, Use use) {
  // T(x), T(a, b), T{x} in a template: what T is, and so what its
  // construction does with the values' keys, is known per instantiation:
  //   ::bytedmd::build<T>(::bytedmd::seq{...}, <where>)
  // (a conversion for an arithmetic T, T's own constructor for the file's
  // classes). Constants (T(0)) stay as written: they carry no key.
  const SourceLocation open = edit_.editable(U->getLParenLoc());
  const SourceLocation close = edit_.editable(U->getRParenLoc());
  const PresumedLoc at = sm_.getPresumedLoc(edit_.editable(U->getExprLoc()));
  const bool constant = llvm::all_of(U->arguments(), [&](const Expr *a) {
    return !a->isValueDependent() && a->isEvaluatable(ctx_);
  });
  if (U->getNumArgs() == 0 || constant || open.isInvalid() || close.isInvalid() || !at.isValid() ||
      !edit_.canEdit(U))
    return false;
  applyUse(U, use);
  const SourceRange type = U->getTypeSourceInfo()->getTypeLoc().getSourceRange();
  edit_.replace(edit_.editable(type.getBegin()), open,
                spell::open("build", edit_.text(type) + (U->isListInitialization() ? ", true" : "")) +
                    spell::kSequence);
  edit_.replaceCharacter(close, "}, " +
                                    spell::staticLocation(displayName(at.getFilename()),
                                                          at.getLine(), at.getColumn()) +
                                    ")");
  for (const Expr *arg : U->arguments())
    expr(arg, isDependentOrArithmetic(arg) ? Use::Value : Use::Plain);
  return true;
}

bool BodyRewriter::handsOverKeys(const Expr *E) const {
  E = E->IgnoreImplicit()->IgnoreParens()->IgnoreImplicit();
  if (isa<CallExpr>(E))
    return true;
  if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
    E = F->getSubExpr()->IgnoreImplicit();
  const auto *C = dyn_cast<CXXConstructExpr>(E);
  return C != nullptr && (constructsThroughRecord(C) || tupleTemporary(C));
}

bool BodyRewriter::castConstruction(const CXXFunctionalCastExpr *F) {
  // S1(a) or S1{a}: one argument makes a cast in the AST; a construction all
  // the same (std::tuple<double>(a) one through tupleOf).
  const auto *C = dyn_cast<CXXConstructExpr>(F->getSubExpr()->IgnoreImplicit());
  const bool tuple = C != nullptr && tupleTemporary(C);
  if (C == nullptr || !(tuple || constructsThroughRecord(C)) || !edit_.canEdit(F))
    return false;
  const bool braced = F->isListInitialization();
  const SourceRange brackets =
      braced ? C->getParenOrBraceRange() : SourceRange(F->getLParenLoc(), F->getRParenLoc());
  if (brackets.isInvalid())
    return false;
  const SourceRange type = F->getTypeInfoAsWritten()->getTypeLoc().getSourceRange();
  const std::string open =
      tuple ? spell::open("tupleOf", edit_.typeName(C->getType().getCanonicalType()))
            : spell::open("construct", edit_.text(type) + (braced ? ", true" : ""));
  edit_.replace(edit_.editable(type.getBegin()), edit_.editable(brackets.getBegin()),
                open + spell::kSequence);
  edit_.replaceCharacter(brackets.getEnd(), "})");
  if (tuple) {
    for (const Expr *arg : C->arguments())
      loadArgument(arg);
  } else {
    constructorArguments(C);
  }
  return true;
}

bool BodyRewriter::implicitConstruction(const CXXConstructExpr *C) {
  // S1 s = a; or f(a) for f(S1): a converting constructor the source does
  // not name, spelled as the construction it is.
  // (Later parameters may take their defaults: Complexish(double r, double i = 0).)
  const bool one = C->getNumArgs() >= 1 &&
                   std::all_of(C->arg_begin() + 1, C->arg_end(),
                               [](const Expr *a) { return isa<CXXDefaultArgExpr>(a); });
  if (isa<CXXTemporaryObjectExpr>(C) || !constructsThroughRecord(C) || !one ||
      C->isListInitialization() || !edit_.canEdit(C) || !edit_.canEdit(C->getArg(0)) ||
      C->getSourceRange() != C->getArg(0)->getSourceRange())
    return false;
  edit_.wrap(C,
             spell::openOverOperands("construct", edit_.typeName(C->getType().getCanonicalType())),
             "})");
  constructorArguments(C);
  return true;
}

bool BodyRewriter::variableConstruction(const VarDecl *D, const DeclStmt *S,
                                        const CXXConstructExpr *C) {
  // Vec3 v(a, b, c);  ->  Vec3 v = ::bytedmd::construct<decltype(v)>(::bytedmd::seq{...});
  // (copy-initialisation from a prvalue of v's type is v itself). A small
  // object comes back in registers: v takes its keys from the handoff.
  if (C == nullptr || !constructsThroughRecord(C) || D->getInitStyle() == VarDecl::CInit ||
      C->getParenOrBraceRange().isInvalid() || D->getType()->isReferenceType())
    return false;
  const std::string name = D->getNameAsString();
  const bool braced = D->getInitStyle() == VarDecl::ListInit;
  // `S2 s(a, b), t(b, a);`: each construction hands its keys over in turn,
  // so each declarator takes them in its own initialiser (init, before its
  // bytes arrive); one receive after the statement would find t's only.
  const CXXRecordDecl *R = D->getType()->getAsCXXRecordDecl();
  const bool inline_ = S != nullptr && !S->isSingleDecl() && isHandedOver(D->getType()) && R &&
                       R->isTriviallyCopyable();
  edit_.replaceCharacter(C->getParenOrBraceRange().getBegin(),
                         " = " + (inline_ ? spell::open("init") + "&" + name + ", " : "") +
                             spell::open("construct",
                                         "decltype(" + name + ")" + (braced ? ", true" : "")) +
                             spell::kSequence);
  edit_.replaceCharacter(C->getParenOrBraceRange().getEnd(), inline_ ? "}))" : "})");
  constructorArguments(C);
  if (isHandedOver(D->getType()) && !inline_)
    afterDeclaration(S, spell::statement("receive", name));
  return true;
}

void BodyRewriter::memberInitialisers(const CXXConstructorDecl *ctor) {
  memberCopies_.clear();
  constructorOfInitialisers_ = ctor;
  for (const CXXCtorInitializer *I : ctor->inits()) {
    if (!I->isWritten() || I->getInit() == nullptr || !edit_.canEdit(I->getInit()))
      continue;
    const Expr *init = I->getInit();
    if (initialiserConstruction(I) || dependentBaseInitialiser(I))
      continue;
    if (!I->isMemberInitializer()) {
      // A base or delegated construction the record cannot reach (its
      // arguments arrive without keys) is reported by construct().
      expr(init, Use::Plain);
      continue;
    }
    const FieldDecl *field = I->getMember();
    const std::string target = "this->" + field->getNameAsString();
    // A class template's T v: init gives it its value's keys whatever T
    // turns out to be (left alone, it kept whatever key its address held).
    const bool dependent = field->getType()->isDependentType() &&
                           !field->getType()->isReferenceType() && singleValue(init) != nullptr;
    if (isArithmetic(field->getType()) || dependent) {
      const Expr *value = dependent ? singleValue(init) : init;
      if (const auto *L = dyn_cast<InitListExpr>(init); L && L->getNumInits() == 1)
        value = L->getInit(0);
      if (const auto *P = dyn_cast<ParenListExpr>(init); P && P->getNumExprs() == 1)
        value = P->getExpr(0);
      edit_.wrap(value, spell::open(dependent ? "initMember" : "init") + "&" + target + ", ", ")");
      expr(value, Use::Value);
      continue;
    }
    memberInitialiserOfObject(target, init);
  }
  constructorOfInitialisers_ = nullptr;
}

const Expr *BodyRewriter::singleValue(const Expr *init) {
  // v(x) or v{x} in a template: the one expression inside.
  if (const auto *L = dyn_cast<InitListExpr>(init))
    return L->getNumInits() == 1 ? L->getInit(0) : nullptr;
  if (const auto *P = dyn_cast<ParenListExpr>(init))
    return P->getNumExprs() == 1 ? P->getExpr(0) : nullptr;
  return init;
}

bool BodyRewriter::dependentBaseInitialiser(const CXXCtorInitializer *I) {
  // : Base<T>(a) in a class template: the constructor is known per
  // instantiation; one argument records its key for it, as a
  // non-dependent one does (its parentheses stay: no parameter type to
  // convert to). Several cannot go in braces unconverted: reported.
  const TypeSourceInfo *written = I->getTypeSourceInfo();
  if (I->isMemberInitializer() || written == nullptr || !written->getType()->isDependentType())
    return false;
  const Expr *init = I->getInit();
  std::vector<const Expr *> args;
  if (const auto *P = dyn_cast<ParenListExpr>(init))
    for (unsigned i = 0; i < P->getNumExprs(); ++i)
      args.push_back(P->getExpr(i));
  else if (const auto *L = dyn_cast<InitListExpr>(init))
    args.assign(L->inits().begin(), L->inits().end());
  const std::string type = edit_.text(written->getTypeLoc().getSourceRange());
  if (args.size() != 1 || !edit_.canEdit(args[0])) {
    if (llvm::any_of(args, [](const Expr *a) { return isDependentOrArithmetic(a); }))
      warn(I->getSourceLocation(), Message::ClassConstructor, {type});
    return false;
  }
  edit_.wrap(args[0], spell::initialiserArgument(type, "", 0, 1), ")");
  expr(args[0], isDependentOrArithmetic(args[0]) ? Use::Value : Use::Plain);
  return true;
}

bool BodyRewriter::initialiserConstruction(const CXXCtorInitializer *I) {
  // : Q(a, b), a base, a delegated constructor or a member built by the
  // file's constructor: no construct can go around it.
  const auto *C = dyn_cast<CXXConstructExpr>(I->getInit()->IgnoreImplicit());
  return C && recordedConstruction(C, I->getLParenLoc(), I->getRParenLoc());
}

bool BodyRewriter::recordedConstruction(const CXXConstructExpr *C, SourceLocation open,
                                        SourceLocation close) {
  // Q's constructor called where no construct can go around it (a
  // mem-initializer, a new-expression): each argument records its key for
  // it (initialiserArgument), and the last one opens Q's record until the
  // end of the full expression:
  //   Q{::bytedmd::initialiserArgument<Q, double>(::bytedmd::InitialiserRecord{}, 2, a),
  //     ::bytedmd::initialiserArgument<Q, double>(1, 2, b)}
  // Several arguments go in braces, evaluated left to right, each converted
  // to its parameter's type first (braces must not narrow).
  if (!constructsThroughRecord(C))
    return false;
  std::vector<const Expr *> args;
  for (const Expr *arg : C->arguments())
    if (!isa<CXXDefaultArgExpr>(arg))
      args.push_back(arg);
  const unsigned n = unsigned(args.size());
  if (n == 0 || !llvm::all_of(args, [&](const Expr *a) { return edit_.canEdit(a); }))
    return false;
  open = edit_.editable(open);
  close = edit_.editable(close);
  const bool braced = open.isValid() && edit_.text(SourceRange(open, open)) == "{";
  if (n > 1 && !braced) {
    if (open.isInvalid() || close.isInvalid() || hasInitializerListConstructor(C->getType()))
      return false;
    edit_.replaceCharacter(open, "{");
    edit_.replaceCharacter(close, "}");
  }
  const std::string type = edit_.typeName(C->getType());
  const CXXConstructorDecl *ctor = C->getConstructor();
  for (unsigned i = 0; i < n; ++i) {
    const QualType param = i < ctor->getNumParams() ? ctor->getParamDecl(i)->getType() : QualType();
    edit_.wrap(args[i],
               spell::initialiserArgument(type, n > 1 && !param.isNull() ? edit_.typeName(param) : "",
                                          i, n),
               ")");
  }
  constructorArguments(C);
  return true;
}

void BodyRewriter::memberInitialiserOfObject(const std::string &target, const Expr *init) {
  // data_(d): the field is a copy of d, whose keys the body's frame binds
  // first; data_(n) / data_(n, 0.0): written untracked.
  const auto *C = dyn_cast<CXXConstructExpr>(init->IgnoreImplicit());
  if (C && C->getNumArgs() == 1 && C->getConstructor()->isCopyConstructor() &&
      C->getArg(0)->isLValue() && tracksKeys(C->getType())) {
    lvalue(C->getArg(0));
    memberCopies_ += spell::statement("copyKeys", target + ", " +
                                                      edit_.text(C->getArg(0)->getSourceRange()));
    return;
  }
  if (const InitListExpr *list = containerList(init); list && holdsArithmetic(init->getType())) {
    // p_{a, b} (a std::array, a C array or a vector of scalars): the elements
    // are stashed, and the body binds them first, the last member's first
    // (it was stashed last). They were read as escapes, and the keys lost.
    const unsigned n = listElements(list);
    memberCopies_ =
        " " + spell::statement("bindStashed", target + ", " + std::to_string(n)) + memberCopies_;
    return;
  }
  const VectorConstruction kind = vectorConstruction(C);
  if (kind == VectorConstruction::Count ||
      (kind == VectorConstruction::Fill && C->getArg(1)->isEvaluatable(ctx_))) {
    vectorArguments(C, kind);
    memberCopies_ += " " + spell::statement("written", target);
    return;
  }
  expr(init, Use::Plain);
}

} // namespace bytedmd
