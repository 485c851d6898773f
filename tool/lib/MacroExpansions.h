// MacroExpansions.h - code reached through a macro is measured as its
// expansion is (semantics.md, "Macros"). While the translation unit is
// parsed, this keeps the tokens every macro invocation of the project's
// files expands to. When the rewrite needs to edit inside a macro's body,
// the invocation is noted, and the instrumenter rewrites the file once more
// with each noted invocation replaced by its expansion:
//
//   #define SQRT_FUN(x) sqrt(x)
//   y[i] = SQRT_FUN(y[i]);        ->   y[i] =  sqrt ( y [ i ] ) ;
//
// Invocations the rewrite can edit around (SCALAR_VAL(2.0), a bound _PB_N
// that expands to a name, a constant N) stay as they are.
#ifndef BYTEDMD_TOOL_MACRO_EXPANSIONS_H
#define BYTEDMD_TOOL_MACRO_EXPANSIONS_H

#include "clang/Basic/SourceLocation.h"

#include <map>
#include <string>
#include <utility>

namespace clang {
class CompilerInstance;
class Preprocessor;
class SourceManager;
} // namespace clang

namespace bytedmd {

class MacroExpansions {
public:
  /// Starts keeping the expansions of `pp`'s translation unit (call before
  /// parsing).
  explicit MacroExpansions(clang::Preprocessor &pp);

  /// The invocation holding macro location L is to be expanded. False when
  /// it cannot be (it is not in a project file).
  bool need(clang::SourceLocation L);
  bool any() const { return !needed_.empty(); }

  /// Each file with noted invocations, by name, and its text with them
  /// replaced by their expansions (line numbers kept).
  std::map<std::string, std::string> expandedFiles() const;

private:
  struct Invocation {
    unsigned end = 0;  ///< offset just past the invocation
    std::string text;  ///< the tokens it expands to
  };
  void watch(const clang::Token &token);

  clang::Preprocessor &pp_;
  clang::SourceManager &sm_;
  /// (file, offset of the invocation) -> its expansion
  std::map<std::pair<clang::FileID, unsigned>, Invocation> invocations_;
  std::map<std::pair<clang::FileID, unsigned>, bool> needed_;
};

} // namespace bytedmd

#endif // BYTEDMD_TOOL_MACRO_EXPANSIONS_H
