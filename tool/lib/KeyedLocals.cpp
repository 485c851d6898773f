// KeyedLocals.cpp - locals that keep their key in a variable beside them.
//
// A local whose address never escapes can only be read and written through
// its name. When every use of the name is a form the rewrite routes (a load,
// a discarded assignment, ++, --, its initialiser), the key can live in a
// variable declared on entry instead of the shadow map: the same key, with
// no shadow lookup (semantics.md, "Memory"). Any other use (&x, a reference
// bound to it, a lambda's capture, sizeof, text a macro wrote, an assignment
// whose value is used) keeps the local in the shadow.
//
//   for (size_t k = 0; k < n; ++k) s = s + a[k];
//   ->
//   bytedmd_key bytedmd_kv0_k = 0; ...   (on entry)
//   for (size_t k = ::bytedmd::initKey(bytedmd_kv0_k, &k, 0);
//        ::bytedmd::truth(::bytedmd::bin<LT>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv0_k, k), ...
//        ::bytedmd::preKey<ADD>(bytedmd_kv0_k, k, ...)) ...
//
// The uses are planned as usual; the decision comes when the whole function
// is planned, and then only the openings are respelled.
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtOpenMP.h"

#include <algorithm>

using namespace clang;

namespace bytedmd {
namespace {

/// A standard arithmetic type: one std::is_arithmetic holds for in every
/// language mode, as the runtime's forms require (__int128, _Float16 and
/// __float128 are arithmetic only under -std=gnu++).
bool standardScalar(QualType T) {
  const auto *B = T.getCanonicalType()->getAs<BuiltinType>();
  if (B == nullptr)
    return false;
  switch (B->getKind()) {
  case BuiltinType::Bool:
  case BuiltinType::Char_U:
  case BuiltinType::Char_S:
  case BuiltinType::SChar:
  case BuiltinType::UChar:
  case BuiltinType::WChar_U:
  case BuiltinType::WChar_S:
  case BuiltinType::Char8:
  case BuiltinType::Char16:
  case BuiltinType::Char32:
  case BuiltinType::Short:
  case BuiltinType::UShort:
  case BuiltinType::Int:
  case BuiltinType::UInt:
  case BuiltinType::Long:
  case BuiltinType::ULong:
  case BuiltinType::LongLong:
  case BuiltinType::ULongLong:
  case BuiltinType::Float:
  case BuiltinType::Double:
  case BuiltinType::LongDouble:
    return true;
  default:
    return false;
  }
}

/// A plain scalar of the function's own frame: a standard arithmetic type
/// (not an enum, not std::complex), neither static, volatile nor a
/// reference, and with no attribute but [[maybe_unused]] (cleanup(fn)
/// hands its address to fn).
bool keyableLocal(const VarDecl *D, const FunctionDecl *F) {
  if (isa<ParmVarDecl, DecompositionDecl>(D) || D->getDeclContext() != F ||
      !D->hasLocalStorage() || D->isConstexpr())
    return false;
  for (const Attr *A : D->attrs())
    if (!isa<UnusedAttr>(A))
      return false;
  const QualType T = D->getType();
  return !T->isReferenceType() && !T->isDependentType() && !T.isVolatileQualified() &&
         standardScalar(T) && isArithmetic(T);
}

/// Names the walk over children() cannot see: a variable-length array's
/// bound inside a pointer, typedef, cast or sizeof type; the clauses and
/// regions of OpenMP; a block's body.
bool hidesNames(const Stmt *S) {
  if (isa<OMPExecutableDirective, CapturedStmt, BlockExpr>(S))
    return true;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls()) {
      if (const auto *V = dyn_cast<ValueDecl>(D); V && V->getType()->isVariablyModifiedType())
        return true;
      if (const auto *T = dyn_cast<TypedefNameDecl>(D);
          T && T->getUnderlyingType()->isVariablyModifiedType())
        return true;
    }
  if (const auto *E = dyn_cast<Expr>(S)) {
    // (a template's paren list has no type)
    if (!E->getType().isNull() && E->getType()->isVariablyModifiedType())
      return true;
    if (const auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(E);
        U && U->isArgumentType() && U->getArgumentType()->isVariablyModifiedType())
      return true;
    if (const auto *C = dyn_cast<ExplicitCastExpr>(E);
        C && C->getTypeAsWritten()->isVariablyModifiedType())
      return true;
  }
  return false;
}

/// Every declaration and name in S, lambda bodies and unevaluated operands
/// included (a use anywhere counts). False when S holds names the walk
/// cannot see (hidesNames): then nothing is keyed.
bool collect(const Stmt *S, const FunctionDecl *F, std::vector<const VarDecl *> &locals,
             std::vector<const DeclRefExpr *> &names) {
  if (S == nullptr)
    return true;
  if (hidesNames(S))
    return false;
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D); V && keyableLocal(V, F))
        locals.push_back(V);
  if (const auto *R = dyn_cast<DeclRefExpr>(S))
    names.push_back(R);
  for (const Stmt *child : S->children())
    if (!collect(child, F, locals, names))
      return false;
  return true;
}

} // namespace

void BodyRewriter::findKeyedLocals(const FunctionDecl *F) {
  keyedFunction_ = F;
  keyedOrder_.clear();
  keyed_.clear();
  // A template's locals are rewritten once for every instantiation, whose
  // uses differ: they stay in the shadow.
  if (F->isDependentContext() || F->getBody() == nullptr)
    return;
  std::vector<const VarDecl *> locals;
  std::vector<const DeclRefExpr *> names;
  if (!collect(F->getBody(), F, locals, names))
    return;
  for (const VarDecl *D : locals) {
    KeyedLocal &k = keyed_[D];
    k.key = spell::keyVariable(unsigned(keyedOrder_.size()), D->getNameAsString());
    keyedOrder_.push_back(D);
  }
  for (const DeclRefExpr *R : names)
    if (const auto *V = dyn_cast<VarDecl>(R->getDecl()))
      if (auto it = keyed_.find(V); it != keyed_.end())
        it->second.uses.insert(R);
}

BodyRewriter::KeyedLocal *BodyRewriter::keyedLocal(const Expr *E) {
  const auto *R = dyn_cast<DeclRefExpr>(E->IgnoreParens());
  // A lambda's name of an enclosing local is its capture, not the local.
  if (R == nullptr || R->refersToEnclosingVariableOrCapture())
    return nullptr;
  const auto *V = dyn_cast<VarDecl>(R->getDecl());
  const auto it = V ? keyed_.find(V) : keyed_.end();
  return it == keyed_.end() ? nullptr : &it->second;
}

void BodyRewriter::keyedUse(const Expr *E, std::size_t edit, const std::string &name,
                            const std::string &arg) {
  KeyedLocal *k = keyedLocal(E);
  if (k == nullptr || !edit_.placed(edit))
    return;
  k->handled.insert(cast<DeclRefExpr>(E->IgnoreParens()));
  k->spellings.emplace_back(edit, spell::keyedOpen(name, arg, k->key));
}

void BodyRewriter::keyedInit(const VarDecl *D, std::size_t edit, const std::string &rest) {
  const auto it = keyed_.find(D);
  if (it == keyed_.end() || !edit_.placed(edit))
    return;
  KeyedLocal &k = it->second;
  k.initialised = true;
  k.spellings.emplace_back(edit, spell::keyedOpen("init", "", k.key) + "&" +
                                     D->getNameAsString() + ", " + rest);
}

std::string BodyRewriter::keyLocals() {
  std::vector<std::string> keys;
  for (const VarDecl *D : keyedOrder_) {
    const KeyedLocal &k = keyed_[D];
    // Every name of it, and its initialiser (if any), have keyed forms.
    const bool everyUse = std::all_of(k.uses.begin(), k.uses.end(),
                                      [&](const DeclRefExpr *R) { return k.handled.count(R); });
    if (!everyUse || (D->hasInit() && !k.initialised))
      continue;
    for (const auto &[edit, text] : k.spellings)
      edit_.respell(edit, text);
    keys.push_back(k.key);
  }
  keyedOrder_.clear();
  keyed_.clear();
  return spell::keyDeclarations(keys);
}

} // namespace bytedmd
