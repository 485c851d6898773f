// LibraryCalls.cpp - calls of the standard library that the runtime models:
// element copies and fills, C allocation, make_pair/make_tuple, min and max,
// and the math functions. memcpy and friends on tracked data are diagnosed.
//
//   std::copy(a, b, c)  ->  ::bytedmd::copy(a, b, c)       (the copies keep keys)
//   std::max(a, b)      ->  ::bytedmd::minmax<BYTEDMD_OP_GT>(::bytedmd::seq{a, b}, &loc)
//   std::sqrt(x)        ->  ::bytedmd::math<BYTEDMD_OP_SQRT>(::bytedmd::seq{x},
//                               [&](auto... bytedmd_v) { return std::sqrt(bytedmd_v...); }, &loc)
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringMap.h"

#include <optional>

using namespace clang;

namespace bytedmd {
namespace {

/// The standard math functions the model prices as one instruction
/// (bytedmd/ops.def).
std::optional<std::string> mathOp(StringRef name) {
  static const llvm::StringMap<const char *> ops = {
#define BYTEDMD_MATH(NAME, ir) {#ir, #NAME},
#define BYTEDMD_MATH_ALIAS(function, NAME) {#function, #NAME},
#include "bytedmd/ops.def"
  };
  // The C names with an f or l suffix are the same functions.
  auto it = ops.find(name);
  if (it == ops.end() && (name.ends_with("f") || name.ends_with("l")))
    it = ops.find(name.drop_back());
  if (it == ops.end())
    return std::nullopt;
  return spell::op(it->second);
}

bool inStdOrGlobal(const FunctionDecl *F) {
  const DeclContext *C = F->getDeclContext()->getRedeclContext();
  while (C->isInlineNamespace())
    C = C->getParent();
  if (C->isTranslationUnit())
    return true;
  if (const auto *N = dyn_cast<NamespaceDecl>(C))
    return N->getName() == "std" && N->getParent()->getRedeclContext()->isTranslationUnit();
  return false;
}

} // namespace

bool isStandardFunction(const FunctionDecl *F) {
  return inStdOrGlobal(F) && F->getASTContext().getSourceManager().isInSystemHeader(F->getLocation());
}

bool BodyRewriter::libraryCall(const CallExpr *C, const FunctionDecl *F, Use use) {
  if (!isStandardFunction(F))
    return false;
  const StringRef name = F->getIdentifier() ? F->getName() : "";
  return elementCopy(C, name, use) || allocation(C, name, use) || makeTuple(C, name, use) ||
         memoryFunction(C, name) || minOrMax(C, name, use) || mathFunction(C, name, use) ||
         standardAlgorithm(C, F, use);
}

bool BodyRewriter::elementCopy(const CallExpr *C, StringRef name, Use use) {
  // std::copy(a, b, c) -> ::bytedmd::copy(a, b, c): the element copies keep keys.
  const unsigned arity = C->getNumArgs();
  const Expr *callee = C->getCallee()->IgnoreImplicit();
  if (!(((name == "copy" || name == "copy_n" || name == "move" || name == "fill" ||
          name == "fill_n") &&
         arity == 3) ||
        (name == "swap" && arity == 2)) ||
      edit_.editable(callee->getBeginLoc()).isInvalid())
    return false;
  applyUse(C, use);
  edit_.replace(callee->getBeginLoc(), callee->getEndLoc(), spell::entry(name.str()));
  for (unsigned i = 0; i < arity; ++i) {
    const Expr *arg = C->getArg(i);
    if (name == "swap")
      lvalue(arg);
    else if ((name == "fill" || name == "fill_n") && i == arity - 1)
      loadArgument(arg);
    else
      expr(arg, isDependentOrArithmetic(arg) ? Use::Value : Use::Plain);
  }
  return true;
}

bool BodyRewriter::allocation(const CallExpr *C, StringRef name, Use use) {
  // The runtime's versions forget the keys of fresh and freed blocks.
  const Expr *callee = C->getCallee()->IgnoreImplicit();
  if (!(name == "malloc" || name == "calloc" || name == "realloc" || name == "free" ||
        name == "aligned_alloc" || name == "posix_memalign") ||
      edit_.editable(callee->getBeginLoc()).isInvalid())
    return false;
  applyUse(C, use);
  edit_.replace(callee->getBeginLoc(), callee->getEndLoc(), spell::entry(name.str()));
  for (const Expr *arg : C->arguments())
    expr(arg, isArithmetic(arg->getType()) ? Use::Escape : Use::Plain);
  return true;
}

bool BodyRewriter::makeTuple(const CallExpr *C, StringRef name, Use use) {
  const Expr *callee = C->getCallee()->IgnoreImplicit();
  if (!(name == "make_pair" || name == "make_tuple") || C->getNumArgs() == 0 ||
      edit_.editable(callee->getBeginLoc()).isInvalid())
    return false;
  applyUse(C, use);
  edit_.replace(callee->getBeginLoc(), edit_.tokenAfter(callee->getEndLoc()),
                spell::openOverOperands(name.str()));
  edit_.replaceCharacter(C->getRParenLoc(), "})");
  for (const Expr *arg : C->arguments())
    loadArgument(arg);
  return true;
}

bool BodyRewriter::memoryFunction(const CallExpr *C, StringRef name) {
  if (name != "memcpy" && name != "memmove" && name != "memset")
    return false;
  // memcpy(dst, src, n) on tracked data: ::bytedmd::memcpy moves the keys
  // with the bytes; memset writes untracked values.
  // Between different types (a double's bytes into a long long) it is a pun.
  const Expr *callee = C->getCallee()->IgnoreImplicit();
  const auto pointee = [](const Expr *arg) {
    const QualType T = arg->IgnoreImpCasts()->getType();
    const QualType P = T->isPointerType() ? T->getPointeeType() : T;
    return QualType(P->getPointeeOrArrayElementType(), 0).getCanonicalType();
  };
  const bool pun = name != "memset" && C->getNumArgs() == 3 &&
                   pointee(C->getArg(0)) != pointee(C->getArg(1));
  for (const Expr *arg : C->arguments()) {
    const QualType T = arg->IgnoreImpCasts()->getType();
    if ((T->isPointerType() && tracksKeys(T->getPointeeType())) ||
        (T->isArrayType() && tracksKeys(T))) {
      if (pun || edit_.editable(callee->getBeginLoc()).isInvalid()) {
        warn(C->getExprLoc(), Message::MemoryFunction, {name.str()});
        for (const Expr *a : C->arguments())
          expr(a, isArithmetic(a->getType()) ? Use::Escape : Use::Plain);
        return true;
      }
      edit_.replace(callee->getBeginLoc(), callee->getEndLoc(), spell::entry(name.str()));
      for (const Expr *a : C->arguments())
        expr(a, isArithmetic(a->getType()) ? Use::Index : Use::Plain);
      return true;
    }
  }
  return false;
}

bool BodyRewriter::minOrMax(const CallExpr *C, StringRef name, Use use) {
  if (!(name == "max" || name == "min") || C->getNumArgs() != 2 ||
      !isDependentOrArithmetic(C->getArg(0)) || !isDependentOrArithmetic(C->getArg(1)))
    return false;
  const Expr *callee = C->getCallee()->IgnoreImplicit();
  applyUse(C, use);
  edit_.replace(callee->getBeginLoc(), edit_.tokenAfter(callee->getEndLoc()),
                spell::openOverOperands("minmax", spell::op(name == "max" ? "GT" : "LT")));
  edit_.replaceCharacter(C->getRParenLoc(), "}" + here(C->getExprLoc(), C) + ")");
  // The arguments bind to const T&: load them here, as the comparison does.
  for (const Expr *arg : C->arguments())
    loadArgument(arg);
  return true;
}

bool BodyRewriter::mathFunction(const CallExpr *C, StringRef name, Use use) {
  const std::optional<std::string> op = C->getNumArgs() > 0 ? mathOp(name) : std::nullopt;
  if (!op || !llvm::all_of(C->arguments(), isDependentOrArithmetic))
    return false;
  const Expr *callee = C->getCallee()->IgnoreImplicit();
  const std::string calleeText = edit_.text(callee->getSourceRange());
  applyUse(C, use);
  edit_.replace(callee->getBeginLoc(), edit_.tokenAfter(callee->getEndLoc()),
                spell::openOverOperands("math", *op));
  edit_.replaceCharacter(C->getRParenLoc(),
                         spell::closeWithMathCallee(calleeText) + here(C->getExprLoc(), C) + ")");
  for (const Expr *arg : C->arguments())
    loadArgument(arg); // std::abs(z), std::pow(z, k) take const T&
  return true;
}

} // namespace bytedmd
