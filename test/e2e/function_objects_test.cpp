// function_objects_test.cpp - <functional>'s function objects and other
// callables handed to algorithms or called in the file are measured exactly
// (semantics.md, "Instructions" and "Standard algorithms").
//
// Every expected trace below is derived by hand from the model: the stack
// (top first) before each read, the depth read, and the cost ceil(sqrt(d)).
// Inputs are pushed last parameter first, each parameter's elements in
// order, so the first parameter's last element is on top. A value leaves
// the stack after its last read (a returned value never does); a value never
// read leaves at once. The algorithms run as libstdc++ 12 writes them.
#include "program_run.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace {

using bytedmd::testing::ProgramRun;
using bytedmd::testing::runProgram;

class FunctionObjects : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    run_ = runProgram(BYTEDMD_E2E_DIR "/algorithms/function_objects.cpp");
  }
  static void expectExact(const std::string &function, const std::vector<std::uint32_t> &trace,
                          std::uint64_t cost) {
    ASSERT_TRUE(run_.measured.count(function)) << function;
    const nlohmann::json &m = run_.measured[function];
    EXPECT_EQ(m["approximate"], false) << function << ": " << m["diagnostics"].dump();
    EXPECT_EQ(m["unattributed_loads"], 0) << function;
    EXPECT_EQ(m["trace"].get<std::vector<std::uint32_t>>(), trace) << function;
    EXPECT_EQ(m["cost"], cost) << function;
  }
  static inline ProgramRun run_;
};

TEST_F(FunctionObjects, TheInstrumentedProgramPrintsWhatThePlainOnePrints) {
  ASSERT_FALSE(run_.plain.empty());
  EXPECT_NE(run_.printed.find(run_.plain), std::string::npos)
      << run_.printed << "\nplain:\n" << run_.plain;
  EXPECT_EQ(run_.errors.find("warning: bytedmd"), std::string::npos) << run_.errors;
}

TEST_F(FunctionObjects, FunctionObjectsHandedToAlgorithms) {
  // accumulate(v, 1.0, multiplies<double>()), v = {v0, v1, v2}: init = init * *it.
  //   1.0 * v0: [v2 v1 v0] v0@3 (2); v0 dies; p1 pushed      [p1 v2 v1]
  //   p1 * v1:  p1@1 (1), v1@3 (2); both die; p2 pushed      [p2 v2]
  //   p2 * v2:  p2@1 (1), v2@2 (2); p3 is the result.        total 8
  expectExact("product", {3, 1, 3, 1, 2}, 8);
  expectExact("product_stored", {3, 1, 3, 1, 2}, 8); // the same events as product
  // accumulate(v, 0.0, plus<int>()) on {1.5, 2.5, 0.5}: the values are
  // 0+1, 1+2, 3+0 (the program prints 3, as the plain build does); the events
  // are product's.
  expectExact("int_sum", {3, 1, 3, 1, 2}, 8);
  // inner_product(a, b, 0.0, plus<double>(), multiplies<double>()), a = {a0, a1},
  // b = {b0, b1}: init = init + (*i1 * *i2).          stack [a1 a0 b1 b0]
  //   a0 * b0: a0@2 (2), b0@4 (2); both die; m1       [m1 a1 b1]
  //   0.0 + m1: m1@1 (1); s1                           [s1 a1 b1]
  //   a1 * b1: a1@2 (2), b1@3 (2); m2                  [m2 s1]
  //   s1 + m2: s1@2 (2), m2@1 (1)                      total 12
  expectExact("dot_typed", {2, 4, 1, 2, 3, 2, 1}, 12);
  // accumulate(v, 0, bit_xor<int>()) over std::vector<int>: as product.
  expectExact("xor_all", {3, 1, 3, 1, 2}, 8);
  // sort of x = {1, 3, 2} with greater<double>: libstdc++'s insertion sort.
  // Comparisons: x1 > x0 (true, x1 goes first), x2 > x1 (false), then the
  // unguarded insert of x2: x2 > x0 (true), x2 > x1 (false). Each comparison
  // is followed by the truth read of its bool (@1, cost 1), which then dies.
  //   x1 > x0: [x2 x1 x0] x1@2 (2), x0@3 (2)             -> [x0 x1 x2]
  //   x2 > x1: x2@3 (2), x1@2 (2)                          -> [x1 x2 x0]
  //   x2 > x0: x2@2 (2), x0@3 (2); x0 dies                 -> [x2 x1]
  //   x2 > x1: x2@1 (1), x1@2 (2)                          total 5+5+5+4 = 19
  expectExact("sort_greater", {2, 3, 1, 3, 2, 1, 2, 3, 1, 1, 2, 1}, 19);
  // *max_element(v, less<double>()), v = {1, 3, 2}: result < *it.
  //   x0 < x1: [x2 x1 x0] x0@3 (2), x1@2 (2); x0 dies; truth @1 (1)   [x1 x2]
  //   x1 < x2: x1@1 (1), x2@2 (2); x2 dies; truth @1 (1)        total 9
  expectExact("largest_typed", {3, 2, 1, 1, 2, 1}, 9);
  // partial_sum(a, p, multiplies<double>()), return p.back():
  //   a0 * a1: [a2 a1 a0] a0@3 (2), a1@2 (2); both die; p1   [p1 a2]
  //   p1 * a2: p1@1 (1), a2@2 (2)                            total 7
  expectExact("product_last", {3, 2, 1, 2}, 7);
  // adjacent_difference(a, d, minus<double>()), return d[1] * d[2]:
  //   a1 - a0: [a2 a1 a0] a1@2 (2), a0@3 (2); a0 dies; d1   [d1 a1 a2]
  //   a2 - a1: a2@3 (2), a1@2 (2); both die; d2            [d2 d1]
  //   d1 * d2: d1@2 (2), d2@1 (1)                          total 11
  expectExact("differences", {2, 3, 3, 2, 2, 1}, 11);
  // transform(a, b, o, plus<double>()), return o[1]:  [a1 a0 b1 b0]
  //   a0 + b0: a0@2 (2), b0@4 (2); o[0] never read, dies   [a1 b1]
  //   a1 + b1: a1@1 (1), b1@2 (2)                          total 7
  expectExact("pair_sum_last", {2, 4, 1, 2}, 7);
}

TEST_F(FunctionObjects, FunctionObjectsCalledInTheFile) {
  // std::plus<double>()(a, b) is the one instruction a + b: [a b], a@1 (1), b@2 (2).
  expectExact("add_called", {1, 2}, 3);
  // std::less<double>()(a, b): a < b, the tracked bool returned.
  expectExact("less_called", {1, 2}, 3);
  // std::less<int>: the operands converted to int (free, keys kept), then a < b.
  expectExact("less_as_int", {1, 2}, 3);
  // negate<double>()(a) + b: [a b] -a: a@1 (1); a dies; n pushed [n b];
  // n + b: n@1 (1), b@2 (2).                                         total 4
  expectExact("negate_then_add", {1, 1, 2}, 4);
  // logical_and<double>()(a, b) with a = 1: a truth read of a ([a b], a@1 (1);
  // a dies), a true, then of b ([b], b@1 (1)). No output.             total 2
  expectExact("both", {1, 1}, 2);
}

TEST_F(FunctionObjects, CallablesHandedToAlgorithms) {
  // sort_greater's comparisons (above), through a pointer to the file's own
  // x > y: each an instrumented call, the same reads.
  expectExact("sort_by_pointer", {2, 3, 1, 3, 2, 1, 2, 3, 1, 1, 2, 1}, 19);
  // transform(a, out, square) with square the file's x * x: an instrumented
  // call per element; out's elements are written, never read.
  //   a0 * a0: [a2 a1 a0] a0@3 (2) twice; a0 dies          [a2 a1]
  //   a1 * a1: a1@2 (2) twice                               [a2]
  //   a2 * a2: a2@1 (1) twice                               total 10
  expectExact("squares", {3, 3, 2, 2, 1, 1}, 10);
  // transform(a, a, Scale{k}) with Scale's operator() k * x, return a[0].
  // Inputs: k first (the last parameter), then a:      [a2 a1 a0 k]
  //   k * a0: k@4 (2), a0@3 (2); a0 dies; t0 = a[0], returned   [t0 k a2 a1]
  //   k * a1: k@2 (2), a1@4 (2); a1 dies; t1 never read          [k t0 a2]
  //   k * a2: k@1 (1), a2@3 (2)                                  total 11
  expectExact("scaled_by_object", {4, 3, 2, 4, 1, 3}, 11);
  // fold(a, f) = accumulate(a, 0.0, f), f a std::function holding the file's
  // lambda acc + x * x (an instrumented call through it):
  //   a0 * a0: [a2 a1 a0] a0@3 (2) twice; t0; 0.0 + t0: t0@1 (1); r0   [r0 a2 a1]
  //   a1 * a1: a1@3 (2) twice; t1; r0 + t1: r0@2 (2), t1@1 (1); r1      [r1 a2]
  //   a2 * a2: a2@2 (2) twice; t2; r1 + t2: r1@2 (2), t2@1 (1)          total 19
  expectExact("sum_of_squares", {3, 3, 1, 3, 3, 2, 1, 2, 2, 2, 1}, 19);
  // accumulate over std::vector<Point> {x, y} with the file's s + p.x: the
  // inputs are x0 y0 x1 y1 x2 y2 (row-major); the y's are never read and leave
  // at once, so the stack is [x2 x1 x0] and the events are product's.
  expectExact("sum_x", {3, 1, 3, 1, 2}, 8);
  // max_element over Points by a.y < b.y, then ->y; y = {10, 30, 20}, the
  // x's leave at once:                                    [y2 y1 y0]
  //   y0 < y1: y0@3 (2), y1@2 (2); y0 dies; truth @1 (1); true   [y1 y2]
  //   y1 < y2: y1@1 (1), y2@2 (2); y2 dies; truth @1 (1); false, y1 returned
  //                                                         total 9
  expectExact("highest_y", {3, 2, 1, 1, 2, 1}, 9);
}

TEST_F(FunctionObjects, TheFormsOverValues) {
  // std::min({a, b, c}) = *min_element of the list: *it < *result.
  //   b < a: [a b c] b@2 (2), a@1 (1); a dies; truth @1 (1)        [b c]
  //   c < b: c@2 (2), b@1 (1); c dies; truth @1 (1); b returned    total 8
  expectExact("min3", {2, 1, 1, 2, 1, 1}, 8);
  // std::max(a, b, comp) = comp(a, b) ? b : a, comp the file's x < y:
  //   a < b: [a b] a@1 (1), b@2 (2); a dies; truth @1 (1)          total 4
  expectExact("max_by", {1, 2, 1}, 4);
  // std::clamp(x, lo, hi) = min(max(x, lo), hi), libstdc++'s max(a, b) being
  // a < b ? b : a and min(a, b) being b < a ? b : a. x = 5, lo = 0, hi = 1:
  //   x < lo: [x lo hi] x@1 (1), lo@2 (2); lo dies; truth (1)       [x hi]
  //   hi < x: hi@2 (2), x@1 (1); x dies; truth (1); hi returned     total 8
  expectExact("clamped", {1, 2, 1, 2, 1, 1}, 8);
  // iota(v, x0) then v[0] + v[2]: ++value reads the value. v's own elements
  // are overwritten before any read, so they leave at once.      [x0]
  //   ++x0: x0@1 (1); y1   [y1 x0];  ++y1: y1@1 (1); y2   [y2 x0]
  //   ++y2: y2@1 (1); y3 never read
  //   x0 + y2: x0@2 (2), y2@1 (1)                                 total 6
  expectExact("ramp", {1, 1, 1, 2, 1}, 6);
}

} // namespace
