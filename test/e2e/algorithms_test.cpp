// algorithms_test.cpp - standard algorithms over tracked data are measured
// as libstdc++ executes them (semantics.md, "Standard algorithms").
//
// The oracle runs the same libstdc++ algorithms on the reference tracer's
// values (test/support/reference_tracer.h: every value a Num whose
// operators record the instruction, as the Python tracer's objects do; a
// comparison that decides a branch is the comparison plus a truth read),
// then replays the events with the naive O(n) stack. So the comparisons,
// their order and the element moves are libstdc++'s own, and nothing of
// bytedmd is involved. Each measurement of test/e2e/algorithms/algorithms.cpp
// must equal its oracle, and the program must print what the plain build
// prints.
#include "reference_tracer.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <string>
#include <vector>

namespace bytedmd::reference {
inline Num lt(const Num &a, const Num &b) { return tracerOf(a, b)->op({a, b}, a.v < b.v); }
inline Num gt(const Num &a, const Num &b) { return tracerOf(a, b)->op({a, b}, a.v > b.v); }
/// libstdc++'s default ordering: the comparison, read as a condition.
inline bool operator<(const Num &a, const Num &b) { return truth(lt(a, b)); }
} // namespace bytedmd::reference

namespace {

using bytedmd::reference::lit;
using bytedmd::reference::Num;
using bytedmd::reference::Outcome;
using bytedmd::reference::Tracer;
using bytedmd::testing::readFile;
using bytedmd::testing::scratchDir;
using bytedmd::testing::shell;

const std::string kProgram = BYTEDMD_E2E_DIR "/algorithms/algorithms.cpp";

// The data main() passes.
const std::vector<double> kA{3, 1, 4, 1.5, 9, 2.6};
const std::vector<double> kB{2, 7, 1, 8, 2.8, 1.8};
std::vector<double> twenty() {
  std::vector<double> v;
  for (int i = 0; i < 20; ++i)
    v.push_back((i * 7919 % 23) + 0.5);
  return v;
}

/// One parameter's elements as eager inputs (parameters are declared last first).
std::vector<Num> inputs(Tracer &t, const std::vector<double> &values) {
  t.param();
  std::vector<Num> v;
  for (double x : values)
    v.push_back(t.input(x));
  return v;
}

Outcome finish(Tracer &t, const Num &result) {
  t.result(result);
  return t.replay();
}

Outcome sum() {
  Tracer t;
  const std::vector<Num> v = inputs(t, kA);
  return finish(t, std::accumulate(v.begin(), v.end(), lit(0.0)));
}

Outcome dot() {
  Tracer t;
  const std::vector<Num> b = inputs(t, kB);
  const std::vector<Num> a = inputs(t, kA);
  return finish(t, std::inner_product(a.begin(), a.end(), b.begin(), lit(0.0)));
}

Outcome scaledSum() {
  Tracer t;
  t.param();
  const Num k = t.input(1.5);
  const std::vector<Num> v = inputs(t, kA);
  std::vector<Num> w(v.size(), lit(0.0));
  std::transform(v.begin(), v.end(), w.begin(), [&](const Num &x) { return x * k; });
  return finish(t, std::accumulate(w.begin(), w.end(), lit(0.0)));
}

Outcome largest() {
  Tracer t;
  const std::vector<Num> v = inputs(t, kA);
  return finish(t, *std::max_element(v.begin(), v.end()));
}

Outcome runningLast() {
  Tracer t;
  const std::vector<Num> v = inputs(t, kA);
  std::vector<Num> p(v.size(), lit(0.0));
  std::partial_sum(v.begin(), v.end(), p.begin());
  return finish(t, p.back());
}

Outcome median6() {
  Tracer t;
  std::vector<Num> s = inputs(t, kA);
  std::sort(s.begin(), s.end());
  return finish(t, (s[2] + s[3]) / lit(2));
}

Outcome sortedEnds() {
  Tracer t;
  std::vector<Num> v = inputs(t, twenty());
  std::sort(v.begin(), v.end());
  return finish(t, v.front() + v.back());
}

Outcome sortedDescendingFirst() {
  Tracer t;
  std::vector<Num> v = inputs(t, kB);
  // The comparator is the file's own lambda: its a > b, read by the sort.
  std::sort(v.begin(), v.end(), [](const Num &a, const Num &b) { return truth(gt(a, b)); });
  return finish(t, v[0] * v[1]);
}

class Algorithms : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    const std::string dir = scratchDir();
    ASSERT_EQ(shell(std::string(BYTEDMD_EXE) + " run " + kProgram + " --report=" + dir +
                    "/r.json >" + dir + "/out 2>" + dir + "/err"),
              0)
        << readFile(dir + "/err");
    ASSERT_EQ(shell("c++ -std=c++17 -O2 -o " + dir + "/plain " + kProgram + " && " + dir +
                    "/plain >" + dir + "/plain.out"),
              0);
    printed_ = readFile(dir + "/out");
    plain_ = readFile(dir + "/plain.out");
    const nlohmann::json report = nlohmann::json::parse(readFile(dir + "/r.json"));
    for (const auto &m : report["measurements"])
      measured_[m["function"].get<std::string>()] = m;
    shell("rm -rf " + dir);
  }

  static void expectOracle(const std::string &function, const Outcome &oracle) {
    ASSERT_TRUE(measured_.count(function)) << function;
    const nlohmann::json &m = measured_[function];
    EXPECT_EQ(m["approximate"], false) << m["diagnostics"].dump();
    EXPECT_EQ(m["unattributed_loads"], 0);
    EXPECT_EQ(m["trace"].get<std::vector<std::uint32_t>>(), oracle.trace);
    EXPECT_EQ(m["cost"], oracle.cost);
  }

  static inline std::map<std::string, nlohmann::json> measured_;
  static inline std::string printed_, plain_;
};

TEST_F(Algorithms, TheInstrumentedProgramPrintsWhatThePlainOnePrints) {
  ASSERT_FALSE(plain_.empty());
  EXPECT_NE(printed_.find(plain_), std::string::npos) << printed_ << "\nplain:\n" << plain_;
}
TEST_F(Algorithms, Accumulate) { expectOracle("sum", sum()); }
TEST_F(Algorithms, InnerProduct) { expectOracle("dot", dot()); }
TEST_F(Algorithms, TransformWithALambdaOfTheFile) { expectOracle("scaled_sum", scaledSum()); }
TEST_F(Algorithms, MaxElement) { expectOracle("largest", largest()); }
TEST_F(Algorithms, PartialSum) { expectOracle("running_last", runningLast()); }
TEST_F(Algorithms, SortOfSixIsAnInsertionSort) { expectOracle("median6", median6()); }
TEST_F(Algorithms, SortOfTwentyPartitionsFirst) { expectOracle("sorted_ends", sortedEnds()); }
TEST_F(Algorithms, SortWithAComparatorOfTheFile) {
  expectOracle("sorted_descending_first", sortedDescendingFirst());
}

} // namespace
