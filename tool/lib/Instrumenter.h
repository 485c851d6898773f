// Instrumenter.h - bytedmd-instrument as a library: the frontend action that
// rewrites a translation unit so that its functions call the runtime.
//
// The action never writes files: it leaves the rewritten main file in a
// string the caller owns, and only when the translation unit compiled without
// errors. The CLI (tool/main.cpp) and the tests share it.
#ifndef BYTEDMD_TOOL_INSTRUMENTER_H
#define BYTEDMD_TOOL_INSTRUMENTER_H

#include <memory>
#include <string>
#include <vector>

namespace clang {
namespace tooling {
class FrontendActionFactory;
} // namespace tooling
} // namespace clang

namespace bytedmd {

struct InstrumentOptions {
  /// The measured functions (simple or qualified names). Empty: every
  /// function defined in the main file except main.
  std::vector<std::string> functions;
  /// Parameters excluded from the inputs: "name" (any function) or
  /// "function:name".
  std::vector<std::string> untracked;
  /// Keep what measured functions write through non-const reference
  /// parameters live to the end (the report's model says "keep-outputs").
  bool keepOutputs = false;
  /// A --function name need not be defined in this file (one list for all
  /// the files of a target, as bytedmd_instrument passes it).
  bool allowMissingFunctions = false;
  /// Project headers whose functions are rewritten too: a regular expression
  /// searched in each header's real path (as clang-tidy's --header-filter).
  /// System headers never are. Empty: the main file only.
  std::string instrumentHeaders;
  /// The absolute directory that rewritten headers go under, each at its own
  /// real path (DIR/home/me/proj/include/k.hpp): the rewritten files include
  /// them by that path.
  std::string headerDir;
  /// Also print the planned edits into InstrumentResult::plan.
  bool printPlan = false;
  /// Rewrite the file again with the macro invocations whose bodies need
  /// edits replaced by their expansions (false: report them instead).
  bool expandMacros = true;
};

/// A project header rewritten with the main file.
struct RewrittenHeader {
  std::string original; ///< its real path
  std::string path;     ///< where the rewritten copy goes (under headerDir)
  std::string content;
};

struct InstrumentResult {
  bool produced = false;             ///< the TU compiled and was rewritten
  std::string output;                ///< the rewritten main file
  std::vector<std::string> measured; ///< qualified names of measured functions
  unsigned warnings = 0;             ///< bytedmd diagnostics emitted
  std::vector<RewrittenHeader> headers;
  /// Every file of the project that the translation unit read (the main
  /// file and its non-system headers): what the output depends on.
  std::vector<std::string> dependencies;
  /// With printPlan: the edits, one per line, in the order they apply.
  std::string plan;
};

/// A factory for the instrumenting action; `result` must outlive the run.
std::unique_ptr<clang::tooling::FrontendActionFactory>
newInstrumentActionFactory(const InstrumentOptions &options, InstrumentResult &result);

} // namespace bytedmd

#endif // BYTEDMD_TOOL_INSTRUMENTER_H
