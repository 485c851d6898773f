// RuntimePaths.cpp - locating the runtime from the executable.
#include "RuntimePaths.h"

#include <climits>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#ifndef BYTEDMD_BUILD_INCLUDE_DIR
#define BYTEDMD_BUILD_INCLUDE_DIR ""
#endif
#ifndef BYTEDMD_BUILD_LIBRARY
#define BYTEDMD_BUILD_LIBRARY ""
#endif
#ifndef BYTEDMD_INSTALL_LIBDIR
#define BYTEDMD_INSTALL_LIBDIR "lib"
#endif

namespace bytedmd {
namespace {
bool exists(const std::string &path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}
std::string executableDir(const char *argv0) {
  char buffer[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  std::string path;
  if (n > 0) {
    path.assign(buffer, std::size_t(n));
  } else if (argv0 != nullptr) {
    char *real = ::realpath(argv0, nullptr);
    if (real) {
      path = real;
      std::free(real);
    }
  }
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}
} // namespace

RuntimePaths findRuntime(const char *argv0) {
  RuntimePaths p;
  const std::string bin = executableDir(argv0);
  const auto slash = bin.rfind('/');
  const std::string prefix = slash == std::string::npos ? bin + "/.." : bin.substr(0, slash);
  const std::string installed = prefix + "/include";
  const std::string installedLib = prefix + "/" BYTEDMD_INSTALL_LIBDIR "/libbytedmd_runtime.a";
  if (exists(installed + "/bytedmd/runtime.h") && exists(installedLib)) {
    p = {true, installed, installedLib};
  } else {
    p.includeDir = BYTEDMD_BUILD_INCLUDE_DIR;
    p.library = BYTEDMD_BUILD_LIBRARY;
    p.found = exists(p.includeDir + "/bytedmd/runtime.h") && exists(p.library);
  }
  return p;
}

} // namespace bytedmd
