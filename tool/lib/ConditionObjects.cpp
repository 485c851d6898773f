// ConditionObjects.cpp - a class declared in a condition, and a declaration
// in an init-statement that needs statements after it.
//
// A condition's object t takes its keys inside its initialiser (init, which
// receives a small object's handed-over keys before its bytes arrive). Its
// test, the conversion the language calls where nothing names it, is written
// out after the declaration as the instrumented call it is, read as a truth
// value (a switch's as an index). Only an if's or a switch's parentheses can
// hold a statement before the condition, so the others are restructured into
// one, as the standard defines them ([stmt.if], [stmt.while], [stmt.for]):
//
//   if (B t = a) S          ->  if (B t = ::bytedmd::init(&t, ...); ::bytedmd::truth(
//                                   ::bytedmd::call(::bytedmd::seq{t}, [&](auto&& bytedmd_o, ...)
//                                   { return bytedmd_o.operator bool(); }), &loc)) S
//   switch (B t = a) S      ->  switch (B t = ...; ::bytedmd::index(... operator int() ...)) S
//   while (B t = a) S       ->  while (true) if (B t = ...; ::bytedmd::truth(...)) { S } else break;
//   for (i; B t = a; ) S    ->  for (i; ; ) if (B t = ...; ::bytedmd::truth(...)) { S } else break;
//   if (init; c) S else E   ->  { init; if (c) S else E }   (a switch's and a for's too)
//
// A for with an increment cannot be split: the increment may name t and runs
// before t is destroyed, and the condition cannot leave the header (edits
// are made in place). Its test is reported.
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace bytedmd {

bool BodyRewriter::objectCondition(const DeclStmt *S, const VarDecl *V, const Stmt *owner,
                                   const Expr *test) {
  const std::string name = V->getNameAsString();
  const Expr *init = V->getInit();
  const CXXRecordDecl *R = V->getType()->getAsCXXRecordDecl();
  const bool keysAhead = isHandedOver(V->getType()) && R && R->isTriviallyCopyable();
  const auto *C = init ? dyn_cast<CXXConstructExpr>(init->IgnoreImplicit()) : nullptr;
  const auto *M = test ? dyn_cast<CXXMemberCallExpr>(test->IgnoreImplicit()) : nullptr;
  const auto *conversion = M ? dyn_cast_or_null<CXXConversionDecl>(M->getMethodDecl()) : nullptr;
  if (conversion && !(instrumentedCallee(conversion) && ctx_.getLangOpts().CPlusPlus17 &&
                      splitCondition(owner, S, V, conversion)))
    warn(V->getLocation(), Message::ObjectConditionTest, {name});
  if (init == nullptr)
    return true;
  if (V->getInitStyle() != VarDecl::CInit && C && constructsThroughRecord(C) &&
      C->getParenOrBraceRange().isValid()) {
    // B t{a}  ->  B t = ::bytedmd::init(&t, ::bytedmd::construct<decltype(t), true>(...))
    edit_.replaceCharacter(
        C->getParenOrBraceRange().getBegin(),
        " = " + (keysAhead ? spell::open("init") + "&" + name + ", " : std::string()) +
            spell::open("construct", "decltype(" + name + ")" +
                                         (V->getInitStyle() == VarDecl::ListInit ? ", true" : "")) +
            spell::kSequence);
    edit_.replaceCharacter(C->getParenOrBraceRange().getEnd(), keysAhead ? "}))" : "})");
    constructorArguments(C);
    return true;
  }
  if (isa<InitListExpr>(init->IgnoreImplicit())) {
    // B t{a} of an aggregate: the braces cannot be an argument, so t is
    // initialised from B{a}, whose members are bound (withFields):
    //   B t = ::bytedmd::init(&t, ::bytedmd::withFields(B{...}, [&](B &o) { bindFields(...); }))
    const bool braced = V->getInitStyle() == VarDecl::ListInit;
    if (!keysAhead || !edit_.canEdit(init) || !recordList(init)) {
      warn(init->getBeginLoc(), Message::BracedMemberNotBound, {name});
      expr(init, Use::Plain);
      return true;
    }
    edit_.wrap(init, (braced ? " = " : "") + spell::open("init") + "&" + name + ", ", ")");
    recordTemporary(init);
    return true;
  }
  if (keysAhead && edit_.canEdit(init))
    edit_.wrap(init, spell::open("init") + "&" + name + ", ", ")");
  if (init->isLValue())
    lvalue(init);
  else
    expr(init, Use::Plain);
  return true;
}

std::string BodyRewriter::conditionTest(const VarDecl *V, const CXXConversionDecl *conversion,
                                        const char *reader) {
  return "; " + spell::open(reader) + spell::openOverOperands("call") + V->getNameAsString() +
         spell::closeWithMethod("bytedmd_o.operator " +
                                edit_.typeName(conversion->getConversionType())) +
         here(V->getLocation()) + ")";
}

bool BodyRewriter::splitCondition(const Stmt *owner, const DeclStmt *S, const VarDecl *V,
                                  const CXXConversionDecl *conversion) {
  if (edit_.editable(S->getEndLoc()).isInvalid())
    return false;
  if (isa<WhileStmt, ForStmt>(owner))
    return loopAsIf(owner, S, V, conversion);
  const Stmt *init = nullptr;
  if (const auto *I = dyn_cast<IfStmt>(owner))
    init = I->getInit();
  else if (const auto *W = dyn_cast<SwitchStmt>(owner))
    init = W->getInit();
  else
    return false;
  // The test takes the init-statement's place: the init goes before the statement.
  if (init != nullptr && !hoisted_.count(owner) && !hoistInit(owner))
    return false;
  edit_.insertAfterToken(S->getEndLoc(),
                         conditionTest(V, conversion, isa<SwitchStmt>(owner) ? "index" : "truth"));
  return true;
}

bool BodyRewriter::loopAsIf(const Stmt *owner, const DeclStmt *S, const VarDecl *V,
                            const CXXConversionDecl *conversion) {
  const auto *W = dyn_cast<WhileStmt>(owner);
  const auto *F = dyn_cast<ForStmt>(owner);
  if (F && F->getInc() != nullptr)
    return false;
  const Stmt *body = W ? W->getBody() : F->getBody();
  // while (: the if opens after the parenthesis; for (i; : before the
  // declaration, and the ';' after it goes (the test's takes its place).
  const SourceLocation open = edit_.editable(W ? W->getLParenLoc() : S->getBeginLoc());
  const SourceLocation semicolon = F ? edit_.tokenAfter(S->getEndLoc()) : SourceLocation();
  const SourceLocation bodyBegin = edit_.editable(body->getBeginLoc());
  if (open.isInvalid() || (F && (semicolon.isInvalid() ||
                                 edit_.text(SourceRange(semicolon, semicolon)) != ";")) ||
      bodyBegin.isInvalid() || edit_.afterStmt(body).isInvalid())
    return false;
  if (W)
    edit_.insertAfterToken(open, "true) if (");
  else
    edit_.insert(open, " ; ) if (", false);
  if (F)
    edit_.replaceCharacter(semicolon, "");
  edit_.insertAfterToken(S->getEndLoc(), conditionTest(V, conversion, "truth"));
  const bool compound = isa<CompoundStmt>(body);
  if (!compound)
    edit_.insert(bodyBegin, "{ ", false);
  closings_[owner] += compound ? " else break;" : " } else break;";
  return true;
}

bool BodyRewriter::hoistInit(const Stmt *owner) {
  // if (init; c) S  ->  { init; if (c) S }: the keyword and its parenthesis
  // make way for the block, and come back after the init-statement.
  SourceLocation keyword, paren;
  const Stmt *init = nullptr;
  std::string reopen;
  if (const auto *I = dyn_cast<IfStmt>(owner); I && !I->isConstexpr()) {
    keyword = I->getIfLoc(), paren = I->getLParenLoc(), init = I->getInit(), reopen = "if (";
  } else if (const auto *W = dyn_cast<SwitchStmt>(owner)) {
    keyword = W->getSwitchLoc(), paren = W->getLParenLoc(), init = W->getInit(), reopen = "switch (";
  } else if (const auto *F = dyn_cast<ForStmt>(owner)) {
    keyword = F->getForLoc(), paren = F->getLParenLoc(), init = F->getInit(), reopen = "for (;";
  }
  if (init == nullptr || hoisted_.count(owner))
    return false;
  SourceLocation semicolon;
  if (const auto *N = dyn_cast<NullStmt>(init))
    semicolon = edit_.editable(N->getSemiLoc());
  else if (isa<DeclStmt>(init))
    semicolon = edit_.editable(init->getEndLoc());
  else
    semicolon = edit_.tokenAfter(init->getEndLoc());
  keyword = edit_.editable(keyword);
  paren = edit_.editable(paren);
  if (keyword.isInvalid() || paren.isInvalid() || semicolon.isInvalid() ||
      edit_.text(SourceRange(semicolon, semicolon)) != ";" || edit_.afterStmt(owner).isInvalid())
    return false;
  edit_.replace(keyword, paren, "{ ");
  edit_.insertAfterToken(semicolon, " " + reopen);
  closings_[owner] += " }";
  hoisted_.insert(owner);
  return true;
}

void BodyRewriter::initStatement(const Stmt *owner, const Stmt *init) {
  if (init == nullptr)
    return;
  stmt(init);
  // Statements planned after a declaration would land inside the
  // parentheses: the init-statement goes before the statement instead.
  const auto *D = dyn_cast<DeclStmt>(init);
  if (D && followedDeclarations_.count(D) && !hoistInit(owner))
    warn(D->getBeginLoc(), Message::InitStatementNotHoisted);
}

void BodyRewriter::closeStatement(const Stmt *S) {
  const auto it = closings_.find(S);
  if (it == closings_.end())
    return;
  edit_.insert(edit_.afterStmt(S), it->second, true);
  closings_.erase(it);
}

} // namespace bytedmd
