// FunctionSelection.h - which functions of a translation unit are rewritten
// (instrumented: their callers pass keys to them) and which are measured (a
// call from code that is not measuring opens a measurement).
#ifndef BYTEDMD_TOOL_FUNCTION_SELECTION_H
#define BYTEDMD_TOOL_FUNCTION_SELECTION_H

#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FieldDecl;
class FunctionDecl;
} // namespace clang

namespace bytedmd {

class HeaderCopies;
class RewriteDiagnostics;
struct InstrumentOptions;

class FunctionSelection {
public:
  FunctionSelection(const InstrumentOptions &options, const HeaderCopies &files);

  /// Collects the candidates: functions defined (with a body) in the main
  /// file or an opted-in header, free or static, not instantiations of a
  /// template (the pattern is rewritten once, generically).
  void collect(clang::ASTContext &context);
  std::vector<const clang::FunctionDecl *> &functions() { return functions_; }

  /// Reports the constexpr functions left as written, and --function names
  /// that no candidate has (unless missing names are allowed); false then.
  /// Call once the candidates are final.
  bool checkNames(clang::ASTContext &context, RewriteDiagnostics &diags);

  /// Rewritten: a candidate (through any declaration, or as the pattern of
  /// an instantiation), or a lambda's call operator in a rewritten file.
  bool isInstrumented(const clang::FunctionDecl *F) const;
  /// Measured: named by --function or annotated; without --function, every
  /// candidate of the main file but main.
  bool isMeasured(const clang::FunctionDecl *F) const;
  /// A parameter excluded from the inputs (--untracked=NAME or FUNCTION:NAME).
  bool isUntracked(const clang::FunctionDecl *F, const std::string &param) const;
  /// A field excluded from the inputs of every object of its class
  /// (--untracked=Class::field, the class named simply or qualified).
  bool isUntrackedField(const clang::FieldDecl *F) const;

private:
  const InstrumentOptions &options_;
  const HeaderCopies &files_;
  std::vector<const clang::FunctionDecl *> functions_;
  /// constexpr (and consteval) functions: a body may be evaluated at compile
  /// time, where the runtime cannot run, so they are left as written.
  std::vector<const clang::FunctionDecl *> constant_;
  std::set<const clang::FunctionDecl *> instrumented_; ///< filled by checkNames
};

} // namespace bytedmd

#endif // BYTEDMD_TOOL_FUNCTION_SELECTION_H
