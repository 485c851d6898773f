// SourceEditor.cpp - editable locations and planned edits (see the header).
#include "SourceEditor.h"

#include "RewritePolicy.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <cctype>
#include <optional>

using namespace clang;

namespace bytedmd {

SourceEditor::SourceEditor(ASTContext &context, EditPlan &plan, const RewritePolicy &policy)
    : ctx_(context), sm_(context.getSourceManager()), plan_(plan), policy_(policy) {}

SourceLocation SourceEditor::editable(SourceLocation L) const {
  if (L.isInvalid())
    return {};
  if (L.isMacroID()) {
    SourceLocation edge;
    if (sm_.isMacroArgExpansion(L)) {
      L = sm_.getSpellingLoc(L);
    } else if (Lexer::isAtStartOfMacroExpansion(L, sm_, ctx_.getLangOpts(), &edge) ||
               Lexer::isAtEndOfMacroExpansion(L, sm_, ctx_.getLangOpts(), &edge)) {
      L = edge;
    } else {
      return {};
    }
    if (L.isMacroID())
      return {};
  }
  return L.isFileID() && policy_.isRewrittenFile(sm_.getFileID(L)) ? L : SourceLocation();
}

bool SourceEditor::canEdit(const Expr *E) const {
  return editable(E->getBeginLoc()).isValid() && editable(E->getEndLoc()).isValid();
}

void SourceEditor::open(SourceLocation at, const std::string &text) {
  plan_.insert(editable(at), text, true);
}

void SourceEditor::close(SourceLocation lastToken, const std::string &text) {
  plan_.insert(endOfToken(editable(lastToken)), text, false);
}

void SourceEditor::wrap(const Expr *E, const std::string &before, const std::string &after) {
  open(E->getBeginLoc(), before);
  close(E->getEndLoc(), after);
}

void SourceEditor::insert(SourceLocation at, const std::string &text, bool afterEarlier) {
  plan_.insert(at, text, afterEarlier);
}

void SourceEditor::insertAfterToken(SourceLocation at, const std::string &text) {
  plan_.insertAfterToken(editable(at), text);
}

void SourceEditor::replaceToken(SourceLocation at, const std::string &text) {
  at = editable(at);
  plan_.replace(at, Lexer::MeasureTokenLength(at, sm_, ctx_.getLangOpts()), text);
}

void SourceEditor::replaceCharacter(SourceLocation at, const std::string &text) {
  plan_.replace(editable(at), 1, text);
}

void SourceEditor::replace(SourceLocation first, SourceLocation last, const std::string &text) {
  first = editable(first);
  last = editable(last);
  const unsigned begin = sm_.getFileOffset(first);
  const unsigned end =
      sm_.getFileOffset(last) + Lexer::MeasureTokenLength(last, sm_, ctx_.getLangOpts());
  plan_.replace(first, end - begin, text);
}

SourceLocation SourceEditor::tokenAfter(SourceLocation last) const {
  const std::optional<Token> next = Lexer::findNextToken(editable(last), sm_, ctx_.getLangOpts());
  return next ? next->getLocation() : SourceLocation();
}

SourceLocation SourceEditor::endOfToken(SourceLocation L) const {
  return Lexer::getLocForEndOfToken(L, 0, sm_, ctx_.getLangOpts());
}

SourceLocation SourceEditor::afterStmt(const Stmt *S) const {
  if (const auto *C = dyn_cast<CompoundStmt>(S))
    return endOfToken(editable(C->getRBracLoc()));
  if (const auto *I = dyn_cast<IfStmt>(S))
    return afterStmt(I->getElse() ? I->getElse() : I->getThen());
  if (const auto *F = dyn_cast<ForStmt>(S))
    return afterStmt(F->getBody());
  if (const auto *W = dyn_cast<WhileStmt>(S))
    return afterStmt(W->getBody());
  if (const auto *R = dyn_cast<CXXForRangeStmt>(S))
    return afterStmt(R->getBody());
  if (isa<DeclStmt>(S))
    return endOfToken(editable(S->getEndLoc()));
  return Lexer::findLocationAfterToken(editable(S->getEndLoc()), tok::semi, sm_,
                                       ctx_.getLangOpts(), false);
}

std::string SourceEditor::text(SourceRange range) const {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(range), sm_, ctx_.getLangOpts())
      .str();
}

std::string SourceEditor::typeName(QualType T) const {
  PrintingPolicy p(ctx_.getLangOpts());
  p.SuppressTagKeyword = true;
  p.FullyQualifiedName = true;
  return T.getUnqualifiedType().getAsString(p);
}

std::string SourceEditor::shorten(const std::string &code) {
  std::string out;
  for (char c : code) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ')
        out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (out.size() > 40)
    out = out.substr(0, 37) + "...";
  return out;
}

} // namespace bytedmd
