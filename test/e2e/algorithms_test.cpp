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
#include "program_run.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
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

// A 4-point FFT (complex_fft.cpp): the twiddles are built from untracked
// angles, so each product reads only the odd half's value. Values do not
// steer it, so the oracle tracks keys alone.
Outcome fft4() {
  Tracer t;
  const std::vector<Num> z = inputs(t, {0, 0, 0, 0});
  const auto op = [&](std::initializer_list<Num> operands) { return t.op(operands, 0); };
  const Num w1 = op({z[2]}), e0 = op({z[0], w1}), e1 = op({z[0], w1});
  const Num w2 = op({z[3]}), o0 = op({z[1], w2}), o1 = op({z[1], w2});
  const Num w3 = op({o0}), a0 = op({e0, w3});
  op({e0, w3}); // a[2], never read again
  const Num w4 = op({o1}), a1 = op({e1, w4});
  op({e1, w4}); // a[3]
  const Num s0 = op({a0}), s1 = op({a1}); // std::abs
  return finish(t, op({s0, s1}));
}

// One RK4 step (rk4.cpp): states are std::array<double, 2> returned by value
// from helpers, so their keys travel through the handoff. The oracle writes
// the same operations in the same left-to-right order.
Outcome rk4Step() {
  Tracer t;
  t.param();
  const Num h = t.input(0.1);
  t.param();
  const Num w = t.input(2.0);
  t.param();
  const Num v0 = t.input(0.5);
  t.param();
  const Num y0 = t.input(1.0);
  using S = std::array<Num, 2>;
  const auto neg = [&](const Num &a) { return t.op({a}, -a.v); };
  const auto deriv = [&](const S &y) { return S{y[1], neg(w) * y[0]}; };
  const auto axpy = [&](const S &y, const Num &hh, const S &k) {
    const Num a = y[0] + hh * k[0];
    return S{a, y[1] + hh * k[1]};
  };
  const S y{y0, v0};
  const S k1 = deriv(y);
  const S k2 = deriv(axpy(y, h / lit(2), k1));
  const S k3 = deriv(axpy(y, h / lit(2), k2));
  const S k4 = deriv(axpy(y, h, k3));
  S out;
  for (int i = 0; i < 2; ++i) {
    const Num sixth = h / lit(6);
    const Num a = k1[i] + lit(2) * k2[i];
    const Num b = a + lit(2) * k3[i];
    out[i] = y[i] + sixth * (b + k4[i]);
  }
  return finish(t, out[0] + out[1]);
}

using bytedmd::testing::ProgramRun;
using bytedmd::testing::runProgram;

void expectMeasured(std::map<std::string, nlohmann::json> &measured, const std::string &function,
                    const Outcome &oracle) {
  ASSERT_TRUE(measured.count(function)) << function;
  const nlohmann::json &m = measured[function];
  EXPECT_EQ(m["approximate"], false) << m["diagnostics"].dump();
  EXPECT_EQ(m["unattributed_loads"], 0);
  EXPECT_EQ(m["trace"].get<std::vector<std::uint32_t>>(), oracle.trace);
  EXPECT_EQ(m["cost"], oracle.cost);
}

class Algorithms : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    ProgramRun r = runProgram(kProgram);
    measured_ = std::move(r.measured);
    printed_ = r.printed;
    plain_ = r.plain;
  }

  static void expectOracle(const std::string &function, const Outcome &oracle) {
    expectMeasured(measured_, function, oracle);
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
TEST_F(Algorithms, SortWithATransparentComparatorOfTheLibrary) {
  // std::greater<> compares the same elements in the same order as the
  // file's own a > b; only the call boundary differs, and it is free.
  expectOracle("sorted_greater_first", sortedDescendingFirst());
}
TEST_F(Algorithms, SortWithAComparatorOfTheFile) {
  expectOracle("sorted_descending_first", sortedDescendingFirst());
}

TEST(LibraryValues, AnFftOnStdComplexTreatsEachComplexAsOneValue) {
  ProgramRun r = runProgram(BYTEDMD_E2E_DIR "/algorithms/complex_fft.cpp");
  ASSERT_FALSE(r.plain.empty());
  EXPECT_NE(r.printed.find(r.plain), std::string::npos) << r.printed;
  expectMeasured(r.measured, "f", fft4());
}

TEST(LibraryValues, AnRk4StepOnStdArrayStatesReturnedByValue) {
  ProgramRun r = runProgram(BYTEDMD_E2E_DIR "/algorithms/rk4.cpp");
  ASSERT_FALSE(r.plain.empty());
  EXPECT_NE(r.printed.find(r.plain), std::string::npos) << r.printed;
  expectMeasured(r.measured, "rk4", rk4Step());
}

} // namespace
