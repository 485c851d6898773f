// e2e_test.cpp - golden end-to-end programs: each test/e2e/cases/*.cpp (and
// the benchmarks' programs) carries its expected numbers as comments,
//
//   // EXPECT: <function> call=<N> cost=<C> [trace=<d,d,...>] [reads=<R>]
//   // ENV: BYTEDMD_BYTES_PER_ELEMENT=2        (optional, a bytedmd run option)
//
// taken from ../shared/conformance/cases.md. Each program goes through
// `bytedmd run`; the report must hold exactly those measurements, and the
// instrumented program must print what the original prints.
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

using bytedmd::testing::readFile;
using bytedmd::testing::scratchDir;
using bytedmd::testing::shell;

struct Expectation {
  std::string function;
  unsigned call = 0;
  unsigned long long cost = 0;
  bool hasTrace = false, hasReads = false;
  std::vector<unsigned> trace;
  unsigned long long reads = 0;
};

struct Case {
  std::vector<Expectation> expected;
  std::vector<std::string> runOptions;
  std::string environment; // the same settings, for running the binary directly
};

Case parse(const std::string &source) {
  Case c;
  std::istringstream in(source);
  std::string line;
  const std::regex expect(R"(^// EXPECT: (\S+) call=(\d+) cost=(\d+)(.*)$)");
  const std::regex env(R"(^// ENV: BYTEDMD_BYTES_PER_ELEMENT=(\d+)\s*$)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, expect)) {
      Expectation e;
      e.function = m[1];
      e.call = unsigned(std::stoul(m[2]));
      e.cost = std::stoull(m[3]);
      std::smatch field;
      const std::string rest = m[4];
      if (std::regex_search(rest, field, std::regex(R"(trace=([0-9,]*))"))) {
        e.hasTrace = true;
        std::stringstream list(field[1].str());
        std::string item;
        while (std::getline(list, item, ','))
          if (!item.empty())
            e.trace.push_back(unsigned(std::stoul(item)));
      }
      if (std::regex_search(rest, field, std::regex(R"(reads=(\d+))"))) {
        e.hasReads = true;
        e.reads = std::stoull(field[1]);
      }
      c.expected.push_back(e);
    } else if (std::regex_match(line, m, env)) {
      c.runOptions.push_back("--bytes-per-element=" + m[1].str());
      c.environment += " BYTEDMD_BYTES_PER_ELEMENT=" + m[1].str();
    }
  }
  return c;
}

class Program : public ::testing::TestWithParam<std::string> {};

TEST_P(Program, MatchesTheReferenceAndComputesWhatTheOriginalComputes) {
  const std::string source = GetParam();
  const Case c = parse(readFile(source));
  ASSERT_FALSE(c.expected.empty()) << source << " has no EXPECT lines";
  const std::string dir = scratchDir();
  std::string options;
  for (const std::string &o : c.runOptions)
    options += " " + o;

  // bytedmd run
  const int status =
      shell(std::string(BYTEDMD_EXE) + " run " + source + options + " --report=" + dir +
            "/report.json --keep-dir=" + dir + "/work >" + dir + "/run.out 2>" + dir + "/run.err");
  ASSERT_EQ(status, 0) << readFile(dir + "/run.err");
  const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/report.json"));
  const auto &measurements = report["measurements"];
  ASSERT_EQ(measurements.size(), c.expected.size()) << report.dump(1).substr(0, 4000);
  for (std::size_t i = 0; i < c.expected.size(); ++i) {
    const Expectation &e = c.expected[i];
    const auto &m = measurements[i];
    SCOPED_TRACE(e.function + " call=" + std::to_string(e.call));
    EXPECT_EQ(m["function"], e.function);
    EXPECT_EQ(m["call"], e.call);
    EXPECT_EQ(m["cost"], e.cost);
    if (e.hasTrace)
      EXPECT_EQ(m["trace"].get<std::vector<unsigned>>(), e.trace);
    if (e.hasReads)
      EXPECT_EQ(m["reads"], e.reads);
    EXPECT_EQ(m["approximate"], false) << m["diagnostics"].dump();
    EXPECT_EQ(m["stale_loads"], 0); // no load found a location rewritten behind the tool
    EXPECT_EQ(m["unattributed_loads"], 0); // nor memory only code the tool does not see wrote
    // Every read is charged to exactly one source line, so the lines (and
    // `bytedmd annotate`) add up to the measurement.
    std::uint64_t lineCost = 0, lineReads = 0;
    for (const auto &l : m["lines"]) {
      lineCost += l["cost"].get<std::uint64_t>();
      lineReads += l["reads"].get<std::uint64_t>();
    }
    EXPECT_EQ(lineCost, m["cost"].get<std::uint64_t>()) << m["lines"].dump();
    EXPECT_EQ(lineReads, m["reads"].get<std::uint64_t>()) << m["lines"].dump();
  }

  // Semantics preserved: the original and the instrumented program print the
  // same bytes.
  ASSERT_EQ(shell("c++ -std=c++17 -O2 -I" BYTEDMD_RUNTIME_INCLUDE " -o " + dir + "/original " +
                  source + " 2>" + dir + "/cc.err"),
            0)
      << readFile(dir + "/cc.err");
  ASSERT_EQ(shell(dir + "/original >" + dir + "/original.out"), 0);
  const std::string name =
      source.substr(source.rfind('/') + 1, source.rfind('.') - source.rfind('/') - 1);
  ASSERT_EQ(shell("env" + c.environment + " BYTEDMD_REPORT=" + dir + "/again.json " + dir +
                  "/work/" + name + ".bytedmd >" + dir + "/instrumented.out"),
            0);
  EXPECT_EQ(readFile(dir + "/instrumented.out"), readFile(dir + "/original.out"));
  // Running the kept binary again gives the same report (determinism).
  EXPECT_EQ(nlohmann::json::parse(readFile(dir + "/again.json"))["measurements"], measurements);
  shell("rm -rf " + dir);
}

std::vector<std::string> programs() {
  std::vector<std::string> list;
  std::stringstream names(BYTEDMD_E2E_PROGRAMS);
  std::string item;
  while (std::getline(names, item, ','))
    if (!item.empty())
      list.push_back(item);
  return list;
}

std::string testName(const ::testing::TestParamInfo<std::string> &info) {
  std::string name = info.param.substr(info.param.rfind('/') + 1);
  name = name.substr(0, name.rfind('.'));
  for (char &ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)))
      ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Golden, Program, ::testing::ValuesIn(programs()), testName);

TEST(Ir, SeedMatvec2ListingLineForLine) {
  const std::string dir = scratchDir();
  const std::string source = std::string(BYTEDMD_E2E_DIR) + "/cases/matvec2_seed.cpp";
  ASSERT_EQ(shell(std::string(BYTEDMD_EXE) + " run " + source + " --ir --report=" + dir +
                  "/r.json --keep-dir=" + dir + "/work >" + dir + "/out 2>" + dir + "/err"),
            0)
      << readFile(dir + "/err");
  const std::string expected = readFile(std::string(BYTEDMD_E2E_DIR) + "/cases/matvec2_seed.ir");
  EXPECT_EQ(readFile(dir + "/work/matvec2_seed.ir"), expected);
  // --ir prints it after the summary, too.
  const std::string out = readFile(dir + "/out");
  EXPECT_NE(out.find(expected), std::string::npos) << out;
  shell("rm -rf " + dir);
}

TEST(Ir, NamesWhereTheSourceHasThem) {
  // The seed's listing with each vN replaced by its source name: the inputs
  // by parameter and index, the products by their expression, the sums by
  // the variables they initialise (y0, y1).
  const std::string dir = scratchDir();
  const std::string source = std::string(BYTEDMD_E2E_DIR) + "/cases/matvec2_seed.cpp";
  ASSERT_EQ(shell(std::string(BYTEDMD_EXE) + " run " + source + " --ir=names --report=" + dir +
                  "/r.json --keep-dir=" + dir + "/work >" + dir + "/out 2>" + dir + "/err"),
            0)
      << readFile(dir + "/err");
  EXPECT_EQ(readFile(dir + "/work/matvec2_seed.ir"),
            readFile(std::string(BYTEDMD_E2E_DIR) + "/cases/matvec2_seed_names.ir"));
  shell("rm -rf " + dir);
}

} // namespace
