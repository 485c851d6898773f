// RuntimePaths.h - where the runtime's headers and library are, for the
// executables: beside them after `cmake --install`, or in the build tree.
#ifndef BYTEDMD_TOOL_RUNTIME_PATHS_H
#define BYTEDMD_TOOL_RUNTIME_PATHS_H

#include <string>

namespace bytedmd {

struct RuntimePaths {
  bool found = false;
  std::string includeDir; ///< holds bytedmd/runtime.h
  std::string library;    ///< libbytedmd_runtime.a
};

/// Looks relative to the executable (argv0) first: <prefix>/bin/.. holds
/// include/ and lib/ when installed. Falls back to the build tree's paths.
RuntimePaths findRuntime(const char *argv0);

} // namespace bytedmd

#endif // BYTEDMD_TOOL_RUNTIME_PATHS_H
