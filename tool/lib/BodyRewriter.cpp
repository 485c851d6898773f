// BodyRewriter.cpp - a function and its lambdas, the instruction sites, and
// the small questions every room asks.
#include "BodyRewriter.h"

#include "FunctionRewriter.h"
#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/LambdaCapture.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/FileSystem.h"

using namespace clang;

namespace bytedmd {

BodyRewriter::BodyRewriter(ASTContext &context, EditPlan &plan, const RewritePolicy &policy,
                           RewriteDiagnostics &diags)
    : ctx_(context), sm_(context.getSourceManager()),
      edit_(context, plan, policy, policy.expansions(), diags), policy_(policy), diags_(diags) {}

void BodyRewriter::function(const FunctionDecl *F) {
  current_ = F;
  findPointerParams(F);
  sites_.clear();
  outputNames_.clear();
  diags_.enterFunction();
  memberCopies_.clear();
  findKeyedLocals(F);
  if (const auto *ctor = dyn_cast<CXXConstructorDecl>(F))
    memberInitialisers(ctor);
  stmt(F->getBody());
  prologue(F, F->getBody(), policy_.isMeasured(F));
  keyed_.clear(); // (when the prologue could not be placed, nothing is keyed)
  keyedOrder_.clear();
  keyedFunction_ = nullptr;
}

void BodyRewriter::lambda(const LambdaExpr *L) {
  const CXXMethodDecl *op = L->getCallOperator();
  if (op == nullptr || !op->hasBody())
    return;
  const std::string captureKeys = capturesByValue(L);
  // The lambda's frame declares its own diagnostics; its sites are the
  // enclosing function's.
  const FunctionDecl *saved = current_;
  RewriteDiagnostics::RunTimeList outer = diags_.enterFunction();
  current_ = op;
  stmt(op->getBody());
  capturePrologue_ = captureKeys;
  prologue(op, op->getBody(), false);
  capturePrologue_.clear();
  current_ = saved;
  diags_.leaveFunction(std::move(outer));
}

std::string BodyRewriter::capturesByValue(const LambdaExpr *L) {
  // [x] or [=] copies x into the closure, which keeps its key: the key is
  // captured beside it (bytedmd_k_x = keyOf(x)), and the body gives it to
  // the closure's copy on entry. A mutable lambda may change its copy, and
  // a copied object's elements have many keys: those are diagnosed.
  std::string added, bindings;
  const SourceLocation close = L->getIntroducerRange().getEnd();
  for (const LambdaCapture &capture : L->captures()) {
    if (!capture.capturesVariable() || capture.getCaptureKind() != LCK_ByCopy)
      continue;
    const auto *V = dyn_cast<VarDecl>(capture.getCapturedVar());
    if (V == nullptr || !tracksKeys(V->getType()) || V->getType()->isReferenceType())
      continue;
    const std::string name = V->getNameAsString();
    if (!isArithmetic(V->getType()) || L->isMutable() || !edit_.editable(close).isValid() ||
        V->isInitCapture()) {
      warn(capture.getLocation().isValid() ? capture.getLocation() : L->getBeginLoc(),
           Message::CaptureByValue, {name});
      continue;
    }
    added += ", bytedmd_k_" + name + " = " + spell::open("keyOf") + name + ")";
    bindings += " " + spell::statement("bindCapture", name + ", bytedmd_k_" + name);
  }
  if (!added.empty())
    edit_.insert(edit_.editable(close), added, false);
  return bindings;
}

void BodyRewriter::warn(SourceLocation at, Message m, const std::vector<std::string> &args) {
  diags_.report(at, m, args);
}

std::string BodyRewriter::here(SourceLocation at, const Expr *computes) {
  const unsigned line = edit_.line(at);
  if (line == 0)
    return "";
  std::string name;
  if (computes != nullptr) {
    auto named = outputNames_.find(computes);
    name = named != outputNames_.end() ? named->second
                                       : SourceEditor::shorten(edit_.text(computes->getSourceRange()));
  }
  if (constructorOfInitialisers_ != nullptr) {
    // A member initialiser runs before the body declares its sites.
    const PresumedLoc where = sm_.getPresumedLoc(constructorOfInitialisers_->getLocation());
    return spell::inlineSite(where.isValid() ? displayName(where.getFilename()) : "", line, name);
  }
  auto it = sites_.try_emplace({line, name}, unsigned(sites_.size())).first;
  return spell::site(it->second);
}

void BodyRewriter::nameOutput(const Expr *E, const std::string &name) {
  outputNames_[E->IgnoreParenImpCasts()] = name;
}

const Expr *referenceSource(const Expr *arg) {
  while (true) {
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(arg))
      arg = M->getSubExpr();
    else if (const auto *C = dyn_cast<ImplicitCastExpr>(arg); C && C->getCastKind() == CK_NoOp)
      arg = C->getSubExpr();
    else
      return arg;
  }
}

const InitListExpr *containerList(const Expr *E) {
  E = E->IgnoreImplicit();
  if (const auto *L = dyn_cast<InitListExpr>(E))
    return L;
  if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
    return containerList(F->getSubExpr());
  if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
    if (C->getNumArgs() >= 1)
      if (const auto *S = dyn_cast<CXXStdInitializerListExpr>(C->getArg(0)->IgnoreImplicit()))
        return dyn_cast<InitListExpr>(S->getSubExpr()->IgnoreImplicit());
  }
  if (const auto *S = dyn_cast<CXXStdInitializerListExpr>(E))
    return dyn_cast<InitListExpr>(S->getSubExpr()->IgnoreImplicit());
  return nullptr;
}

const InitListExpr *recordList(const Expr *E) {
  E = E->IgnoreImplicit();
  if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
    E = F->getSubExpr()->IgnoreImplicit();
  const auto *L = dyn_cast<InitListExpr>(E);
  if (L && L->getType()->isRecordType() && isValueRecord(L->getType()) &&
      !isStdTuple(L->getType()->getAsCXXRecordDecl()))
    return L->isSemanticForm() ? L : L->getSemanticForm();
  return nullptr;
}

std::string displayName(StringRef path) {
  llvm::SmallString<256> cwd;
  if (!llvm::sys::fs::current_path(cwd)) {
    cwd.push_back('/');
    if (path.starts_with(cwd))
      return path.drop_front(cwd.size()).str();
  }
  return path.str();
}

void rewriteFunction(ASTContext &context, EditPlan &plan, const RewritePolicy &policy,
                     RewriteDiagnostics &diags, const FunctionDecl *F) {
  BodyRewriter(context, plan, policy, diags).function(F);
}

} // namespace bytedmd
