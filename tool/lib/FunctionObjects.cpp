// FunctionObjects.cpp - the function objects of <functional> (std::plus<T>,
// std::less<T>, ..., and their void forms) called in the file. Such a call
// computes one operator, so the model prices it as that instruction
// (semantics.md, "Instructions"); the runtime applies it to the operands
// converted to the object's argument type (bytedmd/detail/functional.hpp).
//
//   std::plus<double>()(a, b)  ->  ::bytedmd::functorCall(std::plus<double>(),
//                                      ::bytedmd::seq{::bytedmd::ld(a), ::bytedmd::ld(b)}, &loc)
//   mul(x, y)  (std::multiplies<double> mul;)  ->  ::bytedmd::functorCall(mul, ::bytedmd::seq{...}, &loc)
//
// Handed to an algorithm, the same objects are adapted by StandardAlgorithms.
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace bytedmd {

bool isStandardFunctionObject(QualType T) {
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (S == nullptr || !S->isInStdNamespace() || S->getTemplateArgs().size() != 1 ||
      S->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return false;
  // The list of bytedmd/detail/functional.hpp's _Std_functor.
  return llvm::is_contained({"plus", "minus", "multiplies", "divides", "modulus", "negate",
                             "bit_and", "bit_or", "bit_xor", "bit_not", "less", "greater",
                             "less_equal", "greater_equal", "equal_to", "not_equal_to",
                             "logical_and", "logical_or", "logical_not"},
                            S->getName());
}

bool BodyRewriter::standardFunctorCall(const CXXOperatorCallExpr *O, Use use) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(O->getDirectCallee());
  if (O->getOperator() != OO_Call || M == nullptr || O->getNumArgs() < 2 ||
      !isStandardFunctionObject(ctx_.getRecordType(M->getParent())))
    return false;
  // Objects of the file's classes (std::plus<Vec>) are calls of their operators.
  for (unsigned i = 1; i < O->getNumArgs(); ++i)
    if (!isDependentOrArithmetic(O->getArg(i)))
      return false;
  const Expr *object = O->getArg(0);
  const SourceLocation paren = edit_.tokenAfter(object->getEndLoc());
  if (paren.isInvalid() || !edit_.editable(paren).isValid() ||
      !edit_.editable(O->getRParenLoc()).isValid() || !edit_.canEdit(O))
    return false;
  applyUse(O, use);
  edit_.open(O, spell::open("functorCall"));
  edit_.replaceToken(paren, std::string(", ") + spell::kSequence);
  edit_.replaceCharacter(O->getRParenLoc(), "}" + here(O->getExprLoc(), O) + ")");
  if (object->isGLValue())
    lvalue(object);
  else
    expr(object, Use::Plain);
  // The operands bind to const T&: loaded where the instruction reads them.
  for (unsigned i = 1; i < O->getNumArgs(); ++i)
    loadArgument(O->getArg(i));
  return true;
}

} // namespace bytedmd
