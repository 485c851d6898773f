// CrossFileMarkers.h - calls between instrumented files. Whether a function
// defined in another file is instrumented is known only at link time: each
// instrumented file defines a marker per function, and callers reference the
// markers of the functions they call weakly (null when the callee's file was
// not instrumented). The rewritten file starts with the weak references and
// ends with its own definitions:
//
//   extern const char bytedmd_instrumented__Z6my_addddd __attribute__((weak));
//   ...
//   extern const char bytedmd_instrumented__Z3dotPKdS0_i;
//   const char bytedmd_instrumented__Z3dotPKdS0_i = 1;
#ifndef BYTEDMD_TOOL_CROSS_FILE_MARKERS_H
#define BYTEDMD_TOOL_CROSS_FILE_MARKERS_H

#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class SourceManager;
} // namespace clang

namespace bytedmd {

class EditPlan;

class CrossFileMarkers {
public:
  /// The marker of a function this file calls but another defines (the
  /// project's own free, non-template function), or "" when the call is not
  /// one across files.
  static std::string ofCallee(clang::ASTContext &context, const clang::FunctionDecl *F);
  /// The marker this file defines for its instrumented function F, or "".
  static std::string ofDefinition(clang::ASTContext &context, const clang::FunctionDecl *F);

  /// A call across files names this marker: the file references it weakly.
  void referenced(const std::string &marker) { referenced_.insert(marker); }

  /// The runtime include and the weak references at the top of the main
  /// file, and the definitions of `functions`' markers at its end.
  void plan(clang::ASTContext &context, const std::vector<const clang::FunctionDecl *> &functions,
            EditPlan &plan) const;

private:
  std::set<std::string> referenced_;
};

} // namespace bytedmd

#endif // BYTEDMD_TOOL_CROSS_FILE_MARKERS_H
