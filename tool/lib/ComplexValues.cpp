// ComplexValues.cpp - std::complex<T> is one value with one key, as a
// Python complex is in the reference (semantics.md, "Library value types"):
// its operators and functions are instructions, building one from its parts
// is an instruction reading them in order, and a copy keeps its key.
//
//   z * w              ->  ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(z),
//                              ::bytedmd::ld(w)}, &loc)
//   cd(c, s)           ->  ::bytedmd::math<BYTEDMD_OP_COMPLEX>(::bytedmd::seq{c, s},
//                              [&](auto... bytedmd_v) { return cd(bytedmd_v...); }, &loc)
//   z.real()           ->  ::bytedmd::math<BYTEDMD_OP_REAL>(::bytedmd::seq{::bytedmd::ld(z)},
//                              [&](auto bytedmd_v) { return bytedmd_v.real(); }, &loc)
//   cd z(a, b);        ->  cd z = ::bytedmd::init(&z, <cd(a, b) as above>);
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace bytedmd {
namespace {

std::string complexClose(const std::string &type, const std::string &site) {
  return "}, [&](auto... bytedmd_v) { return " + type + "(bytedmd_v...); }" + site + ")";
}

} // namespace

bool BodyRewriter::complexLoad(const Expr *E, Use use) {
  // A complex lvalue consumed as a value: a load (a class has no
  // lvalue-to-rvalue conversion in the AST to hang it on).
  if (!isComplex(E->getType()) || !E->isGLValue() || use == Use::Plain || use == Use::LValue ||
      use == Use::Discard || !edit_.canEdit(E))
    return false;
  applyUse(E, use);
  edit_.wrap(E, spell::open("ld"), ")");
  lvalue(E);
  return true;
}

bool BodyRewriter::complexConstruct(const CXXConstructExpr *C, Use use) {
  if (!isComplex(C->getType()))
    return false;
  const CXXConstructorDecl *ctor = C->getConstructor();
  if (C->getNumArgs() == 1 && (ctor->isCopyOrMoveConstructor() || isComplex(C->getArg(0)->getType())))
    return expr(C->getArg(0), use == Use::Plain ? Use::Value : use), true; // a copy: same key
  if (C->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(C->getArg(0)))
    return true; // zero: untracked
  const std::string type = edit_.typeName(C->getType());
  const std::string site = here(C->getBeginLoc(), C);
  const auto *T = dyn_cast<CXXTemporaryObjectExpr>(C);
  applyUse(C, use);
  if (T != nullptr && T->getParenOrBraceRange().isValid()) {
    // cd(c, s): the written type and parenthesis become the instruction.
    edit_.replace(edit_.editable(T->getBeginLoc()),
                  edit_.editable(T->getParenOrBraceRange().getBegin()),
                  spell::openOverOperands("math", spell::op("COMPLEX")));
    edit_.replaceCharacter(T->getParenOrBraceRange().getEnd(), complexClose(type, site));
  } else {
    // An implicit conversion (a double where a complex is wanted).
    edit_.open(C, spell::openOverOperands("math", spell::op("COMPLEX")));
    edit_.close(C, complexClose(type, site));
  }
  for (const Expr *arg : C->arguments())
    if (!isa<CXXDefaultArgExpr>(arg))
      expr(arg, Use::Value);
  return true;
}

bool BodyRewriter::complexVariable(const VarDecl *D) {
  // cd z(a, b) or cd z{a, b}: z = init(&z, <the instruction building it>).
  const auto *C = dyn_cast<CXXConstructExpr>(D->getInit()->IgnoreImplicit());
  if (!isComplex(D->getType()) || D->getType()->isReferenceType() || C == nullptr ||
      D->getInitStyle() == VarDecl::CInit || C->getParenOrBraceRange().isInvalid() ||
      isComplex(C->getNumArgs() > 0 ? C->getArg(0)->getType() : QualType()))
    return false;
  const std::string name = D->getNameAsString();
  if (C->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(C->getArg(0)))
    return false;
  const std::string site = here(C->getBeginLoc(), C);
  edit_.replaceCharacter(C->getParenOrBraceRange().getBegin(),
                         " = " + spell::open("init") + "&" + name + ", " +
                             spell::openOverOperands("math", spell::op("COMPLEX")));
  edit_.replaceCharacter(C->getParenOrBraceRange().getEnd(),
                         complexClose("decltype(" + name + ")", site) + ")");
  for (const Expr *arg : C->arguments())
    if (!isa<CXXDefaultArgExpr>(arg))
      expr(arg, Use::Value);
  return true;
}

bool BodyRewriter::complexOperator(const CXXOperatorCallExpr *O, Use use) {
  const bool anyComplex = isComplex(O->getType()) ||
                          llvm::any_of(O->arguments(), [](const Expr *a) { return isComplex(a->getType()); });
  return anyComplex && operatorInstruction(O, use);
}

bool BodyRewriter::complexMember(const CXXMemberCallExpr *M, Use use) {
  // z.real(), z.imag(): one instruction reading z.
  const auto *ME = dyn_cast<MemberExpr>(M->getCallee()->IgnoreParens());
  const CXXMethodDecl *method = M->getMethodDecl();
  if (ME == nullptr || method == nullptr || !isComplex(M->getImplicitObjectArgument()->getType()) ||
      ME->isArrow() || M->getNumArgs() != 0 || !method->getIdentifier() ||
      (method->getName() != "real" && method->getName() != "imag") || !edit_.canEdit(M))
    return false;
  const std::string name = method->getName().str();
  applyUse(M, use);
  edit_.open(M, spell::openOverOperands("math", spell::op(name == "real" ? "REAL" : "IMAG")));
  edit_.replace(ME->getOperatorLoc(), M->getRParenLoc(),
                "}, [&](auto bytedmd_v) { return bytedmd_v." + name + "(); }" +
                    here(M->getExprLoc(), M) + ")");
  expr(ME->getBase(), Use::Value);
  return true;
}

} // namespace bytedmd
