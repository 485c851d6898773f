// cli_test.cpp - bytedmd-instrument and bytedmd run as a user meets them:
// bad input, diagnostics, exit statuses, and the three-step flow.
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tuple>
#include <unistd.h>
#include <vector>

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
  EXPECT_NE(r.err.find("diagnostics.cpp:13:53: warning: bytedmd: call to 'std::accumulate'"),
            std::string::npos)
      << r.err;
  // The macro's body is measured as its expansion: nothing to warn about.
  EXPECT_EQ(r.err.find("diagnostics.cpp:16:"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("macro"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("diagnostics.cpp:24:23: warning: bytedmd: parameter 'n' is read in a "
                       "loop condition"),
            std::string::npos)
      << r.err;
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/r.json"));
  std::map<std::string, nlohmann::json> byName;
  for (const auto &m : report["measurements"])
    byName[m["function"]] = m;
  EXPECT_EQ(byName["total"]["approximate"], true);
  ASSERT_EQ(byName["total"]["diagnostics"].size(), 1u);
  EXPECT_NE(byName["total"]["diagnostics"][0].get<std::string>().find("diagnostics.cpp:13:53: "),
            std::string::npos);
  // SQUARE(a) is ((a) * (a)): one instruction reading a (depth 1) twice.
  EXPECT_EQ(byName["square"]["approximate"], false);
  EXPECT_EQ(byName["square"]["trace"], nlohmann::json({1, 1}));
  EXPECT_EQ(byName["square"]["cost"], 2);
  // A macro argument spelled in the file is rewritten: a * b with [a, b].
  EXPECT_EQ(byName["same"]["approximate"], false);
  EXPECT_EQ(byName["same"]["trace"], nlohmann::json({1, 2}));
  // first(v, n) with [v1, v0, n] (v2 never read): n < 3 rounds, by hand:
  // i<n: n (3), truth (1); 0 + v0 (3); i<n: n (2), truth (1); t1 + v1 (2, 3);
  // i<n: n (2), truth (1).
  EXPECT_EQ(byName["first"]["trace"], nlohmann::json({3, 1, 3, 2, 1, 2, 3, 2, 1}));
  EXPECT_EQ(byName["first"]["cost"], 15);
  EXPECT_EQ(byName["first"]["approximate"], false);
  // memcpy moves keys: [v0, v1] (v2 never read); w[0] + w[1] reads 2, 1.
  EXPECT_EQ(byName["copied"]["approximate"], false);
  EXPECT_EQ(byName["copied"]["trace"], nlohmann::json({2, 1}));
  EXPECT_NE(r.err.find("diagnostics.cpp:51:18: warning: bytedmd: 'cube' is constexpr"),
            std::string::npos)
      << r.err;
  // memcpy from a double into a long long is a pun: diagnosed.
  for (const char *f : {"punned", "fenced", "cubed"}) {
    EXPECT_EQ(byName[f]["approximate"], true) << f;
    EXPECT_FALSE(byName[f]["diagnostics"].empty()) << f;
  }
}

TEST_F(Cli, AnOpenMPAtomicCompilesAndIsReported) {
  Result r = run(bytedmd + " run " + input("openmp.cpp") + " --report=r.json -- -fopenmp");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find("8\n"), 0u) << r.out; // what the original prints
  EXPECT_NE(r.err.find("openmp.cpp:8:1: warning: bytedmd: the statement under '#pragma omp "
                       "atomic' is left as written"),
            std::string::npos)
      << r.err;
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/r.json"));
  ASSERT_EQ(report["measurements"].size(), 1u);
  EXPECT_EQ(report["measurements"][0]["approximate"], true);
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

TEST_F(Cli, CompilationDatabaseCarriesIncludePathsAndDefines) {
  // The source builds only with the project's -I and -D, as a real project's
  // files do; -p takes both from compile_commands.json (relative -I resolved
  // against "directory"), and the measured cost is cases.md's my_add: 6.
  ASSERT_EQ(::mkdir((dir + "/proj").c_str(), 0755), 0);
  ASSERT_EQ(::mkdir((dir + "/proj/inc").c_str(), 0755), 0);
  std::ofstream(dir + "/proj/inc/config.h") << "#define ADD3(a, b, c) ((a + b) + c)\n";
  std::ofstream(dir + "/proj/k.cpp") << R"(#include "config.h"
#include <cstdio>
#ifndef PROJECT_DEFINE
#error "needs -DPROJECT_DEFINE"
#endif
double my_add(double a, double b, double c) { return (a + b) + c; }
int main() { std::printf("%g\n", my_add(1, 2, 3)); }
)";
  std::ofstream(dir + "/proj/compile_commands.json")
      << "[{\"directory\": \"" << dir << "/proj\", \"command\": \"/usr/bin/g++ -std=c++17 "
      << "-fno-tree-vrp -Iinc -DPROJECT_DEFINE=1 -c k.cpp -o k.o\", \"file\": \"k.cpp\"}]";
  Result r = run(instrument + " proj/k.cpp -o plain.cpp");
  EXPECT_NE(r.status, 0) << "builds without the project's flags?";
  EXPECT_FALSE(exists(dir + "/plain.cpp"));
  r = run(instrument + " -p proj proj/k.cpp -o k.bytedmd.cpp");
  ASSERT_EQ(r.status, 0) << r.err;
  r = run("c++ -std=c++17 -Iproj/inc -DPROJECT_DEFINE=1 k.bytedmd.cpp $(" + instrument +
          " --print-flags) -o k && BYTEDMD_REPORT=r.json ./k");
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/r.json"));
  EXPECT_EQ(report["measurements"][0]["cost"], 6);
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

// A report with the given (function, call, cost) rows, written by hand.
std::string handReport(std::vector<std::tuple<std::string, int, long long>> rows, int schema = 1) {
  std::string m;
  for (const auto &[f, call, cost] : rows)
    m += std::string(m.empty() ? "" : ",") + R"({"function": ")" + f + R"(", "call": )" +
         std::to_string(call) + R"(, "source": {"file": "x.cpp", "line": 1}, "cost": )" +
         std::to_string(cost) + R"(, "reads": 10, "instructions": 5, "inputs": 2, )" +
         R"("peak_live": 3, "trace": [], "trace_truncated": false, "approximate": false, )" +
         R"("diagnostics": []})";
  return R"({"schema_version": )" + std::to_string(schema) +
         R"(, "generator": "test", "model": {"cost": "ceil_sqrt", "bytes_per_element": 1, )" +
         R"("variant": "reference"}, "measurements": [)" + m + R"(], "functions": {}})";
}

TEST_F(Cli, ReportPrintsTheSummaryInEachFormat) {
  std::ofstream(dir + "/r.json") << handReport({{"matvec", 0, 26}, {"matvec", 1, 1234567}});
  Result r = run(bytedmd + " report r.json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("matvec                       1             10        1,234,567"),
            std::string::npos)
      << r.out;
  r = run(bytedmd + " report r.json --format=markdown");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("| function | call | reads | cost | peak live | approximate |"),
            std::string::npos);
  EXPECT_NE(r.out.find("| `matvec` | 0 | 10 | 26 | 3 | no |"), std::string::npos) << r.out;
  r = run(bytedmd + " report r.json --format=json");
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["measurements"][1]["cost"], 1234567);
  EXPECT_EQ(run(bytedmd + " report missing.json").status, 2);
  EXPECT_EQ(run(bytedmd + " report r.json --format=xml").status, 2);
}

TEST_F(Cli, CompareGatesOnTheThreshold) {
  std::ofstream(dir + "/base.json") << handReport({{"f", 0, 100}, {"f", 1, 200}, {"g", 0, 50}});
  // f#0 +10%, f#1 -50%, g#0 gone, h#0 new.
  std::ofstream(dir + "/new.json") << handReport({{"f", 0, 110}, {"f", 1, 100}, {"h", 0, 7}});
  Result r = run(bytedmd + " compare base.json new.json");
  EXPECT_EQ(r.status, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("+10.0%  REGRESSION"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-50.0%"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("removed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("new"), std::string::npos) << r.out;
  // The edges: exactly the threshold passes, just under it fails.
  EXPECT_EQ(run(bytedmd + " compare base.json new.json --max-increase=10").status, 0);
  EXPECT_EQ(run(bytedmd + " compare base.json new.json --max-increase=9.99").status, 1);
  EXPECT_EQ(run(bytedmd + " compare base.json base.json").status, 0);
  r = run(bytedmd + " compare base.json new.json --format=markdown");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("| function | call | base cost | new cost | change |"), std::string::npos);
  EXPECT_NE(r.out.find("| `f` | 0 | 100 | 110 | +10.0% :x: |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("**bytedmd:** 1 measurement rose by more than 0%."), std::string::npos)
      << r.out;
  // From zero to anything is an increase beyond any threshold.
  std::ofstream(dir + "/zero.json") << handReport({{"f", 0, 0}});
  std::ofstream(dir + "/one.json") << handReport({{"f", 0, 1}});
  EXPECT_EQ(run(bytedmd + " compare zero.json one.json --max-increase=1000").status, 1);
}

TEST_F(Cli, CompareRefusesUnusableInputWithAReason) {
  std::ofstream(dir + "/base.json") << handReport({{"f", 0, 100}});
  std::ofstream(dir + "/bad.json") << "{not json";
  std::ofstream(dir + "/v2.json") << handReport({{"f", 0, 100}}, 2);
  Result r = run(bytedmd + " compare base.json missing.json");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("cannot read missing.json"), std::string::npos) << r.err;
  r = run(bytedmd + " compare base.json bad.json");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("bad.json: not valid JSON"), std::string::npos) << r.err;
  r = run(bytedmd + " compare base.json v2.json");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("schema_version 2"), std::string::npos) << r.err;
  EXPECT_EQ(run(bytedmd + " compare base.json").status, 2);
  EXPECT_EQ(run(bytedmd + " compare base.json base.json --max-increase=lots").status, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err; // one line
}

TEST_F(Cli, CostPerSourceLineAndAnnotate) {
  // matvec N=2 (examples/matvec.cpp): line 20, s = A[i][0] * x[0], runs for
  // i = 0 and 1 and reads depths (4, 6) and (5, 3) (the seed's listing):
  // 2+3 + 3+2 = 10. Line 21 makes the other 8 reads: 26 - 10 = 16.
  const std::string source = std::string(BYTEDMD_E2E_DIR) + "/../../examples/matvec.cpp";
  Result r = run("cp " + source + " matvec.cpp && " + bytedmd + " run matvec.cpp --report=r.json");
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/r.json"));
  const auto &lines = report["measurements"][0]["lines"];
  ASSERT_EQ(lines.size(), 2u) << lines.dump();
  EXPECT_EQ(lines[0],
            nlohmann::json({{"file", "matvec.cpp"}, {"line", 20}, {"reads", 4}, {"cost", 10}}));
  EXPECT_EQ(lines[1],
            nlohmann::json({{"file", "matvec.cpp"}, {"line", 21}, {"reads", 8}, {"cost", 16}}));
  r = run(bytedmd + " annotate r.json --function=matvec --call=0");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("1 measurement, cost 26"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("10   38.5%    20      double s = A[i][0] * x[0];"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("16   61.5%    21"), std::string::npos) << r.out;
  r = run(bytedmd + " annotate r.json --function=nope");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("no measurement of nope"), std::string::npos) << r.err;
}

TEST_F(Cli, NamesOfNestedAndPointerInputs) {
  // --names for inputs found by walking a nested vector (A[i][j]) and through
  // a pointer parameter when first read (x[i]). The stack starts with the
  // last parameter's elements (x, in address order), then A row-major.
  std::ofstream(dir + "/p.cpp") << R"(#include "bytedmd/bytedmd.h"
#include <vector>
double f(const std::vector<std::vector<double>> &A, const double *x, BYTEDMD_UNTRACKED int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s = s + A[i][1] * x[i];
  return s;
}
int main() {
  const std::vector<std::vector<double>> A = {{1, 2}, {3, 4}};
  const double x[] = {5, 6};
  return f(A, x, 2) == 2 * 5 + 4 * 6 ? 0 : 1;
})";
  const Result r = run(bytedmd + " run p.cpp --function=f --names --report=n.json");
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/n.json"));
  std::vector<std::string> names;
  for (const auto &e : report["measurements"][0]["events"]["list"])
    if (e.contains("store") && names.size() < 6)
      names.push_back(e.value("name", "?"));
  EXPECT_EQ(names, (std::vector<std::string>{"x[0]", "x[1]", "A[0][0]", "A[0][1]", "A[1][0]",
                                             "A[1][1]"}));
}

TEST_F(Cli, ReportCarriesTheEventsAndHtmlIsSelfContained) {
  // my_add(1,2,3) = (a+b)+c, cases.md trace 1,2,1,2. By the model: three
  // inputs are stored; the first add reads two of them at depths 1 and 2, both
  // die, its result (v4) is stored; the second add reads v4 at depth 1 and the
  // last input at depth 2; the result v5 is stored and stays.
  const std::string source = std::string(BYTEDMD_E2E_DIR) + "/cases/scalars.cpp";
  Result r =
      run("cp " + source + " s.cpp && " + bytedmd + " run s.cpp --function=my_add --report=r.json");
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/r.json"));
  const auto &events = report["measurements"][0]["events"];
  EXPECT_EQ(events["results"], nlohmann::json::array({5}));
  const auto &list = events["list"];
  ASSERT_EQ(list.size(), 7u) << list.dump();
  for (int i : {0, 1, 2})
    EXPECT_EQ(list[i], nlohmann::json({{"store", i + 1}}));
  EXPECT_EQ(list[3]["depths"], nlohmann::json::array({1, 2}));
  EXPECT_EQ(list[4], nlohmann::json({{"store", 4}}));
  EXPECT_EQ(list[5]["read"][0], 4);
  EXPECT_EQ(list[5]["depths"], nlohmann::json::array({1, 2}));
  EXPECT_EQ(list[6], nlohmann::json({{"store", 5}}));

  // --names: inputs by parameter, computed values by the expression they compute.
  r = run(bytedmd + " run s.cpp --function=my_add --names --report=n.json");
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json namedReport = nlohmann::json::parse(readFile(dir + "/n.json"));
  const auto &named = namedReport["measurements"][0]["events"];
  std::vector<std::string> names;
  for (const auto &e : named["list"])
    if (e.contains("store"))
      names.push_back(e.value("name", "?"));
  // Store order puts a on top (depth 1 for the first read, as the trace says).
  EXPECT_EQ(names, (std::vector<std::string>{"c", "b", "a", "a + b", "(a + b) + c"}));

  // The IR text does not take the events away: the same 7, and the listing.
  r = run(bytedmd + " run s.cpp --function=my_add --ir --report=ir.json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("READ"), std::string::npos) << r.out;
  const nlohmann::json irReport = nlohmann::json::parse(readFile(dir + "/ir.json"));
  EXPECT_EQ(irReport["measurements"][0]["events"], events);

  r = run(bytedmd + " html r.json -o page.html");
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string page = readFile(dir + "/page.html");
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u) << page.substr(0, 80);
  EXPECT_NE(page.find("<ol id=\"stack\">"), std::string::npos);
  EXPECT_NE(page.find("id=\"step\""), std::string::npos);
  // Self-contained: nothing is fetched from elsewhere.
  for (const char *remote : {"src=\"http", "href=\"http", "@import", "fetch("})
    EXPECT_EQ(page.find(remote), std::string::npos) << remote;
  // The source lines travel with the page.
  EXPECT_NE(page.find("return (a + b) + c;"), std::string::npos);

  r = run(bytedmd + " html missing.json -o other.html");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("missing.json"), std::string::npos) << r.err;
  EXPECT_FALSE(exists(dir + "/other.html"));
  r = run(bytedmd + " html r.json");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("usage"), std::string::npos) << r.err;
}

TEST_F(Cli, EventsAreKeptOnlyForSmallMeasurements) {
  // sum over n values: n input stores, then n - 1 adds, each storing its
  // result: 3n - 2 events. n = 10 keeps its 28 events; n = 2000 (5998 events,
  // more than the 4000 kept) keeps none, and the page summarises it by line.
  Result r = run("cp " + input("sum_sizes.cpp") + " sum.cpp && " + bytedmd +
                 " run sum.cpp --report=r.json");
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/r.json"));
  ASSERT_EQ(report["measurements"].size(), 2u);
  EXPECT_EQ(report["measurements"][0]["events"]["list"].size(), 28u);
  EXPECT_FALSE(report["measurements"][1].contains("events"));
  EXPECT_EQ(report["measurements"][1]["reads"], 2 * 1999);
}

TEST_F(Cli, CallsAcrossFilesDependOnWhetherTheCalleesFileIsInstrumented) {
  // f(1,2,3) = g(a, b) + c with g(a, b) = a + b in another file.
  std::ofstream(dir + "/a.cpp") << R"(#include <cstdio>
#include <vector>
double g(double a, double b);
double total(const std::vector<double> &v);
double f(double a, double b, double c) { return g(a, b) + c; }
double t(const std::vector<double> &v) { return total(v); }
int main() {
  std::printf("%g\n", f(1, 2, 3));
  std::printf("%g\n", t({1, 2}));
}
)";
  std::ofstream(dir + "/b.cpp") << R"(#include <vector>
double g(double a, double b) { return a + b; }
double total(const std::vector<double> &v) { return v[0] + v[1]; }
)";
  const std::string flags = "$(" + instrument + " --print-flags)";
  Result r = run(instrument + " a.cpp -o a.i.cpp --function=f --function=t --allow-missing-functions && " +
                 instrument + " b.cpp -o b.i.cpp --function=f --function=t --allow-missing-functions");
  ASSERT_EQ(r.status, 0) << r.err;
  // b.cpp instrumented: the keys travel, so f costs what (a+b)+c costs in one
  // function (cases.md my_add: 6, trace 1,2,1,2), and total's one add reads
  // v[0]@2 and v[1]@1 (v[1] was stored last; operands are priced together).
  r = run("c++ -std=c++17 a.i.cpp b.i.cpp " + flags + " -o both && BYTEDMD_REPORT=both.json ./both");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "6\n3\n");
  nlohmann::json report = nlohmann::json::parse(readFile(dir + "/both.json"));
  EXPECT_EQ(report["measurements"][0]["trace"], nlohmann::json::array({1, 2, 1, 2}));
  EXPECT_EQ(report["measurements"][0]["approximate"], false);
  EXPECT_EQ(report["measurements"][1]["trace"], nlohmann::json::array({2, 1}));
  EXPECT_EQ(report["measurements"][1]["approximate"], false);
  // b.cpp plain: g is code that is not instrumented. Its scalar arguments
  // escape, a read each (a@1, then b@1: a died), its result is untracked, and
  // + c reads c@1: trace 1,1,1. That result was computed from tracked values
  // where the tool cannot see: approximate (semantics.md, "No silent path").
  // total gets a reference to tracked values: approximate too, with the
  // call's file:line.
  r = run("c++ -std=c++17 a.i.cpp b.cpp " + flags + " -o half && BYTEDMD_REPORT=half.json ./half");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "6\n3\n");
  report = nlohmann::json::parse(readFile(dir + "/half.json"));
  EXPECT_EQ(report["measurements"][0]["trace"], nlohmann::json::array({1, 1, 1}));
  EXPECT_EQ(report["measurements"][0]["approximate"], true);
  EXPECT_NE(report["measurements"][0]["diagnostics"].dump().find("a.cpp:5:49: bytedmd: the result of 'g'"),
            std::string::npos)
      << report["measurements"][0]["diagnostics"].dump();
  EXPECT_EQ(report["measurements"][1]["approximate"], true);
  EXPECT_NE(report["measurements"][1]["diagnostics"].dump().find("a.cpp:6:"), std::string::npos)
      << report["measurements"][1]["diagnostics"].dump();
}

TEST_F(Cli, HeaderFunctionsAreInstrumentedWhenOptedIn) {
  // f(1,2,3) = add2(a, b) + c, with add2 an inline function of the project's
  // header, which b.cpp (never instrumented) also uses.
  ASSERT_EQ(::mkdir((dir + "/inc").c_str(), 0755), 0);
  std::ofstream(dir + "/inc/ops.hpp") << R"(#pragma once
inline double add2(double a, double b) { return a + b; }
)";
  std::ofstream(dir + "/a.cpp") << R"(#include "ops.hpp"
#include <cstdio>
double plain_use(double x);
double f(double a, double b, double c) { return add2(a, b) + c; }
int main() { std::printf("%g %g\n", f(1, 2, 3), plain_use(4)); }
)";
  std::ofstream(dir + "/b.cpp") << R"(#include "ops.hpp"
double plain_use(double x) { return add2(x, x); }
)";
  // Opted in: the keys travel into add2, so f costs what (a+b)+c costs in
  // one function (cases.md my_add: 6, trace 1,2,1,2).
  Result r = run(bytedmd + " run a.cpp --function=f --instrument-headers='/inc/ops\\.hpp$' "
                           "--report=in.json -- -Iinc " + dir + "/b.cpp");
  ASSERT_EQ(r.status, 0) << r.err;
  nlohmann::json report = nlohmann::json::parse(readFile(dir + "/in.json"));
  EXPECT_EQ(report["measurements"][0]["trace"], nlohmann::json::array({1, 2, 1, 2}));
  EXPECT_EQ(report["measurements"][0]["cost"], 6);
  EXPECT_EQ(report["measurements"][0]["approximate"], false);
  // Not opted in: add2 is code that is not rewritten; a and b escape (a@1,
  // then b@1, a having died) and + c reads c@1.
  r = run(bytedmd + " run a.cpp --function=f --report=out.json -- -Iinc " + dir + "/b.cpp");
  ASSERT_EQ(r.status, 0) << r.err;
  report = nlohmann::json::parse(readFile(dir + "/out.json"));
  EXPECT_EQ(report["measurements"][0]["trace"], nlohmann::json::array({1, 1, 1}));

  // In three steps, linked at -O0 with b.cpp's plain add2 (a weak symbol):
  // the rewritten add2 is internal to a.cpp, so neither replaces the other.
  const std::string flags = "$(" + instrument + " --print-flags)";
  r = run(instrument + " a.cpp -o gen/a.i.cpp --function=f --instrument-headers=/inc/ "
                       "--dep-file=gen/a.d -- -Iinc");
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string deps = readFile(dir + "/gen/a.d");
  EXPECT_EQ(deps.rfind("gen/a.i.cpp:", 0), 0u) << deps;
  EXPECT_NE(deps.find("/inc/ops.hpp"), std::string::npos) << deps;
  EXPECT_NE(deps.find("/a.cpp"), std::string::npos) << deps;
  EXPECT_TRUE(exists(dir + "/gen/a.i.cpp.headers" + dir + "/inc/ops.hpp"));
  r = run("c++ -O0 -std=c++17 -Iinc gen/a.i.cpp b.cpp " + flags +
          " -o mixed && BYTEDMD_REPORT=mixed.json ./mixed");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "6 8\n");
  const Result plain = run("c++ -O0 -Iinc a.cpp b.cpp -o plain && ./plain");
  ASSERT_EQ(plain.status, 0) << plain.err;
  EXPECT_EQ(plain.out, r.out);
  report = nlohmann::json::parse(readFile(dir + "/mixed.json"));
  EXPECT_EQ(report["measurements"][0]["trace"], nlohmann::json::array({1, 2, 1, 2}));

  // Without -o there is no place for the copies unless --header-dir says.
  r = run(instrument + " a.cpp --instrument-headers=/inc/ -- -Iinc");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("give -o FILE or --header-dir=DIR"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  r = run(instrument + " a.cpp --instrument-headers='(' -o never.cpp -- -Iinc");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("is not a valid regular expression"), std::string::npos) << r.err;
  EXPECT_FALSE(exists(dir + "/never.cpp"));
}

TEST_F(Cli, VariantsAreReplayedFromTheSameRunBesideTheDefault) {
  std::ofstream(dir + "/my_add.cpp") << R"(#include <cstdio>
double my_add(double a, double b, double c) { return (a + b) + c; }
int main() { std::printf("%g\n", my_add(1, 2, 3)); }
)";
  Result r = run(bytedmd + " run my_add.cpp --no-liveness --cost=sqrt --variant=no-liveness "
                           "--variant=cost=sqrt --cache-sizes=1,2,3,4");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("[no-liveness,cost=sqrt]"), std::string::npos) << r.out;
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/bytedmd-report.json"));
  EXPECT_EQ(report["model"]["variants"],
            nlohmann::json({"no-liveness", "cost=sqrt", "no-liveness,cost=sqrt"}));
  const auto &m = report["measurements"][0];
  // The default is untouched: cases.md's my_add, trace 1,2,1,2, cost 6.
  EXPECT_EQ(m["trace"], nlohmann::json::array({1, 2, 1, 2}));
  EXPECT_EQ(m["cost"], 6);
  EXPECT_EQ(m["misses"], nlohmann::json::parse(R"([{"cache_size":1,"misses":2},
      {"cache_size":2,"misses":0},{"cache_size":3,"misses":0},{"cache_size":4,"misses":0}])"));
  // Without liveness a and b stay: t + c reads c@4 (see replay_test's
  // Variants tests); 5 values stay live; 1 + sqrt 2 + 1 + 2 unrounded.
  const auto &v = m["variants"];
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0]["name"], "no-liveness");
  EXPECT_EQ(v[0]["trace"], nlohmann::json::array({1, 2, 1, 4}));
  EXPECT_EQ(v[0]["cost"], 6);
  EXPECT_EQ(v[0]["peak_live"], 5);
  EXPECT_EQ(v[0]["misses"][1]["misses"], 1);
  EXPECT_EQ(v[0]["misses"][3]["misses"], 0);
  EXPECT_EQ(v[1]["name"], "cost=sqrt");
  EXPECT_NEAR(v[1]["cost"].get<double>(), 2 + 2 * std::sqrt(2.0), 1e-12);
  EXPECT_EQ(v[1]["peak_live"], 3);
  EXPECT_EQ(v[2]["name"], "no-liveness,cost=sqrt");
  EXPECT_NEAR(v[2]["cost"].get<double>(), 4 + std::sqrt(2.0), 1e-12);

  // Clear errors, before anything is built.
  r = run(bytedmd + " run my_add.cpp --variant=no-livenes");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("unknown variant option 'no-livenes'"), std::string::npos) << r.err;
  r = run(bytedmd + " run my_add.cpp --cache-sizes=64,,1K");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--cache-sizes: cache size '' is not a positive integer"),
            std::string::npos)
      << r.err;
}

TEST_F(Cli, NativeBytesGiveEachValueItsTypesWidth) {
  // mix(float a, double b, int c) = (a + b) * c: a@4 (bytes 1..4), b@12
  // (5..12), then the double t@8 (1..8) and c@12 (9..12); 7 + 27 + 19 + 15
  // = 68 (replay_test's Native.MixedWidthsAreCountedInBytes works it out).
  std::ofstream(dir + "/mix.cpp") << R"(#include <cstdio>
double mix(float a, double b, int c) { return (a + b) * c; }
double my_add(double a, double b, double c) { return (a + b) + c; }
int main() {
  std::printf("%g\n", mix(1.5f, 2.0, 3));
  std::printf("%g\n", my_add(1, 2, 3));
}
)";
  Result r = run(bytedmd + " run mix.cpp --bytes=native --cache-sizes=4,8,12 "
                           "--bytes-per-element=8");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 7), "10.5\n6\n") << r.out;
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/bytedmd-report.json"));
  const auto &mix = report["measurements"][0]["variants"][0];
  EXPECT_EQ(mix["name"], "bytes=native");
  EXPECT_EQ(mix["bytes"], "native");
  EXPECT_EQ(mix["trace"], nlohmann::json::array({4, 12, 8, 12}));
  EXPECT_EQ(mix["cost"], 68);
  EXPECT_EQ(mix["peak_live_bytes"], 16);
  // Misses in bytes: reads whose bottom byte lies deeper than the cache.
  EXPECT_EQ(mix["misses"][0]["misses"], 3);
  EXPECT_EQ(mix["misses"][1]["misses"], 2);
  EXPECT_EQ(mix["misses"][2]["misses"], 0);
  // All doubles: native is the default priced at 8 bytes per element. The
  // trace 1,2,1,2 becomes byte depths 8,16,8,16; bytes 1..8 cost 19 and
  // bytes 9..16 cost 3 + 7 * 4 = 31: 100 either way.
  const auto &add = report["measurements"][1];
  EXPECT_EQ(add["cost"], 100);
  EXPECT_EQ(add["variants"][0]["trace"], nlohmann::json::array({8, 16, 8, 16}));
  EXPECT_EQ(add["variants"][0]["cost"], 100);
}

TEST_F(Cli, LocationStackCountsWhatTheProgramLoadsAndStores) {
  // Accesses: R a[0], R a[1], W s, R s, R a[0], W s, R s (return loads s);
  // replay_test's Locations tests derive both traces step by step.
  std::ofstream(dir + "/loc.cpp") << R"(#include <cstdio>
#include <vector>
double loc(const std::vector<double> &a) {
  double s = a[0] * a[1];
  s = s + a[0];
  return s;
}
int main() { std::printf("%g\n", loc({2, 3})); }
)";
  Result r = run(bytedmd + " run loc.cpp --variant=stack=locations "
                           "--variant=stack=locations,no-liveness");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 2), "8\n");
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/bytedmd-report.json"));
  const auto &v = report["measurements"][0]["variants"];
  EXPECT_EQ(v[0]["name"], "stack=locations");
  EXPECT_EQ(v[0]["stack"], "locations");
  EXPECT_EQ(v[0]["trace"], nlohmann::json::array({2, 2, 1, 1, 1}));
  EXPECT_EQ(v[0]["cost"], 7);
  EXPECT_EQ(v[0]["cold_reads"], 0);
  EXPECT_EQ(v[1]["name"], "stack=locations,no-liveness");
  EXPECT_EQ(v[1]["trace"], nlohmann::json::array({2, 2, 1, 3, 1}));
  EXPECT_EQ(v[1]["cost"], 8);
  EXPECT_EQ(v[1]["peak_live"], 3);
  r = run(bytedmd + " run loc.cpp --stack=locations --bytes=native");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("do not combine"), std::string::npos) << r.err;
}

TEST_F(Cli, TiledMatmulDMDLiesWithinThePublishedBounds) {
  // Smith, Goldfarb and Ding (ICS 2022), Theorem 3: tiled matmul in the
  // jj, kk, i, j, k order has DMD (locations, no liveness, plain sqrt)
  // between N^4/B + N^3 B and 2 sqrt(3) N^4/B + sqrt(2) N^3 B.
  const std::string linalg = std::string(BYTEDMD_SOURCE_DIR) + "/benchmarks/linalg/linalg.cpp";
  Result r = run(bytedmd + " run " + linalg + " --function=tiled_published --untracked=block "
                           "--keep-dir=" + dir + "/build");
  ASSERT_EQ(r.status, 2) << r.err; // built; linalg wants arguments
  for (const auto &[n, b] : {std::pair{16, 2}, {16, 4}, {32, 4}, {32, 8}}) {
    r = run("BYTEDMD_VARIANTS=stack=locations,no-liveness,cost=sqrt BYTEDMD_REPORT=t.json "
            "build/linalg.bytedmd tiled_published " + std::to_string(n) + " " + std::to_string(b));
    ASSERT_EQ(r.status, 0) << r.err;
    const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/t.json"));
    const auto &v = report["measurements"][0]["variants"][0];
    const double N = n, B = b, dmd = v["cost"].get<double>();
    EXPECT_GE(dmd, N * N * N * N / B + N * N * N * B) << "N=" << n << " B=" << b;
    EXPECT_LE(dmd, 2 * std::sqrt(3.0) * N * N * N * N / B + std::sqrt(2.0) * N * N * N * B)
        << "N=" << n << " B=" << b;
    EXPECT_EQ(v["cold_reads"], 0);
    // Locations: A, B and C, N^2 each, none ever leaves.
    EXPECT_EQ(v["peak_live"], 3 * n * n);
  }
}

TEST_F(Cli, RecursiveMatmulWithoutLivenessKeepsDNValuesAndMissesFall) {
  // benchmarks/linalg's 8-way recursive matmul makes a new value for every
  // product (N^3) and every sum (N^3 - N^2); without liveness all of them
  // and the 2N^2 inputs stay: D_N = N^2(2N - 1) + 2N^2 (Smith, Goldfarb and
  // Ding, ICS 2022), 20, 144 and 1088 at N = 2, 4, 8.
  const std::string linalg = std::string(BYTEDMD_SOURCE_DIR) + "/benchmarks/linalg/linalg.cpp";
  Result r = run(bytedmd + " run " + linalg + " --function=recursive --function=matmul "
                           "--keep-dir=" + dir + "/build");
  ASSERT_EQ(r.status, 2) << r.err; // no arguments: linalg's usage, but it is built
  for (const auto &[n, dn] : {std::pair{2, 20}, {4, 144}, {8, 1088}}) {
    r = run("BYTEDMD_VARIANTS=no-liveness BYTEDMD_REPORT=r.json build/linalg.bytedmd recursive " +
            std::to_string(n));
    ASSERT_EQ(r.status, 0) << r.err;
    const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/r.json"));
    EXPECT_EQ(report["measurements"][0]["variants"][0]["peak_live"], dn) << "N = " << n;
  }
  // The miss-ratio curve of naive matmul never rises with the cache size,
  // and is zero once the cache holds the peak live set (every read is of a
  // value already on the stack, at a depth no larger than it).
  r = run("BYTEDMD_CACHE_SIZES=1,2,4,8,16,32,64,128,256 BYTEDMD_VARIANTS=no-liveness "
          "BYTEDMD_REPORT=m.json build/linalg.bytedmd matmul 8");
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/m.json"));
  for (const nlohmann::json &stats : {report["measurements"][0], report["measurements"][0]["variants"][0]}) {
    const std::uint64_t peak = stats["peak_live"];
    std::uint64_t previous = ~std::uint64_t(0);
    for (const auto &point : stats["misses"]) {
      const std::uint64_t misses = point["misses"];
      EXPECT_LE(misses, previous);
      previous = misses;
      if (point["cache_size"].get<std::uint64_t>() >= peak)
        EXPECT_EQ(misses, 0u) << point.dump();
    }
    EXPECT_GT(stats["misses"][0]["misses"].get<std::uint64_t>(), 0u);
  }
}

TEST_F(Cli, InstrumentWritesToStandardOutputWithoutDashO) {
  Result r = run(instrument + " " + input("exit_status.cpp"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("#include \"bytedmd/instrument.hpp\"", 0), 0u);
  EXPECT_NE(r.out.find("::bytedmd::Frame bytedmd_frame"), std::string::npos);
}

} // namespace

namespace {

// The two-stack variant beside the default, from one run: the development
// tracer's own figures (matvec at N=4: 147, naive i-j-k matmul at N=16:
// 109,218), while the default stays the reference's (157, 109,783).
TEST_F(Cli, TwoStackVariantGivesTheDevelopmentTracersNumbers) {
  const std::string linalg = std::string(BYTEDMD_SOURCE_DIR) + "/benchmarks/linalg/linalg.cpp";
  Result r = run(instrument + " " + linalg + " -o linalg.cpp && c++ -O2 linalg.cpp $(" +
                 instrument + " --print-flags) -o linalg");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto measure = [&](const std::string &args) {
    const Result m = run("BYTEDMD_VARIANTS=two-stack BYTEDMD_REPORT=r.json ./linalg " + args);
    EXPECT_EQ(m.status, 0) << m.err;
    const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/r.json"));
    return report["measurements"][0];
  };
  const nlohmann::json matvec = measure("matvec 4");
  EXPECT_EQ(matvec["cost"], 157);
  ASSERT_EQ(matvec["variants"].size(), 1u);
  EXPECT_EQ(matvec["variants"][0]["name"], "two-stack");
  EXPECT_EQ(matvec["variants"][0]["cost"], 147);
  const nlohmann::json matmul = measure("matmul 16");
  EXPECT_EQ(matmul["cost"], 109783);
  EXPECT_EQ(matmul["variants"][0]["cost"], 109218);
  // bytedmd run takes it as --variant=two-stack, and combines it with B.
  Result v = run(bytedmd + " run " + std::string(BYTEDMD_SOURCE_DIR) +
                 "/examples/matvec.cpp --variant=two-stack --report=m.json");
  ASSERT_EQ(v.status, 0) << v.err;
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/m.json"));
  EXPECT_EQ(report["measurements"][1]["variants"][0]["cost"], 147); // N = 4
  // A pointer parameter's inputs (declared on first read) take argument
  // depths in parameter, then address, order: p[0] 1, p[1] 2, then k 3.
  // p[1] * k reads 2, 3 (2 + 2) -> t1; t1 + p[0] reads 1, 1 (LRU, then the
  // argument stack) -> t2; the epilogue reads t2 at 1. Cost 7.
  std::ofstream(dir + "/pointer.cpp")
      << "#include <cstdio>\n"
         "double f(const double *p, double k) { return p[1] * k + p[0]; }\n"
         "int main() { const double x[2] = {1.5, 2.5}; std::printf(\"%g\\n\", f(x, 3)); }\n";
  Result p = run(bytedmd + " run pointer.cpp --function=f --variant=two-stack --report=p.json");
  ASSERT_EQ(p.status, 0) << p.err;
  const nlohmann::json pointer = nlohmann::json::parse(readFile(dir + "/p.json"));
  EXPECT_EQ(pointer["measurements"][0]["variants"][0]["trace"], nlohmann::json({2, 3, 1, 1, 1}));
  EXPECT_EQ(pointer["measurements"][0]["variants"][0]["cost"], 7);
  Result bad = run(bytedmd + " run " + std::string(BYTEDMD_SOURCE_DIR) +
                   "/examples/matvec.cpp --variant=two-stack,bytes=native");
  EXPECT_NE(bad.status, 0);
  EXPECT_NE(bad.err.find("two-stack combines with"), std::string::npos) << bad.err;
}

} // namespace
