// CompileArguments.cpp - default standard, resource directory, GCC-only flags.
#include "CompileArguments.h"

#ifndef BYTEDMD_CLANG_RESOURCE_DIR
#define BYTEDMD_CLANG_RESOURCE_DIR ""
#endif

namespace bytedmd {
namespace {

bool startsWith(const std::string &s, const char *prefix) { return s.rfind(prefix, 0) == 0; }

// GCC accepts these and Clang rejects them (they appear in GCC builds'
// compile_commands.json).
const char *const kGccOnlyPrefixes[] = {"-fno-tree-",
                                        "-ftree-",
                                        "-fconcepts-diagnostics-depth",
                                        "-fmax-include-depth",
                                        "-fno-fat-lto-objects",
                                        "-fanalyzer",
                                        "-fstack-clash-protection",
                                        "-fno-allow-store-data-races",
                                        "-mabi=",
                                        "-fcf-protection=check",
                                        "-flto=auto",
                                        "-flto-partition",
                                        "-fipa-",
                                        "-fno-ipa-",
                                        "-fsched-",
                                        "-fno-semantic-interposition",
                                        "-fdiagnostics-urls",
                                        "-Wno-maybe-uninitialized",
                                        "-Wmaybe-uninitialized",
                                        "-Wno-class-memaccess",
                                        "-Wno-stringop-",
                                        "-Wstringop-",
                                        "-Wlogical-op",
                                        "-Wduplicated-",
                                        "-Wuseless-cast",
                                        "-Wno-psabi"};

} // namespace

const char *const kDefaultStandard = "-std=c++17";

bool choosesStandard(const std::vector<std::string> &args) {
  for (const std::string &a : args)
    if (startsWith(a, "-std="))
      return true;
  return false;
}

const char *defaultResourceDir() { return BYTEDMD_CLANG_RESOURCE_DIR; }

std::vector<std::string> adjustArguments(const std::vector<std::string> &args) {
  std::vector<std::string> out;
  bool hasResourceDir = false;
  for (const std::string &a : args) {
    if (startsWith(a, "-resource-dir"))
      hasResourceDir = true;
    bool drop = false;
    for (const char *p : kGccOnlyPrefixes)
      drop = drop || startsWith(a, p);
    if (!drop)
      out.push_back(a);
  }
  if (!hasResourceDir && *defaultResourceDir() != '\0' && !out.empty())
    out.insert(out.begin() + 1, std::string("-resource-dir=") + defaultResourceDir());
  return out;
}

} // namespace bytedmd
