// test_support.h - small helpers shared by the tests that run programs.
#ifndef BYTEDMD_TEST_SUPPORT_H
#define BYTEDMD_TEST_SUPPORT_H

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace bytedmd::testing {

/// The whole file, or "" when it cannot be read.
inline std::string readFile(const std::string &path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A fresh directory under /tmp.
inline std::string scratchDir() {
  char pattern[] = "/tmp/bytedmd-test-XXXXXX";
  const char *dir = ::mkdtemp(pattern);
  return dir ? dir : "/tmp";
}

/// Runs a shell command; its exit status, or 128 + the signal that ended it.
inline int shell(const std::string &command) {
  const int raw = std::system(command.c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
}

} // namespace bytedmd::testing

#endif // BYTEDMD_TEST_SUPPORT_H
