// SourceEditor.h - where an edit can go, and the edits the rewriter plans.
//
// Edits go into the EditPlan, never into text. Only text in a rewritten file
// can be edited: a token there, or a macro argument spelled there; an
// expression can also be wrapped from outside a whole macro invocation
// (SCALE, SCALAR_VAL(2.0), f(x)). Lengths are measured in the original text.
//
// An edit that falls inside a macro's body cannot be made in the file. The
// editor then notes the invocation (MacroExpansions): the instrumenter
// rewrites the file once more with that invocation replaced by its
// expansion. When that is not possible (the invocation is in a file that is
// not rewritten, or the file was already expanded), it reports the failure,
// so the measurement is approximate, never silently wrong.
#ifndef BYTEDMD_TOOL_SOURCE_EDITOR_H
#define BYTEDMD_TOOL_SOURCE_EDITOR_H

#include "EditPlan.h"

#include "clang/AST/Type.h"
#include "clang/Basic/SourceLocation.h"

#include <map>
#include <set>
#include <string>

namespace clang {
class ASTContext;
class Expr;
class SourceManager;
class Stmt;
} // namespace clang

namespace bytedmd {

class MacroExpansions;
class RewriteDiagnostics;
class RewritePolicy;

class SourceEditor {
public:
  /// Invocations to expand go to `expansions` (null: none can be); edits
  /// that can be made neither way are reported through `diags`.
  SourceEditor(clang::ASTContext &context, EditPlan &plan, const RewritePolicy &policy,
               MacroExpansions *expansions, RewriteDiagnostics &diags);

  /// The file location of the token at L, for an edit of that token or beside
  /// it: L in a rewritten file, or the spelling of a macro argument written
  /// there. Otherwise an invalid location, and the invocation is noted.
  clang::SourceLocation editable(clang::SourceLocation L);
  /// The file range of E's text: in a rewritten file, within one macro
  /// argument, or a whole macro invocation. Otherwise invalid (noted).
  clang::CharSourceRange editableRange(const clang::Expr *E);
  /// E's text can be wrapped (noted as editableRange does).
  bool canEdit(const clang::Expr *E) { return editableRange(E).isValid(); }
  /// E's text is in a rewritten file or a whole macro invocation there;
  /// notes nothing.
  bool reachable(const clang::Expr *E) const { return fileRange(E).isValid(); }
  /// The file and line an instruction at L is charged to (0: none); notes
  /// nothing.
  unsigned line(clang::SourceLocation L) const;

  /// Text before E, after what was inserted there before.
  void open(const clang::Expr *E, const std::string &text);
  /// Text after E, before what was inserted there before.
  void close(const clang::Expr *E, const std::string &text);
  void wrap(const clang::Expr *E, const std::string &before, const std::string &after);
  /// Text at a location already made editable, after or before earlier text.
  void insert(clang::SourceLocation at, const std::string &text, bool afterEarlier);
  /// Text after the token at `at` (clang::Rewriter::InsertTextAfterToken).
  void insertAfterToken(clang::SourceLocation at, const std::string &text);
  /// Replaces the token at `at`.
  void replaceToken(clang::SourceLocation at, const std::string &text);
  /// Replaces the one character at `at` (a parenthesis or a brace).
  void replaceCharacter(clang::SourceLocation at, const std::string &text);
  /// Replaces the original text from `first` through the token at `last`.
  /// (Rewriter::ReplaceText(SourceRange) measures the range in rewritten
  /// text, which counts our own insertions; this measures the original.)
  void replace(clang::SourceLocation first, clang::SourceLocation last, const std::string &text);

  /// How many edits are planned: the index the next one will have.
  std::size_t planned() const { return plan_.edits().size(); }
  /// Edit `index` was planned at a place in the file (not dropped as
  /// unreachable).
  bool placed(std::size_t index) const {
    return index < plan_.edits().size() && plan_.edits()[index].at.isValid();
  }
  /// Gives planned edit `index` other text.
  void respell(std::size_t index, std::string text) { plan_.respell(index, std::move(text)); }

  /// L cannot be edited: expand its macro invocation, or report it.
  void unreachable(clang::SourceLocation L);

  /// The token after the one at `last` (the '(' after a callee, say).
  clang::SourceLocation tokenAfter(clang::SourceLocation last);
  /// Just past the token at a file location L.
  clang::SourceLocation endOfToken(clang::SourceLocation L) const;
  /// The location just past a statement, its ';' or '}' included.
  clang::SourceLocation afterStmt(const clang::Stmt *S);

  /// The original text of a token range.
  std::string text(clang::SourceRange range) const;
  /// A type as rewritten code names it: fully qualified, no tag keyword.
  std::string typeName(clang::QualType T) const;
  /// Source text on one line, at most 40 characters.
  static std::string shorten(const std::string &code);

private:
  bool inRewrittenFile(clang::SourceLocation L) const;
  clang::CharSourceRange fileRange(const clang::Expr *E) const;
  /// The file text of `range` when it is written in a rewritten file, and
  /// inside the invocation `original` begins in, if any.
  clang::CharSourceRange written(clang::SourceRange range, clang::SourceRange original) const;
  /// `mapped` lies in the text of the invocation macro location `token` came
  /// from (true for a file location).
  bool inInvocation(clang::SourceLocation mapped, clang::SourceLocation token) const;
  /// Edits at `spelling` belong to the use of a macro argument that
  /// `argument` is in; false when another use of it has edits there.
  bool claim(clang::SourceLocation argument, clang::SourceLocation spelling);
  clang::ASTContext &ctx_;
  clang::SourceManager &sm_;
  EditPlan &plan_;
  const RewritePolicy &policy_;
  MacroExpansions *expansions_;
  RewriteDiagnostics &diags_;
  std::set<clang::SourceLocation> reported_; ///< one report per invocation
  std::map<clang::SourceLocation, clang::SourceLocation> argumentUses_;
};

} // namespace bytedmd

#endif // BYTEDMD_TOOL_SOURCE_EDITOR_H
