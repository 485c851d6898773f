// ObjectVectors.cpp - push_back and emplace_back on a std::vector of the
// file's classes: the library copies or builds the element where the tool
// cannot see, so the runtime gives it its keys (and keeps the old elements'
// through a reallocation).
//
//   v.push_back(s)       ->  ::bytedmd::pushObject(v, s)
//   v.push_back(a)       ->  ::bytedmd::pushObject(v, ::bytedmd::construct<S1>(::bytedmd::seq{...}))
//   v.emplace_back(a, b) ->  ::bytedmd::emplaceObject(v, ::bytedmd::seq{::bytedmd::ld(a), ...})
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

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
    // over (a construction, a call); anything else is left to the run-time
    // check of loads.
    const Expr *source = referenceSource(arg)->IgnoreImplicit();
    if (!(source->isLValue() || handsOverKeys(source)))
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

} // namespace bytedmd
