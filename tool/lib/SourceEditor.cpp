// SourceEditor.cpp - editable locations and planned edits (see the header).
#include "SourceEditor.h"

#include "MacroExpansions.h"
#include "RewriteDiagnostics.h"
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

SourceEditor::SourceEditor(ASTContext &context, EditPlan &plan, const RewritePolicy &policy,
                           MacroExpansions *expansions, RewriteDiagnostics &diags)
    : ctx_(context), sm_(context.getSourceManager()), plan_(plan), policy_(policy),
      expansions_(expansions), diags_(diags) {}

bool SourceEditor::inRewrittenFile(SourceLocation L) const {
  return L.isValid() && L.isFileID() && policy_.isRewrittenFile(sm_.getFileID(L));
}

void SourceEditor::unreachable(SourceLocation L) {
  if (expansions_ != nullptr && expansions_->need(L))
    return;
  const SourceLocation where = L.isMacroID() ? sm_.getExpansionRange(L).getBegin() : L;
  if (reported_.insert(where).second)
    diags_.report(where, Message::MacroBody);
}

bool SourceEditor::claim(SourceLocation argument, SourceLocation spelling) {
  // A macro's parameter may appear several times in its body: an edit of one
  // use, made where the argument is written, would apply to every use.
  const SourceLocation use = sm_.getSLocEntry(sm_.getFileID(argument))
                                 .getExpansion()
                                 .getExpansionLocStart();
  const auto [it, fresh] = argumentUses_.try_emplace(spelling, use);
  return fresh || it->second == use;
}

SourceLocation SourceEditor::editable(SourceLocation L) {
  if (L.isInvalid())
    return {};
  if (L.isFileID()) {
    if (inRewrittenFile(L))
      return L;
    unreachable(L);
    return {};
  }
  // A macro argument's token can be edited where it is written, when that
  // is in the invocation itself (not in another macro's definition).
  if (sm_.isMacroArgExpansion(L)) {
    const SourceLocation spelling = sm_.getSpellingLoc(L);
    const CharSourceRange invocation = sm_.getExpansionRange(L);
    if (inRewrittenFile(spelling) &&
        sm_.getFileID(spelling) == sm_.getFileID(invocation.getBegin()) &&
        !sm_.isBeforeInTranslationUnit(spelling, invocation.getBegin()) &&
        !sm_.isBeforeInTranslationUnit(invocation.getEnd(), spelling) && claim(L, spelling))
      return spelling;
  }
  unreachable(L);
  return {};
}

/// Macro locations in the same use of one macro argument.
static bool sameArgumentUse(const SourceManager &sm, SourceLocation a, SourceLocation b) {
  if (!a.isMacroID() || !b.isMacroID() || !sm.isMacroArgExpansion(a) ||
      !sm.isMacroArgExpansion(b))
    return false;
  return sm.getSLocEntry(sm.getFileID(a)).getExpansion().getExpansionLocStart() ==
         sm.getSLocEntry(sm.getFileID(b)).getExpansion().getExpansionLocStart();
}

CharSourceRange SourceEditor::fileRange(const Expr *E) const {
  const SourceRange tokens = E->getSourceRange();
  if (tokens.isInvalid())
    return {};
  // Within one argument, edit where the argument is written (as its tokens
  // are); otherwise around a whole invocation, or in the file.
  if (sameArgumentUse(sm_, tokens.getBegin(), tokens.getEnd())) {
    const CharSourceRange spelled = written(SourceRange(
        sm_.getSpellingLoc(tokens.getBegin()), sm_.getSpellingLoc(tokens.getEnd())), tokens);
    if (spelled.isValid())
      return spelled;
  }
  return written(tokens, tokens);
}

CharSourceRange SourceEditor::written(SourceRange range, SourceRange original) const {
  const CharSourceRange chars = Lexer::makeFileCharRange(CharSourceRange::getTokenRange(range),
                                                         sm_, ctx_.getLangOpts());
  if (!chars.isValid() || !inRewrittenFile(chars.getBegin()))
    return {};
  // Each end that comes from a macro must map to text of its own invocation
  // (its edge, or an argument written in it), never into a macro's
  // definition.
  if (!inInvocation(chars.getBegin(), original.getBegin()) ||
      !inInvocation(chars.getEnd(), original.getEnd()))
    return {};
  return chars;
}

bool SourceEditor::inInvocation(SourceLocation mapped, SourceLocation token) const {
  if (!token.isMacroID())
    return true;
  const CharSourceRange invocation =
      Lexer::getAsCharRange(sm_.getExpansionRange(token), sm_, ctx_.getLangOpts());
  return sm_.getFileID(mapped) == sm_.getFileID(invocation.getBegin()) &&
         !sm_.isBeforeInTranslationUnit(mapped, invocation.getBegin()) &&
         !sm_.isBeforeInTranslationUnit(invocation.getEnd(), mapped);
}

CharSourceRange SourceEditor::editableRange(const Expr *E) {
  const CharSourceRange range = fileRange(E);
  const SourceLocation begin = E->getBeginLoc();
  // Text within a macro argument (not the whole invocation) belongs to one
  // use of it.
  if (range.isValid() &&
      (!begin.isMacroID() || range.getBegin() == sm_.getExpansionRange(begin).getBegin() ||
       claim(begin, range.getBegin())))
    return range;
  unreachable(begin.isMacroID() ? begin : E->getEndLoc());
  return {};
}

unsigned SourceEditor::line(SourceLocation L) const {
  if (L.isInvalid())
    return 0;
  SourceLocation file = sm_.isMacroArgExpansion(L) ? sm_.getSpellingLoc(L) : L;
  if (!inRewrittenFile(file))
    file = sm_.getExpansionLoc(L);
  return inRewrittenFile(file) ? sm_.getPresumedLineNumber(file) : 0;
}

void SourceEditor::open(const Expr *E, const std::string &text) {
  plan_.insert(editableRange(E).getBegin(), text, true);
}

void SourceEditor::close(const Expr *E, const std::string &text) {
  plan_.insert(editableRange(E).getEnd(), text, false);
}

void SourceEditor::wrap(const Expr *E, const std::string &before, const std::string &after) {
  open(E, before);
  close(E, after);
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
  if (first.isInvalid() || last.isInvalid())
    return plan_.replace(SourceLocation(), 0, text);
  const unsigned begin = sm_.getFileOffset(first);
  const unsigned end =
      sm_.getFileOffset(last) + Lexer::MeasureTokenLength(last, sm_, ctx_.getLangOpts());
  plan_.replace(first, end - begin, text);
}

SourceLocation SourceEditor::tokenAfter(SourceLocation last) {
  const std::optional<Token> next = Lexer::findNextToken(editable(last), sm_, ctx_.getLangOpts());
  return next ? next->getLocation() : SourceLocation();
}

SourceLocation SourceEditor::endOfToken(SourceLocation L) const {
  return Lexer::getLocForEndOfToken(L, 0, sm_, ctx_.getLangOpts());
}

SourceLocation SourceEditor::afterStmt(const Stmt *S) {
  if (const auto *C = dyn_cast<CompoundStmt>(S))
    return endOfToken(editable(C->getRBracLoc()));
  if (const auto *I = dyn_cast<IfStmt>(S))
    return afterStmt(I->getElse() ? I->getElse() : I->getThen());
  if (const auto *F = dyn_cast<ForStmt>(S))
    return afterStmt(F->getBody());
  if (const auto *W = dyn_cast<WhileStmt>(S))
    return afterStmt(W->getBody());
  if (const auto *W = dyn_cast<SwitchStmt>(S))
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
