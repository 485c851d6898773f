// rewrite_test_support.h - runs the instrumenter on an in-memory source (as
// clang-tools-extra's unit tests do) and compares rewrites with whitespace
// ignored. Shared by the tool tests, one file per room of the rewriter.
#ifndef BYTEDMD_TEST_REWRITE_TEST_SUPPORT_H
#define BYTEDMD_TEST_REWRITE_TEST_SUPPORT_H

#include "Instrumenter.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace bytedmd {

struct Instrumented {
  bool produced = false;
  std::string code;          // the output, whitespace and instruction sites removed
  std::string diagnostics;   // what the compiler printed
  unsigned warnings = 0;
  std::string withLocations; // the output, whitespace removed, sites kept
  InstrumentResult result;   // as the library returned it
};

/// s without whitespace.
std::string squeeze(const std::string &s);

/// The output without the per-line location arguments (", &bytedmd_loc_12")
/// and their declarations, which Rewrite.SourceLocationsPerInstruction checks
/// on their own: the other tests read as the rewrite's shape.
std::string withoutLocations(std::string code);

/// Headers beside input.cc: {path relative to the working directory, text}.
using Files = std::vector<std::pair<std::string, std::string>>;

/// Instruments `code` as input.cc in the working directory (with -Iinc and
/// the runtime's headers, and `flags`), headers in memory beside it.
Instrumented instrument(const std::string &code, InstrumentOptions options = {},
                        const Files &headers = {}, const std::vector<std::string> &flags = {});

/// The absolute path of a file relative to the working directory.
std::string cwdPath(const std::string &relative);

} // namespace bytedmd

/// True when `code` (whitespace ignored) contains `fragment`.
#define EXPECT_REWRITES_TO(code, fragment)                                                         \
  EXPECT_NE((code).find(::bytedmd::squeeze(fragment)), std::string::npos)                          \
      << "missing: " << (fragment) << "\nin: " << (code)

#endif // BYTEDMD_TEST_REWRITE_TEST_SUPPORT_H
