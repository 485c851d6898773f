// attribution_test.cpp - where the cost goes (issue 16), on programs whose
// numbers are worked by hand here: by function, region, input and op, the
// depth histogram, the timeline and the problem size.
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

using bytedmd::testing::readFile;
using Json = nlohmann::json;

class Attribution : public ::testing::Test {
protected:
  void SetUp() override { dir = bytedmd::testing::scratchDir(); }
  void TearDown() override { std::system(("rm -rf " + dir).c_str()); }

  /// Measures `program` with bytedmd run (extra options after it); the report.
  Json measure(const std::string &program, const std::string &options = "") {
    const int status = bytedmd::testing::shell("cd " + dir + " && " + BYTEDMD_EXE + " run " +
                                               program + " --report=r.json " + options +
                                               " >out 2>err");
    EXPECT_EQ(status, 0) << readFile(dir + "/err");
    return Json::parse(readFile(dir + "/r.json"));
  }
  /// The program's output, built and run without the tool: it must match
  /// the instrumented program's (which bytedmd run printed first).
  void expectSameOutputAsTheOriginal(const std::string &program) {
    const int status = bytedmd::testing::shell(
        "cd " + dir + " && c++ -std=c++17 -O2 -I" + BYTEDMD_RUNTIME_INCLUDE + " " + program +
        " -o original && ./original >original.out");
    ASSERT_EQ(status, 0);
    const std::string original = readFile(dir + "/original.out");
    EXPECT_EQ(readFile(dir + "/out").substr(0, original.size()), original);
  }
  static Json find(const Json &list, const char *key, const std::string &name) {
    for (const Json &e : list)
      if (e[key] == name)
        return e;
    ADD_FAILURE() << "no " << key << " " << name << " in " << list.dump();
    return Json();
  }
  std::string dir;
};

const std::string kDir = std::string(BYTEDMD_E2E_DIR) + "/attribution/";

// f(a, b): inputs b then a (a on top).
//   t1 = a * b         a 1, b 2          cost 1 + 2   f
//   t2 = g(t1, a)      t1 1, a 3         cost 1 + 2   g
//   t3 = g(t2, b)      t2 1, b 3         cost 1 + 2   g
//   t3 * a             t3 1, a 2         cost 1 + 2   f
TEST_F(Attribution, ByFunctionInclusiveAndExclusiveAddUpToTheTotal) {
  const Json report = measure(kDir + "calls.cpp");
  expectSameOutputAsTheOriginal(kDir + "calls.cpp");
  const Json &m = report["measurements"][0];
  ASSERT_EQ(m["function"], "f");
  EXPECT_EQ(m["cost"], 12);
  const Json f = find(m["by_function"], "function", "f");
  const Json g = find(m["by_function"], "function", "g");
  EXPECT_EQ(f["calls"], 1);
  EXPECT_EQ(f["reads"], 4);
  EXPECT_EQ(f["cost_exclusive"], 6);
  EXPECT_EQ(f["cost_inclusive"], 12);
  EXPECT_EQ(f["reads_inclusive"], 8);
  EXPECT_EQ(g["calls"], 2);
  EXPECT_EQ(g["reads"], 4);
  EXPECT_EQ(g["cost_exclusive"], 6);
  EXPECT_EQ(g["cost_inclusive"], 6);
  // By input: a is read at 1 (its first read), 3 and 2; b at 2 (first), 3.
  const Json a = find(m["by_input"], "input", "a"), b = find(m["by_input"], "input", "b");
  EXPECT_EQ(a["reads"], 3);
  EXPECT_EQ(a["cost"], 1 + 2 + 2);
  EXPECT_EQ(a["first_reads"], 1);
  EXPECT_EQ(a["first_cost"], 1);
  EXPECT_EQ(b["reads"], 2);
  EXPECT_EQ(b["cost"], 2 + 2);
  EXPECT_EQ(b["first_cost"], 2);
  EXPECT_EQ(find(m["by_input"], "input", "temporaries")["cost"], 3);
  EXPECT_EQ(find(m["by_op"], "op", "mul")["cost"], 6);
  EXPECT_EQ(find(m["by_op"], "op", "add")["cost"], 6);
}

// fib(n, 4): fib(1) and fib(0) return n itself. Left to right:
//   fib(2) = n + n     1, 1              t1          cost 2
//   fib(3) = t1 + n    1, 2              t2          cost 3
//   fib(2) = n + n     2, 2 (n dies)     t3          cost 4
//   fib(4) = t2 + t3   2, 1                          cost 3
// Nine frames of fib; each read is in fib's inclusive cost once.
TEST_F(Attribution, RecursionIsCountedOncePerFrameChain) {
  const Json report = measure(kDir + "calls.cpp");
  const Json &m = report["measurements"][2];
  ASSERT_EQ(m["function"], "fib");
  EXPECT_EQ(m["cost"], 12);
  ASSERT_EQ(m["by_function"].size(), 1u);
  EXPECT_EQ(m["by_function"][0]["calls"], 9);
  EXPECT_EQ(m["by_function"][0]["cost_exclusive"], 12);
  EXPECT_EQ(m["by_function"][0]["cost_inclusive"], 12);
  EXPECT_EQ(m["by_function"][0]["reads_inclusive"], 8);
}

// The conformance cases' dot_explicit([0,1],[2,3]): trace 2, 4, 2, 3, 2, 1.
// a[0] 2 and a[1] 2 are a's; b[0] 4 -> 2 and b[1] 3 -> 2 are b's; the two
// products, 2 and 1, are temporaries: 4 + 4 + 3 = 11.
TEST_F(Attribution, ADotProductSplitsBetweenItsInputsAndTemporaries) {
  const Json report = measure(kDir + "calls.cpp");
  const Json &m = report["measurements"][1];
  ASSERT_EQ(m["function"], "dot");
  EXPECT_EQ(m["trace"], Json({2, 4, 2, 3, 2, 1}));
  const Json &in = m["by_input"];
  ASSERT_EQ(in.size(), 3u);
  EXPECT_EQ(in[0]["input"], "a"); // in declaration order, temporaries last
  EXPECT_EQ(in[0]["elements"], 2);
  EXPECT_EQ(in[0]["reads"], 2);
  EXPECT_EQ(in[0]["cost"], 4);
  EXPECT_EQ(in[0]["first_cost"], 4);
  EXPECT_EQ(in[1]["input"], "b");
  EXPECT_EQ(in[1]["cost"], 4);
  EXPECT_EQ(in[2]["input"], "temporaries");
  EXPECT_EQ(in[2]["reads"], 2);
  EXPECT_EQ(in[2]["cost"], 3);
}

// Two phases (phases.cpp says why the model makes them independent): the
// regions cost what each phase costs measured alone, and add up.
TEST_F(Attribution, RegionsAddUpAndMatchEachPhaseMeasuredAlone) {
  const Json report = measure(kDir + "phases.cpp");
  expectSameOutputAsTheOriginal(kDir + "phases.cpp");
  const Json &ms = report["measurements"];
  ASSERT_EQ(ms.size(), 3u);
  const Json &both = ms[2];
  ASSERT_EQ(both["function"], "two_phases");
  const Json one = find(both["by_region"], "region", "one");
  const Json two = find(both["by_region"], "region", "two");
  const Json step = find(both["by_region"], "region", "two/step");
  EXPECT_EQ(one["cost_inclusive"], ms[0]["cost"]);
  EXPECT_EQ(two["cost_inclusive"], ms[1]["cost"]);
  EXPECT_EQ(one["reads"], ms[0]["reads"]);
  EXPECT_EQ(two["reads_inclusive"], ms[1]["reads"]);
  // phase_one: a[0]*a[1] reads 4, 3; a[2]*a[3] 3, 2 (the first product
  // above them); the sum 2, 1: 2 + 2 + 2 + 2 + 2 + 1 = 11.
  EXPECT_EQ(ms[0]["cost"], 11);
  // "two" itself reads nothing (s = b[0] is a copy); its steps read all.
  EXPECT_EQ(two["cost_exclusive"], 0);
  EXPECT_EQ(step["entries"], 3);
  EXPECT_EQ(step["cost_exclusive"], two["cost_inclusive"]);
  EXPECT_EQ(both["outside_regions"]["cost"], 0);
  EXPECT_EQ(one["cost_exclusive"].get<int>() + two["cost_exclusive"].get<int>() +
                step["cost_exclusive"].get<int>(),
            both["cost"].get<int>());
  EXPECT_EQ(both["size"], 4);
  EXPECT_FALSE(ms[0].contains("size"));
}

// matvec at N = 2 and 4: the histogram counts the cases file's traces.
TEST_F(Attribution, DepthHistogramCountsTheTraceAndTheTimelinePeaksAtPeakLive) {
  const Json report = measure(std::string(BYTEDMD_SOURCE_DIR) + "/examples/matvec.cpp");
  // N = 2: trace 4, 6, 5, 6, 3, 1, 5, 3, 4, 3, 2, 1.
  const Json &n2 = report["measurements"][0]["depth_histogram"];
  EXPECT_EQ(n2["lo"], Json({1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(n2["hi"], Json({1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(n2["reads"], Json({2, 1, 3, 2, 2, 2}));
  // N = 4 (56 reads, deepest 20), counted from the cases file's trace.
  const Json &n4 = report["measurements"][1]["depth_histogram"];
  EXPECT_EQ(n4["reads"], Json({12, 3, 10, 1, 4, 7, 0, 1, 0, 1, 1, 1, 1, 2, 1, 2, 5, 1, 1, 2}));
  for (const Json &m : report["measurements"]) {
    const Json &cdf = m["depth_histogram"]["cdf"];
    EXPECT_DOUBLE_EQ(cdf.back().get<double>(), 1.0);
    const Json &live = m["timeline"]["live"];
    EXPECT_LE(live.size(), 1000u);
    EXPECT_EQ(*std::max_element(live.begin(), live.end()), m["peak_live"]);
    EXPECT_EQ(m["timeline"]["cost"].back(), m["cost"]);
  }
  // N = 16: deeper than 64, so the bins widen: 65-72, 73-80, ...
  const Json &n16 = report["measurements"][3]["depth_histogram"];
  EXPECT_EQ(n16["lo"][64], 65);
  EXPECT_EQ(n16["hi"][64], 72);
  std::uint64_t reads = 0;
  for (const Json &c : n16["reads"])
    reads += c.get<std::uint64_t>();
  EXPECT_EQ(reads, 992u);
}

} // namespace

namespace {

// The CLI's views of the same numbers: report --by (text, csv, json), the
// distributions as csv, and compare by region.
TEST_F(Attribution, ReportByAndCsvAndCompareByRegion) {
  measure(kDir + "phases.cpp");
  auto run = [&](const std::string &args, int *status = nullptr) {
    const int s = bytedmd::testing::shell("cd " + dir + " && " + BYTEDMD_EXE + " " + args +
                                          " >cli.out 2>cli.err");
    if (status)
      *status = s;
    else
      EXPECT_EQ(s, 0) << readFile(dir + "/cli.err");
    return readFile(dir + "/cli.out");
  };
  const std::string regions = run("report r.json --by=region");
  EXPECT_NE(regions.find("two/step"), std::string::npos) << regions;
  const std::string csv = run("report r.json --by=region --format=csv");
  EXPECT_NE(csv.find("function,call,region,entries,reads,reads_inclusive,cost_exclusive,"
                     "cost_inclusive,share_inclusive\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("two_phases,0,one,1,6,6,11,11,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("two_phases,0,two/step,3,12,12,19,19,"), std::string::npos) << csv;
  const Json byInput = Json::parse(run("report r.json --by=input --format=json"));
  EXPECT_EQ(byInput[0]["by_input"][0]["input"], "a");
  EXPECT_EQ(byInput[0]["by_input"][0]["cost"], 8); // a's four first reads: 4, 3, 3, 2 -> 2 each
  const std::string distributions = run("report r.json --format=csv");
  EXPECT_EQ(distributions.rfind("function,call,series,x_lo,x_hi,value\n", 0), 0u);
  // phase_one's trace 4, 3, 3, 2, 2, 1: one read at 1 and 4, two at 2 and 3.
  EXPECT_NE(distributions.find("phase_one,0,depth_reads,1,1,1\nphase_one,0,depth_reads,2,2,2\n"
                               "phase_one,0,depth_reads,3,3,2\nphase_one,0,depth_reads,4,4,1\n"),
            std::string::npos)
      << distributions;
  EXPECT_NE(distributions.find("phase_one,0,depth_cdf,4,4,1\n"), std::string::npos);
  int status = 0;
  run("report r.json --by=line", &status);
  EXPECT_EQ(status, 2);
  // A region that got dearer fails compare, even when the total did not move.
  Json report = Json::parse(readFile(dir + "/r.json"));
  for (Json &region : report["measurements"][2]["by_region"])
    if (region["region"] == "one")
      region["cost_inclusive"] = 12;
  std::ofstream(dir + "/worse.json") << report.dump();
  const std::string compared = run("compare r.json worse.json", &status);
  EXPECT_EQ(status, 1) << compared;
  EXPECT_NE(compared.find("REGRESSION"), std::string::npos) << compared;
}

} // namespace

namespace {

// BYTEDMD_ATTRIBUTION=0 leaves the breakdowns out (the numbers stay); a bad
// value is refused with the variable's name.
TEST_F(Attribution, CanBeTurnedOffAndABadSettingIsRefused) {
  const Json report = measure(kDir + "calls.cpp");
  const int off = bytedmd::testing::shell("cd " + dir + " && BYTEDMD_ATTRIBUTION=0 " + BYTEDMD_EXE +
                                          " run " + kDir + "calls.cpp --report=off.json >o 2>e");
  ASSERT_EQ(off, 0) << readFile(dir + "/e");
  const Json plain = Json::parse(readFile(dir + "/off.json"));
  EXPECT_EQ(plain["measurements"][0]["cost"], 12);
  EXPECT_EQ(plain["measurements"][0]["trace"], report["measurements"][0]["trace"]);
  EXPECT_FALSE(plain["measurements"][0].contains("by_function"));
  EXPECT_FALSE(plain["measurements"][0].contains("depth_histogram"));
  // Off, regions write no SCOPE words at all; the numbers are the same:
  // phase one alone costs 11 (worked above) and the two phases, regions
  // around each, cost the two alone.
  ASSERT_EQ(bytedmd::testing::shell("cd " + dir + " && BYTEDMD_ATTRIBUTION=0 " + BYTEDMD_EXE +
                                    " run " + kDir + "phases.cpp --report=phases.json >o 2>e"),
            0)
      << readFile(dir + "/e");
  const Json phases = Json::parse(readFile(dir + "/phases.json"))["measurements"];
  ASSERT_EQ(phases.size(), 3u);
  EXPECT_EQ(phases[0]["cost"], 11);
  EXPECT_EQ(phases[2]["cost"].get<int>(),
            phases[0]["cost"].get<int>() + phases[1]["cost"].get<int>());
  EXPECT_FALSE(phases[2].contains("by_region"));
  const int bad = bytedmd::testing::shell("cd " + dir + " && BYTEDMD_ATTRIBUTION=yes " +
                                          BYTEDMD_EXE + " run " + kDir +
                                          "calls.cpp --report=bad.json >o 2>e");
  EXPECT_NE(bad, 0);
  EXPECT_NE(readFile(dir + "/e").find("BYTEDMD_ATTRIBUTION='yes'"), std::string::npos)
      << readFile(dir + "/e");
}

} // namespace
