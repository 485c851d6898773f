// StatementRewriter.cpp - statements: blocks, declarations, conditions,
// loops, range-for and return.
//
//   if (a < b) ...        ->  if (::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(...), &loc)) ...
//   return a * b;         ->  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(...));
//   for (double v : x) B  ->  for (auto&& bytedmd_ref_v : x) {
//                               double v = ::bytedmd::init(&v, ::bytedmd::ld(bytedmd_ref_v)); B }
#include "BodyRewriter.h"

#include <algorithm>

#include "clang/AST/Attr.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtOpenMP.h"
#include "clang/Basic/OpenMPKinds.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace bytedmd {

void BodyRewriter::stmt(const Stmt *S) {
  if (S == nullptr)
    return;
  if (const auto *E = dyn_cast<Expr>(S))
    return expr(E, Use::Discard);
  if (const auto *C = dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *child : C->body())
      stmt(child);
    return;
  }
  if (const auto *D = dyn_cast<DeclStmt>(S)) {
    // `W a{x}, b{y};`: both lists are stashed before either object is
    // bound, and a binding takes the last stashed keys, so the declarators
    // are bound last first (their statements come out in that order).
    std::vector<const VarDecl *> declarators;
    unsigned braced = 0;
    for (const Decl *d : D->decls())
      if (const auto *V = dyn_cast<VarDecl>(d)) {
        declarators.push_back(V);
        const Expr *init = V->getInit();
        braced += init && (recordList(init) || (containerList(init) && holdsArithmetic(V->getType())));
      }
    if (braced >= 2)
      std::reverse(declarators.begin(), declarators.end());
    for (const VarDecl *V : declarators)
      varDecl(V, D);
    return;
  }
  if (const auto *I = dyn_cast<IfStmt>(S)) {
    initStatement(I, I->getInit());
    if (I->isConstexpr()) {
      // if constexpr: a constant expression, which must stay one (it reads
      // nothing tracked), with its condition variable.
    } else if (const auto *V = I->getConditionVariableDeclStmt()) {
      if (!conditionVariable(V, I, I->getCond(), "TRUTH"))
        stmt(V);
    } else {
      condition(I->getCond(), false);
    }
    stmt(I->getThen());
    stmt(I->getElse());
    return closeStatement(I);
  }
  if (const auto *W = dyn_cast<WhileStmt>(S)) {
    const auto *V = W->getConditionVariableDeclStmt();
    if (V == nullptr || !conditionVariable(V, W, W->getCond(), "TRUTH"))
      condition(W->getCond(), true);
    stmt(W->getBody());
    return closeStatement(W);
  }
  if (const auto *D = dyn_cast<DoStmt>(S)) {
    stmt(D->getBody());
    return condition(D->getCond(), true);
  }
  if (const auto *F = dyn_cast<ForStmt>(S)) {
    initStatement(F, F->getInit());
    const auto *V = F->getConditionVariableDeclStmt();
    if (V == nullptr || !conditionVariable(V, F, F->getCond(), "TRUTH"))
      condition(F->getCond(), true);
    expr(F->getInc(), Use::Discard);
    stmt(F->getBody());
    return closeStatement(F);
  }
  if (const auto *R = dyn_cast<CXXForRangeStmt>(S))
    return rangeFor(R);
  if (const auto *R = dyn_cast<ReturnStmt>(S))
    return returnStmt(R);
  if (const auto *W = dyn_cast<SwitchStmt>(S)) {
    initStatement(W, W->getInit());
    const auto *V = W->getConditionVariableDeclStmt();
    if (V == nullptr || !conditionVariable(V, W, W->getCond(), "INDEX"))
      expr(W->getCond(), Use::Index);
    stmt(W->getBody());
    return closeStatement(W);
  }
  if (isa<GCCAsmStmt, MSAsmStmt>(S))
    return warn(S->getBeginLoc(), Message::InlineAssembly);
  if (const auto *D = dyn_cast<OMPExecutableDirective>(S)) {
    if (D->hasAssociatedStmt())
      warn(D->getBeginLoc(), Message::OpenMPDirective,
           {getOpenMPDirectiveName(D->getDirectiveKind()).str()});
    return;
  }
  for (const Stmt *child : S->children())
    stmt(child);
}

void BodyRewriter::returnStmt(const ReturnStmt *S) {
  const Expr *E = S->getRetValue();
  if (E == nullptr || current_ == nullptr || !edit_.editable(S->getBeginLoc()).isValid())
    return expr(E, Use::Plain);
  const QualType R = current_->getReturnType();
  if (R->isVoidType())
    return expr(E, Use::Discard);
  if (isArithmetic(R) || (R->isDependentType() && !R->isReferenceType())) {
    if (!edit_.canEdit(E))
      return expr(E, Use::Value); // (it warns)
    edit_.wrap(E, spell::frame("ret"), ")");
    return expr(E, Use::Value);
  }
  if (!tracksKeys(R) || R->isReferenceType())
    return expr(E, Use::Plain);
  const Expr *inner = E->IgnoreImplicit();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(inner);
      CE && CE->getNumArgs() == 1 && !containerList(CE))
    inner = CE->getArg(0)->IgnoreImplicit();
  const std::string type = edit_.typeName(R);
  const SourceLocation semi = Lexer::findLocationAfterToken(
      edit_.editable(S->getEndLoc()), tok::semi, sm_, ctx_.getLangOpts(), false);
  const auto *D = dyn_cast<DeclRefExpr>(inner->IgnoreParens());
  const auto *local = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
  if (local && local->hasLocalStorage() && !local->getType()->isReferenceType() && semi.isValid() &&
      isVector(R)) {
    // return y;  ->  { bytedmd_frame.results(y); return y; }  (keeps NRVO; a
    // local is moved, its buffer and keys with it). A reference is copied:
    // that goes through retObject below.
    edit_.insert(edit_.editable(S->getBeginLoc()),
                 "{ " + spell::frame("results") + D->getDecl()->getNameAsString() + "); ", true);
    edit_.insert(semi, " }", true);
    return;
  }
  if (const InitListExpr *list = containerList(E); list && holdsArithmetic(R)) {
    const std::string opening = spell::returnObject(type) + spell::open("listed", type);
    edit_.open(E, opening + std::to_string(listElements(list)) + ", ");
    edit_.close(E, "))");
    return;
  }
  if (returnObjectBuiltHere(E, R))
    return;
  edit_.wrap(E, spell::returnObject(type), ")");
  if (E->isLValue())
    lvalue(E);
  else
    expr(E, Use::Plain);
}

bool BodyRewriter::returnObjectBuiltHere(const Expr *E, QualType R) {
  // An aggregate or a std::pair/tuple built here: bind its members.
  const InitListExpr *fields = recordList(E);
  const auto *tuple = dyn_cast<CXXConstructExpr>(E->IgnoreImplicit());
  if (tuple && !(isStdTuple(R->getAsCXXRecordDecl()) && tuple->getNumArgs() > 0 &&
                 !tuple->getConstructor()->isCopyOrMoveConstructor()))
    tuple = nullptr;
  if (!fields && !tuple)
    return false;
  const std::string object = spell::kReturnedObject;
  std::vector<std::string> targets;
  if (fields) {
    fieldTargets(fields, object, targets);
  } else {
    const bool pair = R->getAsCXXRecordDecl()->getName() == "pair";
    for (unsigned i = 0; i < tuple->getNumArgs(); ++i) {
      stashArgument(tuple->getArg(i));
      targets.push_back(pair ? object + (i == 0 ? ".first" : ".second")
                             : "std::get<" + std::to_string(i) + ">(" + object + ")");
    }
  }
  const std::string type = edit_.typeName(R);
  const bool bare = edit_.text(E->getSourceRange()).rfind('{', 0) == 0; // `return {a, b};`
  edit_.open(E,
             spell::returnObject(type) + spell::open("withFields") + (bare ? type : std::string()));
  edit_.close(E,
              ", [&](" + type + " &" + object + ") { " + spell::bindFieldsCall(targets) + "; }))");
  return true;
}

bool BodyRewriter::recordTemporary(const Expr *E) {
  // Q{a, b} (or {a, b} where a Q is wanted) built in an expression, an
  // argument say: its members are bound, and its keys handed over to the
  // place that stores it (a parameter takes them from the handoff).
  const InitListExpr *fields = recordList(E);
  if (fields == nullptr || !edit_.canEdit(E))
    return false;
  const std::string object = spell::kReturnedObject;
  std::vector<std::string> targets;
  fieldTargets(fields, object, targets);
  // (canonical: v.push_back({a, b}) wants a value_type, not in scope here)
  const std::string type = edit_.typeName(E->getType().getCanonicalType());
  const bool bare = edit_.text(E->getSourceRange()).rfind('{', 0) == 0;
  edit_.open(E, spell::open("withFields") + (bare ? type : std::string()));
  edit_.close(E, ", [&](" + type + " &" + object + ") { " + spell::bindFieldsCall(targets) + "; })");
  return true;
}

void BodyRewriter::rangeFor(const CXXForRangeStmt *S) {
  expr(S->getRangeInit(), Use::Plain);
  const VarDecl *V = S->getLoopVariable();
  const Stmt *body = S->getBody();
  const SourceLocation bodyEnd = edit_.afterStmt(body);
  const auto *D = dyn_cast<DecompositionDecl>(V);
  // The last token of the loop variable's declarator: its name, or the ']'
  // of a structured binding.
  const SourceLocation last = D && !D->bindings().empty()
                                  ? edit_.tokenAfter(D->bindings().back()->getLocation())
                                  : V->getLocation();
  const bool dependent = V->getType()->isDependentType();
  if (!V->getType()->isReferenceType() && (dependent || tracksKeys(V->getType())) &&
      edit_.editable(V->getBeginLoc()).isValid() &&
      edit_.editable(last).isValid() && edit_.editable(body->getBeginLoc()).isValid() &&
      bodyEnd.isValid()) {
    // The loop variable is a copy of each element; copies keep keys (a
    // struct or container: copied(); a structured binding: copyKeys()).
    const std::string ref = spell::rangeReference(
        D ? std::to_string(sm_.getFileOffset(edit_.editable(V->getBeginLoc())))
          : V->getNameAsString());
    std::string declaration;
    if (D) {
      declaration = edit_.text(SourceRange(V->getBeginLoc(), last)) + " = " + ref + ";" +
                    (dependent ? " " + dependentBindingCopies(D, ref) : bindingCopies(D, ref));
    } else if (dependent) {
      // A template's T v (or auto v): init gives v the element's keys, whatever T turns out to be.
      const std::string name = V->getNameAsString();
      declaration = dependentLoopType(V, ref) + " " + name + " = " + spell::open("init") + "&" +
                    name + ", " + spell::open("ld") + ref + "));";
    } else {
      const std::string name = V->getNameAsString();
      const std::string type = edit_.typeName(V->getType().getCanonicalType());
      declaration = isArithmetic(V->getType())
                        ? type + " " + name + " = " + spell::open("init") + "&" + name + ", " +
                              spell::open("ld") + ref + "));"
                        : type + " " + name + " = " + ref + "; " +
                              spell::statement("copied", name + ", " + ref);
    }
    edit_.replace(edit_.editable(V->getBeginLoc()), edit_.editable(last), "auto&& " + ref);
    edit_.insert(edit_.editable(body->getBeginLoc()), "{ " + declaration + " ", true);
    edit_.insert(bodyEnd, " }", false);
  }
  stmt(body);
}

namespace {
bool containsLambda(const Stmt *S) {
  if (S == nullptr)
    return false;
  if (isa<LambdaExpr>(S))
    return true;
  return llvm::any_of(S->children(), containsLambda);
}
} // namespace

bool BodyRewriter::dependentAutoCondition(const VarDecl *V, const char *read) {
  // if (auto t = e) in a template: t cannot name itself while its type is
  // deduced, and no statement can follow it in a condition. auto is spelled
  // as what it deduces, e's decayed type, so initThen can give t e's key:
  //   if (std::decay_t<decltype(e)> t = ::bytedmd::initThen<...>(&t, e, &loc))
  const TypeLoc written = V->getTypeSourceInfo()->getTypeLoc().getUnqualifiedLoc();
  const AutoTypeLoc A = written.getAs<AutoTypeLoc>();
  const Expr *init = V->getInit();
  if (A.isNull() || A.getTypePtr()->isDecltypeAuto() || init == nullptr ||
      isa<InitListExpr, ParenListExpr>(init) || V->getInitStyle() != VarDecl::CInit ||
      !edit_.canEdit(init) || containsLambda(init) || edit_.editable(A.getBeginLoc()).isInvalid()) {
    warn(V->getLocation(), Message::DependentAutoOutsideBlock);
    expr(init, Use::Value);
    return true;
  }
  edit_.replace(edit_.editable(A.getBeginLoc()), edit_.editable(A.getEndLoc()),
                "std::decay_t<decltype(" + edit_.text(init->getSourceRange()) + ")>");
  edit_.wrap(init, spell::open("initThen", spell::op(read)) + "&" + V->getNameAsString() + ", ",
             here(V->getLocation()) + ")");
  expr(init, Use::Value);
  return true;
}

std::string BodyRewriter::dependentLoopType(const VarDecl *V, const std::string &ref) {
  // The declared type as written; auto, which cannot name the variable in
  // its own initialiser, as what it deduces from the element.
  if (V->getTypeSourceInfo()->getTypeLoc().getContainedAutoTypeLoc().isNull()) {
    const SourceLocation begin = edit_.editable(V->getBeginLoc());
    const SourceLocation name = edit_.editable(V->getLocation());
    return std::string(sm_.getCharacterData(begin),
                       sm_.getCharacterData(name) - sm_.getCharacterData(begin));
  }
  return std::string(V->getType().isConstQualified() ? "const " : "") + "std::decay_t<decltype(" +
         ref + ")>";
}

bool BodyRewriter::conditionVariable(const DeclStmt *S, const Stmt *owner, const Expr *test,
                                     const char *read) {
  // `while (int m = k)`: the condition is m itself, named where it is
  // declared, so no wrapper can go around it: the initialiser reads m once
  // m has its value (initThen). Anything else is left to the caller as it
  // was: an object's or pointer's test reads nothing tracked.
  const auto *V = dyn_cast<VarDecl>(S->getSingleDecl());
  if (V == nullptr)
    return false;
  const QualType T = V->getType();
  if (T->isReferenceType() && isDependentOrArithmetic(V->getInit())) {
    warn(V->getLocation(), Message::ReferenceCondition, {V->getNameAsString()});
    return false;
  }
  if (!T->isReferenceType() && !T->isDependentType() && T->isRecordType() && tracksKeys(T))
    return objectCondition(S, V, owner, test);
  const bool dependentAuto =
      T->isDependentType() && !V->getTypeSourceInfo()->getTypeLoc().getContainedAutoTypeLoc().isNull();
  if (dependentAuto && !T->isReferenceType())
    return dependentAutoCondition(V, read);
  if (!(isArithmetic(T) || (T->isDependentType() && !dependentAuto)) || V->isConstexpr() ||
      (!T->isDependentType() && V->isUsableInConstantExpressions(ctx_)))
    return false;
  conditionRead_ = {V, spell::op(read)};
  stmt(S);
  conditionRead_ = {};
  return true;
}

void BodyRewriter::condition(const Expr *cond, bool loop) {
  if (cond == nullptr)
    return;
  if (loop && current_ != nullptr)
    sizesInLoopCondition(cond);
  expr(cond, isDependentOrArithmetic(cond) ? Use::Truth : Use::Plain);
}

void BodyRewriter::sizesInLoopCondition(const Expr *cond) {
  // A tracked scalar in a loop condition is usually a size. It matters where
  // it is an input: a parameter of a measured function (a helper's may be
  // untracked at every call), or a field of the file's classes, whose
  // objects are walked as inputs.
  if (policy_.isMeasured(current_))
    for (const DeclRefExpr *D : parameterReferences(current_, cond)) {
      const std::string param = D->getDecl()->getNameAsString();
      if (!policy_.isUntracked(current_, param))
        diags_.report(D->getLocation(), Message::SizeInLoopCondition, {param});
    }
  for (const MemberExpr *M : fieldReferences(cond)) {
    const auto *F = cast<FieldDecl>(M->getMemberDecl());
    const auto *R = dyn_cast<CXXRecordDecl>(F->getParent());
    const auto *A = F->getAttr<AnnotateAttr>();
    if (R == nullptr || !policy_.walkedDefinition(R) || policy_.isUntrackedField(F) ||
        (A && A->getAnnotation() == "bytedmd_untracked") || !warnedFields_.insert(F).second)
      continue;
    diags_.report(M->getMemberLoc(), Message::FieldInLoopCondition,
                  {R->getNameAsString() + "::" + F->getNameAsString()});
  }
}

} // namespace bytedmd
