// ObjectVectors.cpp - objects of the file's classes that the library copies
// or builds where the tool cannot see: push_back and emplace_back on a
// std::vector of them (the runtime gives the element its keys, and keeps the
// old elements' through a reallocation), and std::make_unique/make_shared
// (the arguments' keys wait in a construction record for the constructor).
//
//   v.push_back(s)       ->  ::bytedmd::pushObject(v, s)
//   v.push_back(a)       ->  ::bytedmd::pushObject(v, ::bytedmd::construct<S1>(::bytedmd::seq{...}))
//   v.emplace_back(a, b) ->  ::bytedmd::emplaceObject(v, ::bytedmd::seq{::bytedmd::ld(a), ...})
//   std::make_unique<R>(a, b)  ->  ::bytedmd::constructThrough<R>(::bytedmd::seq{...},
//                                      [&](auto&&... bytedmd_a) -> decltype(auto) {
//                                      return std::make_unique<R>(...); })
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace bytedmd {

namespace {
/// The element type of a std::vector of classes whose keys bytedmd follows.
QualType objectElement(QualType vector) {
  if (!isVector(vector))
    return QualType();
  const QualType element = sequenceElement(vector);
  if (element.isNull() || !element->isRecordType() || isArithmetic(element) ||
      !tracksKeys(element))
    return QualType();
  return element;
}
} // namespace

bool BodyRewriter::builtByInstrumentedConstructor(const CXXRecordDecl *R) const {
  for (const CXXConstructorDecl *C : R->ctors())
    if (C->isUserProvided() && !C->isCopyOrMoveConstructor() && instrumentedCallee(C))
      return true;
  return false;
}

bool BodyRewriter::objectVectorMember(const CXXMemberCallExpr *M) {
  const auto *ME = dyn_cast<MemberExpr>(M->getCallee()->IgnoreParens());
  const CXXMethodDecl *method = M->getMethodDecl();
  if (ME == nullptr || method == nullptr || ME->isArrow() || M->getNumArgs() == 0)
    return false;
  const StringRef name = method->getName();
  const Expr *object = M->getImplicitObjectArgument();
  const QualType element = objectElement(object->getType());
  if ((name != "push_back" && name != "emplace_back") || element.isNull() || !edit_.canEdit(M))
    return false;
  const Expr *arg = M->getArg(0);
  const bool copy = M->getNumArgs() == 1 &&
                    ctx_.hasSameUnqualifiedType(arg->getType().getNonReferenceType(), element);
  if (name == "push_back" || copy) {
    // A copy of an object that holds its keys, or of one that hands them
    // over (a construction, a call, a braced aggregate); anything else is
    // left to the run-time check of loads.
    const Expr *source = referenceSource(arg)->IgnoreImplicit();
    if (!(source->isLValue() || handsOverKeys(source) || recordList(source)))
      return false;
    edit_.open(M, spell::open("pushObject"));
    edit_.replace(ME->getOperatorLoc(), edit_.tokenAfter(ME->getMemberLoc()), ", ");
    lvalue(object);
    if (source->isLValue())
      lvalue(arg);
    else
      expr(arg, Use::Plain);
    return true;
  }
  // emplace_back(a, b): the element's own constructor, called by the library.
  if (!builtByInstrumentedConstructor(element->getAsCXXRecordDecl()))
    return false;
  edit_.open(M, spell::open("emplaceObject"));
  edit_.replace(ME->getOperatorLoc(), edit_.tokenAfter(ME->getMemberLoc()),
                std::string(", ") + spell::kSequence);
  edit_.replaceCharacter(M->getRParenLoc(), "})");
  lvalue(object);
  for (const Expr *a : M->arguments())
    expr(a, isDependentOrArithmetic(a) ? Use::Value : Use::Plain);
  return true;
}

bool BodyRewriter::libraryConstruction(const CallExpr *C, const FunctionDecl *F) {
  const auto *arguments = F->getTemplateSpecializationArgs();
  if (!F->isInStdNamespace() || !F->getIdentifier() ||
      (F->getName() != "make_unique" && F->getName() != "make_shared") || arguments == nullptr ||
      arguments->size() == 0 || arguments->get(0).getKind() != TemplateArgument::Type ||
      C->getNumArgs() == 0)
    return false;
  const QualType T = arguments->get(0).getAsType();
  const CXXRecordDecl *R = T->getAsCXXRecordDecl();
  const Expr *callee = C->getCallee()->IgnoreImplicit();
  if (R == nullptr || !tracksKeys(T) || !builtByInstrumentedConstructor(R) || !edit_.canEdit(C) ||
      !edit_.editable(C->getRParenLoc()).isValid())
    return false;
  const std::string calleeText = edit_.text(callee->getSourceRange());
  edit_.replace(callee->getBeginLoc(), edit_.tokenAfter(callee->getEndLoc()),
                spell::openOverOperands("constructThrough", edit_.typeName(T)));
  edit_.replaceCharacter(C->getRParenLoc(), spell::closeWithCallee(calleeText));
  for (const Expr *a : C->arguments())
    expr(a, isDependentOrArithmetic(a) ? Use::Value : Use::Plain);
  return true;
}

} // namespace bytedmd
