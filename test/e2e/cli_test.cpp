// cli_test.cpp - bytedmd-instrument and bytedmd run as a user meets them:
// bad input, diagnostics, exit statuses, and the three-step flow.
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using bytedmd::testing::readFile;

bool exists(const std::string &path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

struct Result {
  int status;
  std::string out, err;
};

class Cli : public ::testing::Test {
protected:
  void SetUp() override { dir = bytedmd::testing::scratchDir(); }
  void TearDown() override { std::system(("rm -rf " + dir).c_str()); }

  Result run(const std::string &command) {
    const int status = bytedmd::testing::shell("cd " + dir + " && " + command + " >" + dir +
                                               "/out 2>" + dir + "/err");
    return {status, readFile(dir + "/out"), readFile(dir + "/err")};
  }
  static std::string input(const std::string &name) {
    return std::string(BYTEDMD_E2E_DIR) + "/inputs/" + name;
  }
  std::string dir;
};

const std::string instrument = BYTEDMD_INSTRUMENT_EXE;
const std::string bytedmd = BYTEDMD_EXE;

TEST_F(Cli, MissingFile) {
  Result r = run(instrument + " no-such-file.cpp -o out.cpp");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("no-such-file.cpp"), std::string::npos) << r.err;
  EXPECT_FALSE(exists(dir + "/out.cpp"));
  r = run(bytedmd + " run no-such-file.cpp");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("no-such-file.cpp: no such file"), std::string::npos) << r.err;
}

TEST_F(Cli, SyntaxErrorPrintsDiagnosticsAndWritesNothing) {
  Result r = run(instrument + " " + input("syntax_error.cpp") + " -o out.cpp");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("syntax_error.cpp:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("error:"), std::string::npos) << r.err;
  EXPECT_FALSE(exists(dir + "/out.cpp"));
  EXPECT_EQ(run("(ls -A | grep -c tmp || true)").out, "0\n"); // no temporary left either
  r = run(bytedmd + " run " + input("syntax_error.cpp"));
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("instrumenting"), std::string::npos) << r.err;
  EXPECT_FALSE(exists(dir + "/bytedmd-report.json"));
}

TEST_F(Cli, UnknownFunctionIsAClearError) {
  Result r = run(instrument + " " + input("exit_status.cpp") + " --function=nope -o out.cpp");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("no function named 'nope'"), std::string::npos) << r.err;
  EXPECT_FALSE(exists(dir + "/out.cpp"));
}

TEST_F(Cli, UnknownOptionOfRun) {
  Result r = run(bytedmd + " run --frobnicate x.cpp");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("unknown option '--frobnicate'"), std::string::npos) << r.err;
  r = run(bytedmd + " run " + input("exit_status.cpp") + " --bytes-per-element=0");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--bytes-per-element='0'"), std::string::npos) << r.err;
}

TEST_F(Cli, CrashingProgramIsReported) {
  Result r = run(bytedmd + " run " + input("crash.cpp"));
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("killed by signal 6"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no report"), std::string::npos) << r.err;
}

TEST_F(Cli, ProgramExitStatusIsPassedOn) {
  Result r = run(bytedmd + " run " + input("exit_status.cpp"));
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.out.find("twice"), std::string::npos) << r.out;
}

TEST_F(Cli, UnwritableReportPathFails) {
  Result r =
      run(bytedmd + " run " + input("exit_status.cpp") + " --report=/nonexistent-dir/r.json");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.status, 3);
  EXPECT_NE(r.err.find("cannot write the report"), std::string::npos) << r.err;
}

TEST_F(Cli, DiagnosticsNameFileLineAndMarkTheMeasurementApproximate) {
  Result r = run(bytedmd + " run " + input("diagnostics.cpp") + " --report=r.json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("diagnostics.cpp:11:53: warning: bytedmd: call to 'std::accumulate'"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("diagnostics.cpp:14:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("macro"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("diagnostics.cpp:22:23: warning: bytedmd: parameter 'n' is read in a "
                       "loop condition"),
            std::string::npos)
      << r.err;
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/r.json"));
  std::map<std::string, nlohmann::json> byName;
  for (const auto &m : report["measurements"])
    byName[m["function"]] = m;
  EXPECT_EQ(byName["total"]["approximate"], true);
  ASSERT_EQ(byName["total"]["diagnostics"].size(), 1u);
  EXPECT_NE(byName["total"]["diagnostics"][0].get<std::string>().find("diagnostics.cpp:11:53: "),
            std::string::npos);
  EXPECT_EQ(byName["square"]["approximate"], true);
  // A macro argument spelled in the file is rewritten: a * b with [a, b].
  EXPECT_EQ(byName["same"]["approximate"], false);
  EXPECT_EQ(byName["same"]["trace"], nlohmann::json({1, 2}));
  // first(v, n) with [v1, v0, n] (v2 never read): n < 3 rounds, by hand:
  // i<n: n (3), truth (1); 0 + v0 (3); i<n: n (2), truth (1); t1 + v1 (2, 3);
  // i<n: n (2), truth (1).
  EXPECT_EQ(byName["first"]["trace"], nlohmann::json({3, 1, 3, 2, 1, 2, 3, 2, 1}));
  EXPECT_EQ(byName["first"]["cost"], 15);
  EXPECT_EQ(byName["first"]["approximate"], false);
  for (const char *f : {"copied", "punned", "fenced"}) {
    EXPECT_EQ(byName[f]["approximate"], true) << f;
    EXPECT_FALSE(byName[f]["diagnostics"].empty()) << f;
  }
}

TEST_F(Cli, UntrackedOptionExcludesAParameter) {
  // With --untracked=n: [v1, v0] (v2 never read); 0 + v0 (2); t1 + v1 (1, 2).
  Result r = run(bytedmd + " run " + input("diagnostics.cpp") +
                 " --function=first --untracked=first:n --report=r.json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err.find("loop condition"), std::string::npos) << r.err;
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/r.json"));
  ASSERT_EQ(report["measurements"].size(), 1u);
  EXPECT_EQ(report["measurements"][0]["trace"], nlohmann::json({2, 1, 2}));
}

TEST_F(Cli, ThreeStepFlowGivesTheSameReportAsRun) {
  const std::string source = std::string(BYTEDMD_E2E_DIR) + "/cases/scalars.cpp";
  Result r = run(bytedmd + " run " + source + " --report=run.json");
  ASSERT_EQ(r.status, 0) << r.err;
  r = run(instrument + " " + source + " -o scalars.bytedmd.cpp -- -std=c++17");
  ASSERT_EQ(r.status, 0) << r.err;
  r = run("g++ -O2 scalars.bytedmd.cpp $(" + instrument + " --print-flags) -o scalars");
  ASSERT_EQ(r.status, 0) << r.err;
  r = run("BYTEDMD_REPORT=steps.json ./scalars");
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json a = nlohmann::json::parse(readFile(dir + "/run.json"));
  const nlohmann::json b = nlohmann::json::parse(readFile(dir + "/steps.json"));
  EXPECT_EQ(a["measurements"], b["measurements"]);
  EXPECT_EQ(a["functions"], b["functions"]);
}

TEST_F(Cli, CompilationDatabaseWithGccOnlyFlags) {
  // A GCC build's compile_commands.json: Clang rejects -fno-tree-vrp and
  // -fconcepts-diagnostics-depth; the tool drops them.
  const std::string source = input("exit_status.cpp");
  std::ofstream(dir + "/compile_commands.json")
      << "[{\"directory\": \"" << dir << "\", \"command\": \"/usr/bin/g++ -std=c++17 -O2 "
      << "-fno-tree-vrp -fconcepts-diagnostics-depth=3 -DEXTRA=1 -c " << source
      << " -o x.o\", \"file\": \"" << source << "\"}]";
  Result r = run(instrument + " -p " + dir + " " + source + " -o out.cpp");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err.find("error"), std::string::npos) << r.err;
  EXPECT_TRUE(exists(dir + "/out.cpp"));
  r = run(instrument + " " + source + " --extra-arg=-DEXTRA=1 -o out2.cpp");
  ASSERT_EQ(r.status, 0) << r.err;
}

TEST_F(Cli, OutputsThroughReferencesAreResultsOnlyWithKeepOutputs) {
  // Inputs y0, y1 (the last parameter first), then x0, x1 (x1 on top); y0 and
  // y1 are never read: [x1, x0]. x0 * 2 reads x0 (2) -> t0, stored in y[0].
  // By default t0 is never read and not a result: it leaves at once, and
  // x1 * 3 reads x1 at 1. With --keep-outputs t0 stays: x1 is at 2.
  Result r = run(bytedmd + " run " + input("outputs.cpp") + " --report=plain.json");
  ASSERT_EQ(r.status, 0) << r.err;
  nlohmann::json report = nlohmann::json::parse(readFile(dir + "/plain.json"));
  EXPECT_EQ(report["measurements"][0]["trace"], nlohmann::json({2, 1}));
  EXPECT_EQ(report["model"]["variant"], "reference");
  r = run(bytedmd + " run " + input("outputs.cpp") + " --keep-outputs --report=kept.json");
  ASSERT_EQ(r.status, 0) << r.err;
  report = nlohmann::json::parse(readFile(dir + "/kept.json"));
  EXPECT_EQ(report["measurements"][0]["trace"], nlohmann::json({2, 2}));
  EXPECT_EQ(report["model"]["variant"], "keep-outputs");
}

TEST_F(Cli, InstrumentWritesToStandardOutputWithoutDashO) {
  Result r = run(instrument + " " + input("exit_status.cpp"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("#include \"bytedmd/instrument.hpp\"", 0), 0u);
  EXPECT_NE(r.out.find("::bytedmd::Frame bytedmd_frame"), std::string::npos);
}

} // namespace
