// CallRewriter.cpp - calls, one strategy per kind of callee, tried in order:
// overloaded operators, member functions, calls through pointers, the
// file's own (instrumented) functions, the standard library's modeled
// functions (LibraryCalls.cpp), and last code the tool does not see.
//
//   f(a, b)  (instrumented)  ->  ::bytedmd::call(::bytedmd::seq{a, b}, [&](auto&&... bytedmd_a)
//                                    -> decltype(auto) { return f(...); })
//   g(a * b) (not)           ->  g(::bytedmd::escape(::bytedmd::bin<...>(...), &loc))
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace bytedmd {
namespace {

/// Member functions that only locate elements or report sizes: the accesses
/// they lead to are rewritten where they happen.
bool locatesElements(StringRef member) {
  return llvm::StringSwitch<bool>(member)
      .Cases("size", "data", "begin", "end", "cbegin", "cend", true)
      .Cases("at", "front", "back", "empty", "capacity", "reserve", true)
      .Cases("rbegin", "rend", "clear", "resize", "pop_back", true)
      .Default(false);
}

/// The std::vector member that moves elements, as the runtime helper that
/// moves their keys with them ("" when there is none).
std::string vectorHelper(const CXXMemberCallExpr *M, StringRef name) {
  auto integral = [](const Expr *E) { return E->getType()->isIntegralOrEnumerationType(); };
  const unsigned n = M->getNumArgs();
  if (llvm::any_of(M->arguments(),
                   [](const Expr *A) { return isa<CXXStdInitializerListExpr>(A->IgnoreImplicit()); }))
    return "";
  if ((name == "insert" || name == "emplace") && n == 2)
    return "vinsert";
  if (name == "insert" && n == 3)
    return integral(M->getArg(1)) ? "vinsert" : "vinsertRange";
  if (name == "assign" && n == 2)
    return integral(M->getArg(0)) ? "vassign" : "vassignRange";
  if (name == "resize" && (n == 1 || n == 2))
    return "vresize";
  if (name == "erase" && (n == 1 || n == 2))
    return "verase";
  return "";
}

} // namespace

void BodyRewriter::call(const CallExpr *C, Use use) {
  const FunctionDecl *F = C->getDirectCallee();
  if (F != nullptr && isAnnotation(F))
    return; // bytedmd::size(n): bookkeeping, not a read of n
  if (const auto *O = dyn_cast<CXXOperatorCallExpr>(C);
      O && (instrumentedOperator(O, use) || complexOperator(O, use) || standardFunctorCall(O, use) ||
            functionObjectCall(O, use) ||
            dependentOperator(O, use) || operatorCall(O, use)))
    return;
  if (const auto *M = dyn_cast<CXXMemberCallExpr>(C);
      M && (conversionCall(M, use) || instrumentedMember(M, use) || complexMember(M, use) ||
            memberCall(M, use)))
    return;
  if (F == nullptr && unresolvedInstrumentedCall(C, use))
    return;
  if (F == nullptr)
    return indirectCall(C);
  if (instrumentedCall(C, F, use) || libraryConstruction(C, F) || libraryCall(C, F, use))
    return;
  opaqueCall(C, F, use);
}

namespace {
/// std::tie(t, u): a tuple of references to the variables themselves.
const CallExpr *stdTie(const Expr *E) {
  const auto *C = dyn_cast<CallExpr>(E->IgnoreImplicit());
  const FunctionDecl *F = C ? C->getDirectCallee() : nullptr;
  return F && F->isInStdNamespace() && F->getIdentifier() && F->getName() == "tie" ? C : nullptr;
}
} // namespace

bool BodyRewriter::tiedAssignment(const CXXOperatorCallExpr *O, const CallExpr *tie) {
  // std::tie(t, u) = p  ->  ::bytedmd::assignTied(std::tie(t, u), p): t and
  // u are copies of p's members, keys and all. The tie reads nothing.
  if (!edit_.canEdit(O))
    return false;
  edit_.open(O, spell::open("assignTied"));
  edit_.replaceToken(O->getOperatorLoc(), ",");
  edit_.close(O, ")");
  for (const Expr *arg : tie->arguments())
    lvalue(arg);
  if (O->getArg(1)->isLValue())
    lvalue(O->getArg(1));
  else
    expr(O->getArg(1), Use::Plain);
  return true;
}

unsigned BodyRewriter::listedScalars(const CallExpr *C) const {
  unsigned n = 0;
  for (const Expr *arg : C->arguments())
    if (const auto *L = dyn_cast<CXXStdInitializerListExpr>(arg->IgnoreImplicit()))
      if (const auto *I = dyn_cast<InitListExpr>(L->getSubExpr()->IgnoreImplicit()))
        for (const Expr *init : I->inits())
          n += isArithmetic(init->getType()) && !init->isEvaluatable(ctx_);
  return n;
}

void BodyRewriter::opaqueFunctionObjectCall(const CXXOperatorCallExpr *O, const CXXMethodDecl *M,
                                            Use use) {
  // h(a) on an object whose operator() the tool does not see (std::hash,
  // a class of another file): as any call out (opaqueCall), scalars escape,
  // references to tracked data are diagnosed, a result computed from what
  // escaped is approximate.
  const PresumedLoc at = sm_.getPresumedLoc(edit_.editable(O->getExprLoc()));
  unsigned escaping = 0;
  bool reaches = false;
  for (unsigned i = 1; i < O->getNumArgs(); ++i) {
    const Expr *arg = O->getArg(i);
    const ParmVarDecl *param = i - 1 < M->getNumParams() ? M->getParamDecl(i - 1) : nullptr;
    if (isArithmetic(arg->getType()) && !(param && param->getType()->isReferenceType())) {
      escaping += !arg->isEvaluatable(ctx_);
      expr(arg, Use::Escape);
      continue;
    }
    expr(arg, Use::Plain);
    reaches = reaches || reachesData(arg, param);
  }
  if (reaches)
    warn(O->getExprLoc(), Message::OpaqueCallWithData, {M->getQualifiedNameAsString()});
  if (use != Use::Discard && escaping >= 1 && carriesData(O->getType()) && at.isValid() &&
      edit_.canEdit(O))
    edit_.wrap(O, spell::kOpaqueOpen,
               spell::closeOpaque(
                   spell::staticLocation(displayName(at.getFilename()), at.getLine(),
                                         at.getColumn()),
                   formatMessage(Message::OpaqueResult, {M->getQualifiedNameAsString()})));
}

bool BodyRewriter::operatorCall(const CXXOperatorCallExpr *O, Use use) {
  const OverloadedOperatorKind K = O->getOperator();
  if (const CallExpr *tie = K == OO_Equal && O->getNumArgs() == 2 ? stdTie(O->getArg(0)) : nullptr;
      tie && tiedAssignment(O, tie))
    return true;
  if (K == OO_Subscript && O->getNumArgs() == 2) {
    // v[i] on containers
    lvalue(O->getArg(0));
    expr(O->getArg(1), Use::Index);
    return true;
  }
  if (K == OO_Equal && O->getNumArgs() == 2 && tracksKeys(O->getArg(0)->getType()) &&
      !isArithmetic(O->getArg(0)->getType()) &&
      (O->getArg(1)->isLValue() || isHandedOver(O->getArg(0)->getType()))) {
    // a = b on containers and structs: the copy keeps the keys.
    edit_.open(O, spell::open("assignObject"));
    edit_.replaceToken(O->getOperatorLoc(), ",");
    edit_.close(O, ")");
    lvalue(O->getArg(0));
    lvalue(O->getArg(1));
    return true;
  }
  const FunctionDecl *F = O->getDirectCallee();
  if (K == OO_Call && F && policy_.isInstrumented(F) && isa<CXXMethodDecl>(F) &&
      cast<CXXMethodDecl>(F)->getParent()->isLambda())
    return false; // a lambda of this file: an instrumented call, callee = the object
  if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(F);
      K == OO_Call && M && !instrumentedCallee(M) && !M->isStatic()) {
    O->getArg(0)->isGLValue() ? lvalue(O->getArg(0)) : expr(O->getArg(0), Use::Plain);
    opaqueFunctionObjectCall(O, M, use);
    return true;
  }
  for (const Expr *arg : O->arguments())
    expr(arg, Use::Plain);
  return true;
}

bool BodyRewriter::memberCall(const CXXMemberCallExpr *M, Use use) {
  const auto *ME = dyn_cast<MemberExpr>(M->getCallee()->IgnoreParens());
  const CXXMethodDecl *method = M->getMethodDecl();
  const StringRef name = method ? method->getName() : "";
  const Expr *object = M->getImplicitObjectArgument();
  if (objectVectorMember(M))
    return true;
  if (ME && method && (name == "push_back" || name == "emplace_back") && M->getNumArgs() == 1 &&
      isVectorOfArithmetic(object->getType())) {
    // v.push_back(x) -> ::bytedmd::pushBack(v, x)
    edit_.open(M, spell::open("pushBack"));
    edit_.replace(ME->getOperatorLoc(), edit_.tokenAfter(ME->getMemberLoc()), ", ");
    lvalue(object);
    loadArgument(M->getArg(0));
    return true;
  }
  if (ME && method && isVectorOfArithmetic(object->getType()) && M->getNumArgs() > 0 &&
      vectorMember(M, use))
    return true;
  otherMember(M);
  return true;
}

bool BodyRewriter::vectorMember(const CXXMemberCallExpr *M, Use use) {
  // v.insert(pos, x) -> ::bytedmd::vinsert(v, pos, x), and the like: the
  // runtime moves the keys as the members move the elements.
  const auto *ME = cast<MemberExpr>(M->getCallee()->IgnoreParens());
  const std::string helper = vectorHelper(M, M->getMethodDecl()->getName());
  if (helper.empty())
    return false;
  applyUse(M, use);
  edit_.open(M, spell::open(helper));
  edit_.replace(ME->getOperatorLoc(), edit_.tokenAfter(ME->getMemberLoc()), ", ");
  lvalue(M->getImplicitObjectArgument());
  for (const Expr *arg : M->arguments())
    if (isArithmetic(arg->getType()) && arg->isGLValue())
      loadArgument(arg);
    else
      expr(arg, isDependentOrArithmetic(arg) ? Use::Value : Use::Plain);
  return true;
}

void BodyRewriter::otherMember(const CXXMemberCallExpr *M) {
  const auto *ME = dyn_cast<MemberExpr>(M->getCallee()->IgnoreParens());
  const CXXMethodDecl *method = M->getMethodDecl();
  const StringRef name = method ? method->getName() : "";
  const Expr *object = M->getImplicitObjectArgument();
  if (ME) {
    if (ME->isArrow())
      expr(object, Use::Plain);
    else
      lvalue(object);
  }
  for (const Expr *arg : M->arguments())
    expr(arg, name == "at" || name == "resize" || name == "reserve" ? Use::Index
              : isArithmetic(arg->getType())                        ? Use::Escape
                                                                    : Use::Plain);
  if (!locatesElements(name) && holdsArithmetic(object->getType()) &&
      !isArithmetic(object->getType()))
    warn(M->getExprLoc(), Message::ContainerMember, {name.str()});
  const CXXRecordDecl *owner = method ? method->getParent() : nullptr;
  if (owner && !owner->isLambda() && !owner->isInStdNamespace() &&
      !sm_.isInSystemHeader(owner->getLocation()))
    warn(M->getExprLoc(), Message::UserMethod, {method->getQualifiedNameAsString()});
}

bool isAnnotation(const FunctionDecl *F) {
  // bytedmd/bytedmd.h's functions, in namespace bytedmd (or an inline one in it).
  const DeclContext *C = F->getDeclContext()->getRedeclContext();
  while (C->isInlineNamespace())
    C = C->getParent();
  const auto *N = dyn_cast<NamespaceDecl>(C);
  if (N == nullptr || N->getName() != "bytedmd" ||
      !N->getParent()->getRedeclContext()->isTranslationUnit())
    return false;
  const SourceManager &sm = F->getASTContext().getSourceManager();
  return sm.getFilename(sm.getSpellingLoc(F->getLocation())).ends_with("bytedmd/bytedmd.h");
}

void BodyRewriter::indirectCall(const CallExpr *C) {
  // A call through a pointer or of a dependent name: arguments escape.
  if (!isa<UnresolvedLookupExpr>(C->getCallee()->IgnoreImplicit()))
    expr(C->getCallee(), Use::Plain);
  for (const Expr *arg : C->arguments())
    expr(arg, isDependentOrArithmetic(arg) ? Use::Escape : Use::Plain);
}

bool BodyRewriter::instrumentedCall(const CallExpr *C, const FunctionDecl *F, Use use) {
  if (!policy_.isInstrumented(F) && !(F->getTemplateInstantiationPattern() &&
                                      policy_.isInstrumented(F->getTemplateInstantiationPattern())))
    return false;
  applyUse(C, use);
  // A lambda's call is operator() on the object: arguments start at 1.
  const auto *O = dyn_cast<CXXOperatorCallExpr>(C);
  const unsigned first = O ? 1 : 0;
  const Expr *callee = O ? O->getArg(0) : C->getCallee()->IgnoreImplicit();
  const std::string calleeText = edit_.text(callee->getSourceRange());
  edit_.replace(callee->getBeginLoc(), edit_.tokenAfter(callee->getEndLoc()),
                spell::openOverOperands("call"));
  edit_.replaceCharacter(C->getRParenLoc(), spell::closeWithCallee(calleeText));
  unsigned handedOver = 0; // small structs built by the arguments themselves
  for (unsigned i = first; i < C->getNumArgs(); ++i) {
    const Expr *source = C->getArg(i)->IgnoreImplicit();
    if (const auto *copy = dyn_cast<CXXConstructExpr>(source);
        copy && copy->getNumArgs() == 1 && copy->getConstructor()->isCopyOrMoveConstructor())
      source = copy->getArg(0)->IgnoreImplicit();
    const QualType T = C->getArg(i)->getType();
    if (!source->isLValue() && isHandedOver(T))
      ++handedOver;
  }
  if (handedOver >= 2)
    warn(C->getExprLoc(), Message::TwoHandedOverStructs);
  for (unsigned i = first; i < C->getNumArgs(); ++i) {
    const Expr *arg = C->getArg(i);
    const ParmVarDecl *param = i - first < F->getNumParams() ? F->getParamDecl(i - first) : nullptr;
    if (param && param->getType()->isReferenceType())
      referenceArgument(arg);
    else
      expr(arg, isDependentOrArithmetic(arg) ? Use::Value : Use::Plain);
  }
  return true;
}

bool BodyRewriter::reachesData(const Expr *arg, const ParmVarDecl *param) const {
  const bool byReference = param && param->getType()->isReferenceType();
  const QualType T = arg->IgnoreImpCasts()->getType(); // f(void *p) and f(array): look through
  QualType pointee = T->isPointerType() ? T->getPointeeType() : T->isArrayType() ? T : QualType();
  if (!pointee.isNull() && isCharacterData(pointee))
    pointee = QualType();
  return (byReference && tracksKeys(T)) || (!pointee.isNull() && tracksKeys(pointee)) ||
         isIteratorLike(T);
}

void BodyRewriter::opaqueCall(const CallExpr *C, const FunctionDecl *F, Use use) {
  // Scalars passed by value escape (a read each); pointers, references and
  // iterators to tracked data let the callee read and write behind the
  // tool's back. The project's own function defined in another file is
  // instrumented or not as known at link time (::bytedmd::callAcross).
  const Expr *calleeExpr = C->getCallee()->IgnoreImplicit();
  const std::string marker = CrossFileMarkers::ofCallee(ctx_, F);
  const bool callable = !isa<CXXOperatorCallExpr>(C) &&
                        edit_.editable(calleeExpr->getBeginLoc()).isValid() &&
                        edit_.editable(C->getRParenLoc()).isValid();
  const bool acrossFiles = !marker.empty() && callable;
  unsigned escaping = 0;
  for (const Expr *arg : C->arguments())
    if (isArithmetic(arg->getType()) && !arg->isEvaluatable(ctx_))
      ++escaping;
  const std::string calleeText = edit_.text(calleeExpr->getSourceRange());
  // A used result computed from what escaped into the call is approximate,
  // the elements of a braced list (std::minmax({a, b, c})) included.
  const bool computes = use != Use::Discard && escaping + listedScalars(C) >= 1 &&
                        carriesData(C->getType());
  const PresumedLoc at = sm_.getPresumedLoc(edit_.editable(C->getExprLoc()));
  const std::string where =
      at.isValid() ? spell::staticLocation(displayName(at.getFilename()), at.getLine(), at.getColumn())
                   : std::string();
  const std::string computed =
      computes ? formatMessage(Message::OpaqueResult, {F->getQualifiedNameAsString()}) : "";
  if (!acrossFiles && computes && callable)
    edit_.wrap(C, spell::kOpaqueOpen, spell::closeOpaque(where, computed));
  if (!acrossFiles && escaping >= 2 && callable) {
    // f(a * b, c * d): the reads happen left to right, as in the source.
    edit_.replace(calleeExpr->getBeginLoc(), edit_.tokenAfter(calleeExpr->getEndLoc()),
                  spell::openOverOperands("invoke"));
    edit_.replaceCharacter(C->getRParenLoc(), spell::closeWithCallee(calleeText));
  }
  bool reaches = false;
  for (unsigned i = 0; i < C->getNumArgs(); ++i) {
    const Expr *arg = C->getArg(i);
    const ParmVarDecl *param = i < F->getNumParams() ? F->getParamDecl(i) : nullptr;
    if (isArithmetic(arg->getType()) && !(param && param->getType()->isReferenceType())) {
      expr(arg, acrossFiles ? Use::EscapeIf : Use::Escape);
      continue;
    }
    expr(arg, Use::Plain);
    reaches = reaches || reachesData(arg, param);
  }
  if (acrossFiles) {
    applyUse(C, use);
    policy_.markers().referenced(marker);
    edit_.replace(calleeExpr->getBeginLoc(), edit_.tokenAfter(calleeExpr->getEndLoc()),
                  spell::openAcross(marker));
    const std::string unmodeled =
        reaches ? formatMessage(Message::AcrossCallWithData, {F->getQualifiedNameAsString()}) : "";
    edit_.replaceCharacter(C->getRParenLoc(),
                           spell::closeAcross(calleeText, where, unmodeled, computed));
    return;
  }
  const StringRef name = F->getIdentifier() ? F->getName() : "";
  // Functions that only locate elements: the accesses they lead to are
  // rewritten where they happen.
  const bool locates =
      isStandardFunction(F) &&
      (name == "get" || name == "begin" || name == "end" || name == "cbegin" || name == "cend" ||
       name == "data" || name == "size" || name == "addressof" || name == "next" ||
       name == "prev" || name == "distance" || name == "advance");
  if (reaches && !locates)
    warn(C->getExprLoc(), Message::OpaqueCallWithData, {F->getQualifiedNameAsString()});
}

} // namespace bytedmd
