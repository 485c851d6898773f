// RewritePolicy.h - what the rewrite of a function body needs to know about
// the rest of the translation unit: which functions are instrumented and
// measured, which files it may edit, and where calls across files go.
#ifndef BYTEDMD_TOOL_REWRITE_POLICY_H
#define BYTEDMD_TOOL_REWRITE_POLICY_H

#include "CrossFileMarkers.h"
#include "FieldWalkers.h"
#include "FunctionSelection.h"
#include "HeaderCopies.h"

namespace bytedmd {

class MacroExpansions;

class RewritePolicy {
public:
  RewritePolicy(const FunctionSelection &functions, const HeaderCopies &files,
                CrossFileMarkers &markers, MacroExpansions *expansions, bool keepOutputs)
      : functions_(functions), files_(files), markers_(markers), expansions_(expansions),
        keepOutputs_(keepOutputs) {}

  /// Opens a measurement when called from code that is not measuring.
  bool isMeasured(const clang::FunctionDecl *F) const { return functions_.isMeasured(F); }
  /// Rewritten: its callers pass keys to it.
  bool isInstrumented(const clang::FunctionDecl *F) const { return functions_.isInstrumented(F); }
  /// A field excluded from the inputs (--untracked=Class::field).
  bool isUntrackedField(const clang::FieldDecl *F) const { return functions_.isUntrackedField(F); }
  /// Excluded from the inputs.
  bool isUntracked(const clang::FunctionDecl *F, const std::string &param) const {
    return functions_.isUntracked(F, param);
  }
  /// Its text may be edited.
  bool isRewrittenFile(clang::FileID file) const { return files_.isRewritten(file); }
  /// The files being rewritten.
  const HeaderCopies &files() const { return files_; }
  /// The class definition that carries R's field walker; null: none.
  const clang::CXXRecordDecl *walkedDefinition(const clang::CXXRecordDecl *R) const {
    return bytedmd::walkedDefinition(R, files_);
  }
  /// Writes through non-const reference parameters stay live to the end.
  bool keepOutputs() const { return keepOutputs_; }
  /// Collects the markers of functions called across files.
  CrossFileMarkers &markers() const { return markers_; }
  /// Collects the macro invocations to expand (null: they cannot be).
  MacroExpansions *expansions() const { return expansions_; }

private:
  const FunctionSelection &functions_;
  const HeaderCopies &files_;
  CrossFileMarkers &markers_;
  MacroExpansions *expansions_;
  bool keepOutputs_;
};

} // namespace bytedmd

#endif // BYTEDMD_TOOL_REWRITE_POLICY_H
