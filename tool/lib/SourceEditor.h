// SourceEditor.h - where an edit can go, and the edits the rewriter plans.
//
// Edits go into the EditPlan, never into text. Only locations in a rewritten
// file can be edited: file locations, macro arguments spelled in the file,
// and the edges of a whole macro invocation (SCALE, f(x)), which can be
// wrapped from outside. Lengths are measured in the original text.
#ifndef BYTEDMD_TOOL_SOURCE_EDITOR_H
#define BYTEDMD_TOOL_SOURCE_EDITOR_H

#include "EditPlan.h"

#include "clang/AST/Type.h"
#include "clang/Basic/SourceLocation.h"

#include <string>

namespace clang {
class ASTContext;
class Expr;
class SourceManager;
class Stmt;
} // namespace clang

namespace bytedmd {

class RewritePolicy;

class SourceEditor {
public:
  SourceEditor(clang::ASTContext &context, EditPlan &plan, const RewritePolicy &policy);

  /// The file location an edit at L goes to, or an invalid one.
  clang::SourceLocation editable(clang::SourceLocation L) const;
  /// Both ends of E can be edited.
  bool canEdit(const clang::Expr *E) const;

  /// Text before `at`, after what was inserted there before.
  void open(clang::SourceLocation at, const std::string &text);
  /// Text after the token at `lastToken`, before what was inserted there before.
  void close(clang::SourceLocation lastToken, const std::string &text);
  void wrap(const clang::Expr *E, const std::string &before, const std::string &after);
  /// Text at a raw location (already editable), after or before earlier text.
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

  /// The token after the one at `last` (the '(' after a callee, say).
  clang::SourceLocation tokenAfter(clang::SourceLocation last) const;
  /// Just past the token at L.
  clang::SourceLocation endOfToken(clang::SourceLocation L) const;
  /// The location just past a statement, its ';' or '}' included.
  clang::SourceLocation afterStmt(const clang::Stmt *S) const;

  /// The original text of a token range.
  std::string text(clang::SourceRange range) const;
  /// A type as rewritten code names it: fully qualified, no tag keyword.
  std::string typeName(clang::QualType T) const;
  /// Source text on one line, at most 40 characters.
  static std::string shorten(const std::string &code);

private:
  clang::ASTContext &ctx_;
  clang::SourceManager &sm_;
  EditPlan &plan_;
  const RewritePolicy &policy_;
};

} // namespace bytedmd

#endif // BYTEDMD_TOOL_SOURCE_EDITOR_H
