// TupleTemporaries.cpp - a std::pair or std::tuple built from scalars where
// an object is wanted (an argument, say): the library's constructor copies
// the values without their keys, so ::bytedmd::tupleOf builds it and binds
// each member to its operand's key, then hands the keys over to the place
// that stores it (a parameter, a temporary bound to a reference).
//
//   g(std::pair<double, double>(a, b))  ->  g(::bytedmd::tupleOf<std::pair<double, double>>(
//                                               ::bytedmd::seq{::bytedmd::ld(a),
//                                               ::bytedmd::ld(b)}))
//   g({a, b})                           ->  the same
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace bytedmd {

bool BodyRewriter::tupleTemporary(const CXXConstructExpr *C) const {
  const CXXRecordDecl *R = C->getType().getCanonicalType()->getAsCXXRecordDecl();
  if (R == nullptr || !isStdTuple(R) || C->getNumArgs() == 0 ||
      C->getConstructor()->isCopyOrMoveConstructor())
    return false;
  // Only members built from scalars: one key each, in order.
  return llvm::all_of(C->arguments(), [](const Expr *arg) {
    return !isa<CXXDefaultArgExpr>(arg) && isArithmetic(arg->getType());
  });
}

bool BodyRewriter::tupleConstruction(const CXXConstructExpr *C) {
  if (!tupleTemporary(C) || !edit_.canEdit(C))
    return false;
  const SourceRange brackets = C->getParenOrBraceRange();
  if (brackets.isInvalid())
    return false;
  const std::string open =
      spell::openOverOperands("tupleOf", edit_.typeName(C->getType().getCanonicalType()));
  if (const auto *T = dyn_cast<CXXTemporaryObjectExpr>(C)) {
    // std::pair<double, double>(a, b) or {a, b} after the type.
    const SourceRange type = T->getTypeSourceInfo()->getTypeLoc().getSourceRange();
    edit_.replace(edit_.editable(type.getBegin()), edit_.editable(brackets.getBegin()), open);
  } else if (C->getBeginLoc() == brackets.getBegin() && C->isListInitialization()) {
    edit_.replaceCharacter(brackets.getBegin(), open); // a bare {a, b}
  } else {
    return false;
  }
  edit_.replaceCharacter(brackets.getEnd(), "})");
  for (const Expr *arg : C->arguments())
    loadArgument(arg);
  return true;
}

} // namespace bytedmd
