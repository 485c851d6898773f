// program_run.h - a golden program run two ways, for end-to-end tests: through
// `bytedmd run` (its measurements by function, what it printed, its
// diagnostics) and built plainly (what it printed). Needs BYTEDMD_EXE.
#ifndef BYTEDMD_TEST_PROGRAM_RUN_H
#define BYTEDMD_TEST_PROGRAM_RUN_H

#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace bytedmd::testing {

struct ProgramRun {
  std::map<std::string, nlohmann::json> measured;
  std::string printed, plain, errors;
};

inline ProgramRun runProgram(const std::string &program) {
  ProgramRun r;
  const std::string dir = scratchDir();
  EXPECT_EQ(shell(std::string(BYTEDMD_EXE) + " run " + program + " --report=" + dir +
                  "/r.json >" + dir + "/out 2>" + dir + "/err"),
            0)
      << readFile(dir + "/err");
  EXPECT_EQ(shell("c++ -std=c++17 -O2 -o " + dir + "/plain " + program + " && " + dir +
                  "/plain >" + dir + "/plain.out"),
            0);
  r.printed = readFile(dir + "/out");
  r.plain = readFile(dir + "/plain.out");
  r.errors = readFile(dir + "/err");
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/r.json"));
  for (const auto &m : report["measurements"])
    r.measured[m["function"].get<std::string>()] = m;
  shell("rm -rf " + dir);
  return r;
}

} // namespace bytedmd::testing

#endif // BYTEDMD_TEST_PROGRAM_RUN_H
