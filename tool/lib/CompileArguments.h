// CompileArguments.h - the compiler arguments bytedmd's tools add or drop:
// the default language standard, Clang's resource directory (builtin headers
// such as stddef.h), and the GCC-only flags a compile_commands.json written
// for GCC carries. No Clang here: the driver shares it.
#ifndef BYTEDMD_TOOL_COMPILE_ARGUMENTS_H
#define BYTEDMD_TOOL_COMPILE_ARGUMENTS_H

#include <string>
#include <vector>

namespace bytedmd {

/// The standard instrumented code is parsed and compiled with unless the
/// user gives one: the runtime's C++ layer needs C++17.
extern const char *const kDefaultStandard; // "-std=c++17"

/// True when args choose a language standard (-std=...).
bool choosesStandard(const std::vector<std::string> &args);

/// The resource directory baked in at configure time (clang-19's builtin
/// headers), for tools that run outside the LLVM tree.
const char *defaultResourceDir();

/// Adds -resource-dir unless the user gave one, and drops GCC-only flags
/// (from compile_commands.json) that Clang rejects.
std::vector<std::string> adjustArguments(const std::vector<std::string> &args);

} // namespace bytedmd

#endif // BYTEDMD_TOOL_COMPILE_ARGUMENTS_H
