// HeaderCopies.h - which files' text the rewrite may change: the main file,
// and the project headers opted in with --instrument-headers, which are
// rewritten into copies that the rewritten files include.
//
//   k.cpp:  #include "k.hpp"     ->  #include "/OUT.headers/home/me/k.hpp"
//   k.hpp:  inline double f(...) ->  static __attribute__((__unused__)) inline double f(...)
//
// A header's instrumented functions get internal linkage in its copy: other
// translation units define the plain ones under the same name, and the
// linker would keep either.
#ifndef BYTEDMD_TOOL_HEADER_COPIES_H
#define BYTEDMD_TOOL_HEADER_COPIES_H

#include "clang/Basic/FileEntry.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Lex/PPCallbacks.h"
#include "llvm/Support/Regex.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
class Rewriter;
class SourceManager;
} // namespace clang

namespace bytedmd {

class EditPlan;
class RewriteDiagnostics;
struct InstrumentOptions;
struct InstrumentResult;

/// One #include directive, as the preprocessor resolved it.
struct Inclusion {
  clang::SourceLocation hash;
  clang::CharSourceRange spelled; ///< "k.hpp" or <k.hpp>
  clang::FileEntryRef target;
  bool angled;
  bool system;
};

/// Records every #include of the translation unit (an FrontendAction adds it
/// to the preprocessor before parsing).
std::unique_ptr<clang::PPCallbacks> recordInclusions(std::vector<Inclusion> &out);

/// A file's real path (symbolic links resolved).
std::string realPath(clang::FileEntryRef file);

class HeaderCopies {
public:
  HeaderCopies(clang::SourceManager &sm, const InstrumentOptions &options,
               const std::vector<Inclusion> &inclusions);

  /// Reports an invalid --instrument-headers regex; false then.
  bool valid(RewriteDiagnostics &diags) const;

  /// The file a location's expansion is in.
  clang::FileID fileOf(clang::SourceLocation L) const;
  bool isMainFile(clang::FileID file) const { return file == mainFile_; }
  /// In the main file or an opted-in header: its functions are candidates.
  bool inScope(clang::SourceLocation L) const;
  /// A file whose text is rewritten (the main file, and the headers that
  /// keepSound kept).
  bool isRewritten(clang::FileID file) const { return rewritten_.count(file) != 0; }

  /// Keeps the copies sound: drops (with a warning) header functions also
  /// declared in a file that is not opted in, or as a friend; copies the
  /// opted-in includers of copies; reports a copy included from a file that
  /// is not rewritten, and copies with nowhere to go. False on an error.
  bool keepSound(std::vector<const clang::FunctionDecl *> &functions, RewriteDiagnostics &diags);

  /// Internal linkage for what may be defined in several files.
  void planLinkage(const std::vector<const clang::FunctionDecl *> &functions, EditPlan &plan) const;
  /// Rewritten files include the copies by absolute path; a copy names its
  /// other quoted includes by absolute path too (it no longer sits beside them).
  void planIncludes(EditPlan &plan);

  /// The rewritten headers' texts, after the plan was applied.
  void collect(const clang::Rewriter &rewriter, InstrumentResult &result) const;
  /// Every project file the translation unit read (main file and non-system
  /// headers): what the output depends on.
  std::vector<std::string> dependencies() const;

private:
  bool isOptedIn(clang::FileID file) const;
  /// DIR/home/me/k.hpp for /home/me/k.hpp: one place per header, never two.
  std::string copyPath(const std::string &original) const;
  clang::FileID targetFile(const Inclusion &I) const;

  clang::SourceManager &sm_;
  const InstrumentOptions &options_;
  const std::vector<Inclusion> &inclusions_;
  clang::FileID mainFile_;
  llvm::Regex regex_;
  mutable std::map<clang::FileID, bool> optedIn_;
  std::set<clang::FileID> rewritten_;
  std::map<std::string, std::string> copyOf_; ///< real path -> copy path
};

} // namespace bytedmd

#endif // BYTEDMD_TOOL_HEADER_COPIES_H
