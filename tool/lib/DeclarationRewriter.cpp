// DeclarationRewriter.cpp - variables: arithmetic ones take their
// initialiser's key, objects get their elements' keys after the declaration,
// structured bindings copy the keys of the members they name.
//
//   double s = a * b;         ->  double s = ::bytedmd::init(&s, ::bytedmd::bin<...>(...));
//   std::vector<double> w = v;  ->  std::vector<double> w = v; ::bytedmd::copied(w, v);
//   P p{a, b};                ->  P p{::bytedmd::stash(a), ::bytedmd::stash(b)};
//                                 ::bytedmd::forget(p); ::bytedmd::bindFields(2, p.x, p.y);
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace bytedmd {

void BodyRewriter::afterDeclaration(const DeclStmt *S, const std::string &code) {
  followedDeclarations_.insert(S);
  edit_.insertAfterToken(S->getEndLoc(), " " + code);
}

void BodyRewriter::varDecl(const VarDecl *D, const DeclStmt *S) {
  const Expr *init = D->getInit();
  const QualType T = D->getType();
  // Fresh stack memory of a struct or array may hold keys of an earlier
  // frame; a vector's elements are on the heap. Bindings below come after.
  const bool freshBytes = !T->isReferenceType() && !T->isDependentType() && tracksKeys(T) &&
                          !isArithmetic(T) && !isVector(T) && !isa<DecompositionDecl>(D);
  const bool canAppend = S != nullptr && edit_.editable(S->getEndLoc()).isValid();
  if (init == nullptr || !edit_.canEdit(init)) {
    if (freshBytes && canAppend && !D->isStaticLocal())
      afterDeclaration(S, spell::statement("forget", D->getNameAsString()));
    if (init != nullptr)
      expr(init, Use::Plain);
    return;
  }
  // A constant (constexpr, or const with a constant initialiser) stays one:
  // it may size arrays; its loads are literals.
  if (D->isConstexpr() || (!T->isDependentType() && D->isUsableInConstantExpressions(ctx_)))
    return;
  if (complexVariable(D))
    return;
  if (isArithmetic(T) && !T->isReferenceType())
    return arithmeticVariable(D, init);
  if (T->isDependentType() && !T->isReferenceType())
    return dependentVariable(D, S, init);
  if (const auto *B = dyn_cast<DecompositionDecl>(D))
    return bindings(B, S);
  if (tracksKeys(T) && !T->isReferenceType() && canAppend && objectVariable(D, S, init, freshBytes))
    return;
  expr(init, Use::Plain);
}

void BodyRewriter::arithmeticVariable(const VarDecl *D, const Expr *init) {
  const QualType T = D->getType();
  if (const AutoTypeLoc A = D->getTypeSourceInfo()->getTypeLoc().getContainedAutoTypeLoc()) {
    if (T->isDependentType()) {
      warn(D->getLocation(), Message::DependentAuto);
      return expr(init, Use::Plain);
    }
    // The canonical type: sugar such as vector::size_type is not in scope.
    edit_.replace(edit_.editable(A.getBeginLoc()), edit_.editable(A.getEndLoc()),
                  edit_.typeName(T.getCanonicalType()));
  }
  const Expr *value = init;
  const auto *list = dyn_cast<InitListExpr>(init->IgnoreImplicit());
  if (list && list->getNumInits() == 0) {
    // T x{};  ->  T x{::bytedmd::init(&x, 0)};  (zero, untracked)
    const std::size_t opening = edit_.planned();
    edit_.insertAfterToken(list->getLBraceLoc(),
                           spell::open("init") + "&" + D->getNameAsString() + ", 0)");
    keyedInit(D, opening, "0)");
    return;
  }
  if (list && list->getNumInits() == 1)
    value = list->getInit(0);
  if (conditionRead_.first == D) {
    // if (T x = e): x takes e's key, then the condition reads x.
    edit_.wrap(value, spell::open("initThen", conditionRead_.second) + "&" + D->getNameAsString() +
                          ", ",
               here(D->getLocation()) + ")");
    nameOutput(value, D->getNameAsString());
    return expr(value, Use::Value);
  }
  const std::size_t opening = edit_.planned();
  edit_.wrap(value, spell::open("init") + "&" + D->getNameAsString() + ", ", ")");
  keyedInit(D, opening);
  nameOutput(value, D->getNameAsString()); // `double s = a * b`
  expr(value, Use::Value);
}

void BodyRewriter::dependentVariable(const VarDecl *D, const DeclStmt *S, const Expr *init) {
  // A template's variable: generic init works for every instantiation.
  if (const auto *B = dyn_cast<DecompositionDecl>(D))
    return dependentBindings(B, S, init);
  if (isa<InitListExpr>(init) || isa<ParenListExpr>(init)) {
    // T x{}, T x{e}, T x(e): a scalar x takes no key from the braces. An
    // empty list is an untracked zero; anything else is reported when the
    // instantiation is a scalar (not a reference), rather than x keeping a
    // stale key. A condition cannot take a statement after it: reported.
    const unsigned n = isa<InitListExpr>(init) ? cast<InitListExpr>(init)->getNumInits()
                                              : cast<ParenListExpr>(init)->getNumExprs();
    const PresumedLoc at = sm_.getPresumedLoc(edit_.editable(D->getLocation()));
    if (conditionRead_.first == D)
      warn(D->getLocation(), Message::BracedTemplateCondition, {D->getNameAsString()});
    else if (S != nullptr && edit_.editable(S->getEndLoc()).isValid() && at.isValid()) {
      // T x{s} with s a name: x is a copy of s, s named again after the
      // declaration (a load, as the copy's). Only in a declaration of x
      // alone: a later declarator could declare or change another s.
      const Expr *only = n != 1 || !S->isSingleDecl() ? nullptr
                         : isa<InitListExpr>(init) ? cast<InitListExpr>(init)->getInit(0)
                                                   : cast<ParenListExpr>(init)->getExpr(0);
      const auto *name = only ? dyn_cast<DeclRefExpr>(only->IgnoreParenImpCasts()) : nullptr;
      const bool copy = name != nullptr && isa<VarDecl>(name->getDecl()) &&
                        !name->refersToEnclosingVariableOrCapture();
      afterDeclaration(S, spell::statement(
                              "bracedScalar<decltype(" + D->getNameAsString() + ")>",
                              D->getNameAsString() + ", " + std::to_string(n) + ", " +
                                  spell::staticLocation(displayName(at.getFilename()),
                                                        at.getLine(), at.getColumn()) +
                                  (copy ? ", " + edit_.text(name->getSourceRange()) : "")));
    }
    return expr(init, Use::Plain);
  }
  if (!D->getTypeSourceInfo()->getTypeLoc().getContainedAutoTypeLoc().isNull()) {
    // auto t = e;  ->  auto t = ::bytedmd::stash(e); ::bytedmd::bindStashed(t, 1);
    // (t cannot name itself in its own initializer while its type is deduced)
    if (S == nullptr || edit_.editable(S->getEndLoc()).isInvalid()) {
      warn(D->getLocation(), Message::DependentAutoOutsideBlock);
      return expr(init, Use::Value);
    }
    edit_.wrap(init, spell::open("stash"), ")");
    afterDeclaration(S, spell::statement("bindStashed", D->getNameAsString() + ", 1"));
    return expr(init, Use::Value);
  }
  if (conditionRead_.first == D)
    edit_.wrap(init,
               spell::open("initThen", conditionRead_.second) + "&" + D->getNameAsString() + ", ",
               here(D->getLocation()) + ")");
  else
    edit_.wrap(init, spell::open("init") + "&" + D->getNameAsString() + ", ", ")");
  expr(init, Use::Value);
}

bool BodyRewriter::objectVariable(const VarDecl *D, const DeclStmt *S, const Expr *init,
                                  bool freshBytes) {
  const QualType T = D->getType();
  const std::string name = D->getNameAsString();
  const Expr *inner = init->IgnoreImplicit();
  const auto *CE = dyn_cast<CXXConstructExpr>(inner);
  if (variableConstruction(D, S, CE))
    return true;
  // (copied names the source again after the declaration: only a source
  // without side effects can be named twice.)
  if (CE && CE->getNumArgs() == 1 && CE->getConstructor()->isCopyOrMoveConstructor() &&
      CE->getArg(0)->isLValue() && !CE->getArg(0)->HasSideEffects(ctx_)) {
    // A copy: the library copies the values; their keys follow here.
    lvalue(CE->getArg(0));
    afterDeclaration(S, spell::statement("copied", name + ", " +
                                                       edit_.text(CE->getArg(0)->getSourceRange())));
    return true;
  }
  if (const VectorConstruction kind = vectorConstruction(CE); kind != VectorConstruction::None) {
    // std::vector<double> v(n): n value-initialised elements, written
    // untracked. v(n, x): every element a copy of x, with its keys:
    //   v = ::bytedmd::fillConstruct<decltype(v)>(n, x)
    // (copy-initialisation from a prvalue of v's type is the same object;
    // after `=` the declarator is complete and v can be named).
    if (kind == VectorConstruction::Fill || kind == VectorConstruction::Range)
      edit_.replaceCharacter(CE->getParenOrBraceRange().getBegin(),
                             " = " + spell::open(kind == VectorConstruction::Fill ? "fillConstruct"
                                                                                  : "rangeConstruct",
                                                 "decltype(" + name + ")"));
    vectorArguments(CE, kind);
    if (kind == VectorConstruction::Count)
      afterDeclaration(S, spell::statement("written", name));
    return true;
  }
  if (const InitListExpr *list = containerList(init); list && holdsArithmetic(T)) {
    const unsigned count = listElements(list);
    afterDeclaration(S, spell::statement("bindStashed", name + ", " + std::to_string(count)));
    return true;
  }
  if (const InitListExpr *list = recordList(init)) {
    // P p{a, b};  ->  P p{stash(a), stash(b)}; written(p); bindFields(2, p.x, p.y);
    std::vector<std::string> targets;
    fieldTargets(list, name, targets);
    afterDeclaration(S, spell::statement("written", name));
    if (!targets.empty())
      afterDeclaration(S, spell::bindFields(targets));
    return true;
  }
  if (CE && isStdTuple(T->getAsCXXRecordDecl()) && CE->getNumArgs() > 0 &&
      !CE->getConstructor()->isCopyOrMoveConstructor()) {
    tupleFromArguments(D, S, CE);
    return true;
  }
  const bool fromCall = handsOverKeys(inner);
  if (const auto *list = dyn_cast<InitListExpr>(inner); list && list->getNumInits() > 0)
    // A braced list of objects or containers (S s{{a, b}}, P ps[2] = {{a, b},
    // {c, d}}) that neither binding above took: its keys are not followed.
    warn(list->getBeginLoc(), Message::BracedMemberNotBound, {name});
  if (freshBytes && !fromCall) {
    // Default construction of plain data leaves it uninitialised (created,
    // not written); any other initialiser wrote untracked values.
    const bool uninitialised = CE && CE->getNumArgs() == 0 &&
                               CE->getConstructor()->isTrivial() &&
                               !CE->requiresZeroInitialization();
    afterDeclaration(S, spell::statement(uninitialised ? "forget" : "written", name));
  }
  if (fromCall && isHandedOver(T))
    afterDeclaration(S, spell::statement("receive", name)); // it may come back in registers
  return false;
}

void BodyRewriter::tupleFromArguments(const VarDecl *D, const DeclStmt *S,
                                      const CXXConstructExpr *CE) {
  // std::pair<double, double> p(a, b): the members are copies of a and b.
  const std::string name = D->getNameAsString();
  const bool pair = D->getType()->getAsCXXRecordDecl()->getName() == "pair";
  const SourceRange parens = CE->getParenOrBraceRange();
  if (parens.isValid() && edit_.editable(parens.getBegin()).isValid() &&
      edit_.editable(parens.getEnd()).isValid() &&
      edit_.text(SourceRange(parens.getBegin(), parens.getBegin())) == "(") {
    // p(a, b) -> p{a, b}: a braced list is evaluated left to right.
    edit_.replaceCharacter(parens.getBegin(), "{");
    edit_.replaceCharacter(parens.getEnd(), "}");
  }
  // A member built from a braced list (pair<pair<..>, ..> p{{a, b}, c}) or
  // an object holds several keys: one stash per member cannot carry them.
  for (const Expr *arg : CE->arguments())
    if (!isDependentOrArithmetic(arg)) {
      warn(arg->getBeginLoc(), Message::BracedMemberNotBound, {name});
      for (const Expr *a : CE->arguments())
        expr(a, Use::Plain);
      return;
    }
  std::vector<std::string> targets;
  for (unsigned i = 0; i < CE->getNumArgs(); ++i) {
    stashArgument(CE->getArg(i));
    targets.push_back(pair ? name + (i == 0 ? ".first" : ".second")
                           : "std::get<" + std::to_string(i) + ">(" + name + ")");
  }
  afterDeclaration(S, spell::bindFields(targets));
}

std::string BodyRewriter::bindingCopies(const DecompositionDecl *D, const std::string &from) {
  const QualType T = D->getType().getCanonicalType();
  const CXXRecordDecl *R = T->getAsCXXRecordDecl();
  std::vector<const FieldDecl *> fields;
  if (R && !isStdTuple(R))
    for (const FieldDecl *F : R->fields())
      fields.push_back(F);
  std::string code;
  unsigned i = 0;
  for (const BindingDecl *B : D->bindings()) {
    std::string member;
    if (T->isArrayType())
      member = from + "[" + std::to_string(i) + "]";
    else if (R && isStdTuple(R) && R->getName() == "pair")
      member = from + (i == 0 ? ".first" : ".second");
    else if (R && isStdTuple(R))
      member = "std::get<" + std::to_string(i) + ">(" + from + ")";
    else if (i < fields.size())
      member = from + "." + fields[i]->getNameAsString();
    if (!member.empty())
      code += spell::copyKeys(B->getNameAsString(), member);
    ++i;
  }
  return code;
}

std::string BodyRewriter::dependentBindingCopies(const DecompositionDecl *D,
                                                 const std::string &from) {
  // The members are known only per instantiation: from is decomposed again,
  // by reference, and each binding takes its counterpart's keys.
  std::string names, copies;
  unsigned i = 0;
  for (const BindingDecl *B : D->bindings()) {
    const std::string counterpart = "bytedmd_b" + std::to_string(i++);
    names += (names.empty() ? "" : ", ") + counterpart;
    copies += spell::copyKeys(B->getNameAsString(), counterpart);
  }
  return "{ auto &[" + names + "] = " + from + ";" + copies + " }";
}

void BodyRewriter::dependentBindings(const DecompositionDecl *D, const DeclStmt *S,
                                     const Expr *init) {
  // auto [x, y] = p; (or {p}, (p)) in a template:
  //   auto [x, y] = p; { auto &[bytedmd_b0, bytedmd_b1] = p;
  //                      ::bytedmd::copyKeys(x, bytedmd_b0); ... }
  // A reference binding names p's own members, keys and all.
  const Expr *source = init;
  if (const auto *L = dyn_cast<InitListExpr>(init); L && L->getNumInits() == 1)
    source = L->getInit(0);
  if (const auto *P = dyn_cast<ParenListExpr>(init); P && P->getNumExprs() == 1)
    source = P->getExpr(0);
  expr(init, Use::Plain);
  if (D->getType()->isReferenceType() || D->bindings().empty())
    return;
  const auto *name = dyn_cast<DeclRefExpr>(source->IgnoreParenImpCasts());
  const bool named = name != nullptr && isa<VarDecl>(name->getDecl()) &&
                     llvm::none_of(D->bindings(), [&](const BindingDecl *B) {
                       return B->getName() == name->getDecl()->getName(); // p shadowed after
                     });
  if (!named || S == nullptr || edit_.editable(S->getEndLoc()).isInvalid())
    return warn(D->getLocation(), Message::BindingOfExpression);
  afterDeclaration(S, dependentBindingCopies(D, name->getDecl()->getNameAsString()));
}

void BodyRewriter::bindings(const DecompositionDecl *D, const DeclStmt *S) {
  // auto [x, y] = p;  ->  ...; copyKeys(x, p.first); copyKeys(y, p.second);
  // (the bindings name the members of a hidden copy of p)
  const Expr *init = D->getInit();
  const Expr *source = init->IgnoreImplicit();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(source); CE && CE->getNumArgs() == 1)
    source = CE->getArg(0)->IgnoreImplicit();
  if (D->getType()->isReferenceType() || !tracksKeys(D->getType()))
    return expr(init, Use::Plain);
  if (!source->isLValue()) {
    // auto [p, q] = make(...): the hidden object is found from its first binding.
    expr(init, Use::Plain);
    if (!D->bindings().empty() && S != nullptr && edit_.editable(S->getEndLoc()).isValid())
      edit_.insertAfterToken(
          S->getEndLoc(),
          " " + spell::statement("receiveBound<" +
                                     edit_.typeName(D->getType().getCanonicalType()) + ">",
                                 D->bindings()[0]->getNameAsString()));
    return;
  }
  const auto *name = dyn_cast<DeclRefExpr>(source->IgnoreParens());
  if (name == nullptr || S == nullptr || edit_.editable(S->getEndLoc()).isInvalid())
    return warn(D->getLocation(), Message::BindingOfExpression);
  edit_.insertAfterToken(S->getEndLoc(), bindingCopies(D, name->getDecl()->getNameAsString()));
}

void BodyRewriter::fieldTargets(const InitListExpr *L, const std::string &base,
                                std::vector<std::string> &targets) {
  const QualType T = L->getType().getCanonicalType();
  if (const auto *A = dyn_cast<ConstantArrayType>(T.getTypePtr())) {
    for (unsigned j = 0; j < L->getNumInits(); ++j)
      fieldTarget(L->getInit(j), A->getElementType(), base + "[" + std::to_string(j) + "]",
                  targets);
    return;
  }
  const RecordDecl *R = T->getAsRecordDecl();
  if (R == nullptr)
    return;
  unsigned j = 0;
  for (const FieldDecl *F : R->fields()) {
    if (j >= L->getNumInits())
      break;
    fieldTarget(L->getInit(j++), F->getType(), base + "." + F->getNameAsString(), targets);
  }
}

void BodyRewriter::fieldTarget(const Expr *init, QualType type, const std::string &target,
                               std::vector<std::string> &targets) {
  if (isa<ImplicitValueInitExpr>(init))
    return; // value-initialised: untracked (the object was forgotten first)
  if (const auto *inner = dyn_cast<InitListExpr>(init->IgnoreImplicit());
      inner && !isArithmetic(type))
    return fieldTargets(inner, target, targets);
  if (isArithmetic(type) && edit_.canEdit(init)) {
    edit_.wrap(init, spell::open("stash"), ")");
    expr(init, Use::Value);
    targets.push_back(target);
    return;
  }
  if (tracksKeys(type) && init->IgnoreImplicit()->isLValue())
    warn(init->getBeginLoc(), Message::MemberFromMember); // copy its keys after the fact
  else if (tracksKeys(type))
    // A container or nested object built inside the braces: its values'
    // keys are not bound (the object is marked written as a whole).
    warn(init->getBeginLoc(), Message::BracedMemberNotBound, {target});
  expr(init, Use::Plain);
}

void BodyRewriter::stashArgument(const Expr *arg) {
  // Arguments bound to const T& are lvalues: load them inside the stash.
  arg = referenceSource(arg);
  if (!edit_.canEdit(arg))
    return expr(arg, Use::Value);
  edit_.wrap(arg, spell::open("stash"), ")");
  loadArgument(arg);
}

namespace {
constexpr unsigned kUncounted = ~0u;

/// How many scalars bindStashed walks in a T (row-major), or kUncounted.
unsigned scalarCount(QualType T) {
  T = T.getCanonicalType();
  if (isArithmetic(T))
    return 1;
  if (const auto *A = dyn_cast<ConstantArrayType>(T.getTypePtr())) {
    const unsigned n = scalarCount(A->getElementType());
    return n == kUncounted ? n : n * unsigned(A->getSize().getZExtValue());
  }
  const auto *R = T->getAsCXXRecordDecl();
  if (R != nullptr && !isVector(T) && !sequenceElement(T).isNull() && !R->field_empty())
    return scalarCount(R->field_begin()->getType()); // std::array: its one C array
  return kUncounted;
}
} // namespace

unsigned BodyRewriter::listElements(const InitListExpr *L) {
  unsigned gap = 0;
  return listElements(L, gap);
}

unsigned BodyRewriter::listElements(const InitListExpr *L, unsigned &gap) {
  // Every element that is not a nested list is stashed, arithmetic or not
  // (a template's element type may be either), so the count is exact. An
  // element the list leaves out (std::array<double, 3> x{a}) is a zero with
  // no source: it holds its places as key 0, stashed before the next written
  // element; after the last one bindStashed gives key 0 itself.
  unsigned count = 0;
  for (const Expr *init : L->inits()) {
    if (isa<ImplicitValueInitExpr>(init)) {
      const unsigned n = scalarCount(init->getType());
      gap = gap == kUncounted || n == kUncounted ? kUncounted : gap + n;
    } else if (const InitListExpr *inner = containerList(init)) {
      count += listElements(inner, gap);
    } else if (edit_.canEdit(init) && isDependentOrArithmetic(init)) {
      if (gap == kUncounted)
        warn(init->getBeginLoc(), Message::BracedListGap);
      const bool padded = gap != 0 && gap != kUncounted;
      edit_.wrap(init,
                 padded ? spell::open("stashAfter") + std::to_string(gap) + ", "
                        : spell::open("stash"),
                 ")");
      expr(init, Use::Value);
      count += (padded ? gap : 0) + 1;
      gap = 0;
    } else if (edit_.canEdit(init)) {
      if (tracksKeys(init->getType()))
        warn(init->getBeginLoc(), Message::BracedListOfObjects);
      expr(init, Use::Plain);
    } else {
      expr(init, Use::Value); // warns: a macro body
    }
  }
  // An array's elements after the last written one (its filler).
  if (const auto *A = dyn_cast<ConstantArrayType>(L->getType().getCanonicalType().getTypePtr());
      A && L->getNumInits() < A->getSize().getZExtValue()) {
    const unsigned n = scalarCount(A->getElementType());
    const unsigned left = unsigned(A->getSize().getZExtValue()) - L->getNumInits();
    gap = gap == kUncounted || n == kUncounted ? kUncounted : gap + left * n;
  }
  return count;
}

void BodyRewriter::loadArgument(const Expr *arg) {
  // An argument bound to const T& is an lvalue: the runtime helper reads its
  // key where the callee would read the value.
  arg = referenceSource(arg);
  if (arg->isGLValue() && isDependentOrArithmetic(arg) && edit_.canEdit(arg)) {
    if (const ParmVarDecl *P = throughPointerParam(arg))
      edit_.wrap(arg, spell::frame("ldIn"), ", " + pointerBase(P) + ")");
    else {
      const std::size_t opening = edit_.planned();
      edit_.wrap(arg, spell::open("ld"), ")");
      keyedUse(arg, opening, "ld");
    }
    lvalue(arg);
  } else {
    expr(arg, Use::Value);
  }
}

} // namespace bytedmd
