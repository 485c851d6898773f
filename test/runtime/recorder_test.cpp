// recorder_test.cpp - the entry set, as instrumented code calls it.
#include "bytedmd/instrument.hpp"
#include "bytedmd/bytedmd.h"
#include "bytedmd/runtime.h"
#include "recorder.h"
#include "recording.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace bytedmd {
namespace {

using Trace = std::vector<std::uint32_t>;

MeasurementRecord lastMeasurement() {
  const std::vector<MeasurementRecord> all = finishedMeasurements();
  EXPECT_FALSE(all.empty());
  return all.empty() ? MeasurementRecord{} : all.back();
}

bytedmd_function myAddSite = {"my_add", {"test.cpp", 10, 1, 0}};

// my_add(a, b, c) = (a + b) + c, as instrumented code would record it.
bytedmd_key myAdd(bytedmd_key a, bytedmd_key b, bytedmd_key c) {
  const int opened = bytedmd_enter(&myAddSite);
  if (opened) {
    c = bytedmd_input();
    b = bytedmd_input();
    a = bytedmd_input();
  }
  const bytedmd_key r = bytedmd_binary(BYTEDMD_OP_ADD, bytedmd_binary(BYTEDMD_OP_ADD, a, b), c);
  if (opened)
    bytedmd_results(&r, 1);
  bytedmd_leave(opened);
  return r;
}

TEST(Recorder, RecordsAndReplaysAMeasurement) {
  myAdd(0, 0, 0);
  const MeasurementRecord m = lastMeasurement();
  EXPECT_EQ(m.function, "my_add");
  EXPECT_EQ(m.file, "test.cpp");
  EXPECT_EQ(m.line, 10u);
  EXPECT_EQ(m.stats.trace, (Trace{1, 2, 1, 2}));
  EXPECT_EQ(m.stats.cost, 6u);
  EXPECT_EQ(m.stats.inputs, 3u);
  EXPECT_EQ(m.stats.instructions, 2u);
  EXPECT_FALSE(m.approximate);
  EXPECT_FALSE(bytedmd_measuring());
}

// Region ids are cached per thread by the name's address and text: a name
// in a buffer that changes keeps each of its names apart.
TEST(Recorder, ARegionNamedByABufferThatChangesKeepsEachName) {
  static bytedmd_function site = {"regions", {"test.cpp", 20, 1, 0}};
  const int opened = bytedmd_enter(&site);
  ASSERT_EQ(opened, 1);
  bytedmd_key b = bytedmd_input(), a = bytedmd_input();
  char name[8] = "first";
  auto step = [&] {
    const int region = bytedmd_region_enter(name);
    a = bytedmd_binary(BYTEDMD_OP_ADD, a, b); // two reads
    if (region)
      bytedmd_region_leave();
  };
  for (int i = 0; i < 3; ++i)
    step();
  std::strcpy(name, "second");
  step();
  bytedmd_results(&a, 1);
  bytedmd_leave(opened);
  const MeasurementRecord m = lastMeasurement();
  ASSERT_EQ(m.breakdown.regions.size(), 2u);
  EXPECT_EQ(m.breakdown.regions[0].name, "first");
  EXPECT_EQ(m.breakdown.regions[0].calls, 3u);
  EXPECT_EQ(m.breakdown.regions[0].reads, 6u);
  EXPECT_EQ(m.breakdown.regions[1].name, "second");
  EXPECT_EQ(m.breakdown.regions[1].calls, 1u);
  EXPECT_EQ(m.breakdown.regions[1].reads, 2u);
}

TEST(Recorder, CallNumbersCountPerFunction) {
  bytedmd_function other = {"other", {"test.cpp", 20, 1, 0}};
  const std::size_t before = finishedMeasurements().size();
  std::uint32_t firstCall = 0;
  for (const MeasurementRecord &m : finishedMeasurements())
    if (m.function == "my_add")
      ++firstCall;
  myAdd(0, 0, 0);
  bytedmd_leave(bytedmd_enter(&other));
  myAdd(0, 0, 0);
  const std::vector<MeasurementRecord> all = finishedMeasurements();
  ASSERT_EQ(all.size(), before + 3);
  EXPECT_EQ(all[before].call, firstCall);
  EXPECT_EQ(all[before + 1].function, "other");
  EXPECT_EQ(all[before + 1].call, 0u);
  EXPECT_EQ(all[before + 2].call, firstCall + 1);
}

TEST(Recorder, CallsInsideAMeasurementArePartOfIt) {
  // outer(a, b, c) = my_add(a, b, c): the inner call opens no measurement,
  // its arguments pass their keys for free.
  bytedmd_function outerSite = {"outer", {"test.cpp", 30, 1, 0}};
  const std::size_t before = finishedMeasurements().size();
  const int opened = bytedmd_enter(&outerSite);
  ASSERT_EQ(opened, 1);
  const bytedmd_key c = bytedmd_input(), b = bytedmd_input(), a = bytedmd_input();
  EXPECT_EQ(bytedmd_enter(&myAddSite), 0);
  const bytedmd_key r = myAdd(a, b, c);
  bytedmd_results(&r, 1);
  bytedmd_leave(opened);
  const std::vector<MeasurementRecord> all = finishedMeasurements();
  ASSERT_EQ(all.size(), before + 1);
  EXPECT_EQ(all.back().function, "outer");
  EXPECT_EQ(all.back().stats.trace, (Trace{1, 2, 1, 2}));
}

TEST(Recorder, UntrackedOperandsAreNotRead) {
  // constants(a) = 10 - a * 10: each instruction reads only a or its result.
  bytedmd_function site = {"constants", {"test.cpp", 40, 1, 0}};
  const int opened = bytedmd_enter(&site);
  const bytedmd_key a = bytedmd_input();
  EXPECT_EQ(bytedmd_binary(BYTEDMD_OP_MUL, 0, 0), 0u); // two literals: no event
  const bytedmd_key t = bytedmd_binary(BYTEDMD_OP_MUL, a, 0);
  const bytedmd_key r = bytedmd_binary(BYTEDMD_OP_SUB, 0, t);
  bytedmd_results(&r, 1);
  bytedmd_leave(opened);
  EXPECT_EQ(lastMeasurement().stats.trace, (Trace{1, 1}));
  EXPECT_EQ(lastMeasurement().stats.cost, 2u);
}

TEST(Recorder, MaxIsAComparisonThenATruthRead) {
  // max2(a, b) = std::max(a, b): gt(b, a) -> c, truth read of c, result b.
  // Inputs b then a: b at depth 2, a at 1; c on top for the truth read.
  bytedmd_function site = {"max2", {"test.cpp", 50, 1, 0}};
  const int opened = bytedmd_enter(&site);
  const bytedmd_key b = bytedmd_input(), a = bytedmd_input();
  const bytedmd_key keys[] = {b, a};
  const bytedmd_key c = bytedmd_instruction(BYTEDMD_OP_GT, keys, 2);
  bytedmd_read(BYTEDMD_OP_TRUTH, c);
  bytedmd_results(&b, 1);
  bytedmd_leave(opened);
  EXPECT_EQ(lastMeasurement().stats.trace, (Trace{2, 1, 1}));
  EXPECT_EQ(lastMeasurement().stats.cost, 4u);
}

TEST(Recorder, KeysOfAnEarlierMeasurementAreUntracked) {
  bytedmd_function site = {"stale", {"test.cpp", 60, 1, 0}};
  int opened = bytedmd_enter(&site);
  const bytedmd_key old = bytedmd_input();
  bytedmd_leave(opened);
  opened = bytedmd_enter(&site);
  const bytedmd_key fresh = bytedmd_input();
  EXPECT_NE(old, fresh);
  EXPECT_EQ(bytedmd_binary(BYTEDMD_OP_ADD, old, old), 0u);
  const bytedmd_key r = bytedmd_binary(BYTEDMD_OP_ADD, old, fresh); // reads fresh only
  bytedmd_results(&r, 1);
  bytedmd_leave(opened);
  EXPECT_EQ(lastMeasurement().stats.trace, (Trace{1}));
}

TEST(Recorder, NothingIsRecordedOutsideAMeasurement) {
  const std::size_t before = finishedMeasurements().size();
  EXPECT_EQ(bytedmd_input(), 0u);
  EXPECT_EQ(bytedmd_binary(BYTEDMD_OP_ADD, 0, 0), 0u);
  const bytedmd_key none[] = {0, 0, 0};
  EXPECT_EQ(bytedmd_instruction(BYTEDMD_OP_FMA, none, 3), 0u);
  bytedmd_read(BYTEDMD_OP_TRUTH, 0);
  bytedmd_leave(0);
  EXPECT_EQ(finishedMeasurements().size(), before);
}

TEST(Recorder, DiagnosticsMarkTheMeasurementApproximateOncePerSite) {
  bytedmd_function site = {"approx", {"test.cpp", 70, 1, 0}};
  static bytedmd_location where = {"test.cpp", 72, 5, 0};
  const int opened = bytedmd_enter(&site);
  for (int i = 0; i < 3; ++i)
    bytedmd_diagnostic(&where, "bytedmd: memcpy on tracked data");
  bytedmd_leave(opened);
  const MeasurementRecord m = lastMeasurement();
  EXPECT_TRUE(m.approximate);
  ASSERT_EQ(m.diagnostics.size(), 1u);
  EXPECT_EQ(m.diagnostics[0], "test.cpp:72:5: bytedmd: memcpy on tracked data");
}

TEST(Recorder, LocationsDoNotChangeTheNumbers) {
  bytedmd_function site = {"located", {"test.cpp", 80, 1, 0}};
  static bytedmd_location line1 = {"test.cpp", 81, 3, 0}, line2 = {"test.cpp", 82, 3, 0};
  const int opened = bytedmd_enter(&site);
  const bytedmd_key c = bytedmd_input(), b = bytedmd_input(), a = bytedmd_input();
  bytedmd_at(&line1);
  const bytedmd_key t = bytedmd_binary(BYTEDMD_OP_ADD, a, b);
  bytedmd_at(&line2);
  bytedmd_at(&line2);
  const bytedmd_key r = bytedmd_binary(BYTEDMD_OP_ADD, t, c);
  bytedmd_results(&r, 1);
  bytedmd_leave(opened);
  EXPECT_NE(line1.__id, 0u);
  EXPECT_NE(line1.__id, line2.__id);
  const MeasurementRecord m = lastMeasurement();
  EXPECT_EQ(m.stats.trace, (Trace{1, 2, 1, 2}));
  // Each line made one instruction reading depths 1 and 2: 2 reads, cost 3.
  ASSERT_EQ(m.lines.size(), 2u);
  EXPECT_EQ(m.lines[0].file, "test.cpp");
  EXPECT_EQ(m.lines[0].line, 81u);
  EXPECT_EQ(m.lines[0].reads, 2u);
  EXPECT_EQ(m.lines[0].cost, 3u);
  EXPECT_EQ(m.lines[1].line, 82u);
  EXPECT_EQ(m.lines[1].reads, 2u);
  EXPECT_EQ(m.lines[1].cost, 3u);
}

TEST(Recorder, ThreadsMeasureIndependently) {
  // Two threads record long, different measurements at the same time; each
  // must get exactly its own numbers.
  bytedmd_function chainSite = {"chain", {"test.cpp", 90, 1, 0}};
  auto chain = [&](int length, bool wide) {
    const int opened = bytedmd_enter(&chainSite);
    const bytedmd_key x = bytedmd_input();
    const bytedmd_key y = bytedmd_input();
    bytedmd_key s = bytedmd_binary(BYTEDMD_OP_MUL, x, y);
    for (int i = 0; i < length; ++i)
      s = wide ? bytedmd_binary(BYTEDMD_OP_ADD, s, x) : bytedmd_unary(BYTEDMD_OP_NEG, s);
    bytedmd_results(&s, 1);
    bytedmd_leave(opened);
  };
  // Narrow: x*y reads (2, 1); x and y die; then each neg reads s at depth 1.
  // Wide: x*y reads (2, 1) and y dies; then s + x reads (1, 2) every time.
  std::thread narrow([&] { chain(100000, false); });
  std::thread wide([&] { chain(100000, true); });
  narrow.join();
  wide.join();
  int seen = 0;
  for (const MeasurementRecord &m : finishedMeasurements()) {
    if (m.function != "chain")
      continue;
    ++seen;
    if (m.stats.reads == 2 + 100000) {
      EXPECT_EQ(m.stats.cost, 2 + 1 + 100000u);
    } else {
      EXPECT_EQ(m.stats.reads, 2 + 200000u);
      EXPECT_EQ(m.stats.cost, 2 + 1 + 100000u * 3);
    }
  }
  EXPECT_EQ(seen, 2);
}

// A streaming measurement's keys go past 2^31 (naive matmul at N = 1024 makes
// 2,148,532,224 values): the shadow keeps such a key as a value, and only
// the two keys at the top of the range are marks.
TEST(Shadow, KeysPastTwoToTheThirtyFirstAreValues) {
  double x = 2.5;
  const std::uint64_t bits = ::bytedmd::detail::__bits_of(x);
  for (const bytedmd_key low : {bytedmd_key(0x80000001u), bytedmd_key(word::kMaxStreamedKey)}) {
    const bytedmd_key key = (bytedmd_key(7) << 32) | low;
    bytedmd_shadow_store(&x, key, bits);
    EXPECT_EQ(bytedmd_shadow_load(&x, bits), key) << std::hex << low;
  }
  bytedmd_shadow_store(&x, (bytedmd_key(7) << 32) | 0xfffffffeu, bits); // the written mark
  EXPECT_EQ(bytedmd_shadow_load(&x, bits), 0u);
  bytedmd_shadow_forget(&x, sizeof x);
}

TEST(Recorder, WritesByAnotherThreadMarkTheMeasurementApproximate) {
  // Thread A holds an input's key in `shared`; thread B, measuring too,
  // overwrites it. A's measurement lost a value behind its back.
  bytedmd_function siteA = {"victim", {"test.cpp", 100, 1, 0}};
  bytedmd_function siteB = {"writer", {"test.cpp", 110, 1, 0}};
  double shared = 1.0;
  std::atomic<int> phase{0};
  std::thread a([&] {
    const int opened = bytedmd_enter(&siteA);
    bytedmd_shadow_store(&shared, bytedmd_input(), ::bytedmd::detail::__bits_of(shared));
    phase = 1;
    while (phase != 2)
      std::this_thread::yield();
    bytedmd_leave(opened);
  });
  std::thread b([&] {
    while (phase != 1)
      std::this_thread::yield();
    const int opened = bytedmd_enter(&siteB);
    bytedmd_shadow_store(&shared, bytedmd_input(), ::bytedmd::detail::__bits_of(shared));
    bytedmd_leave(opened);
    phase = 2;
  });
  a.join();
  b.join();
  for (const MeasurementRecord &m : finishedMeasurements()) {
    if (m.function == "victim") {
      EXPECT_TRUE(m.approximate);
      ASSERT_EQ(m.diagnostics.size(), 1u);
      EXPECT_NE(m.diagnostics[0].find("another thread wrote"), std::string::npos);
    }
    if (m.function == "writer")
      EXPECT_FALSE(m.approximate);
  }
}

// The table of measurements in flight holds 64: a measurement that finds it
// full cannot be told of other threads' writes, so it says so.
TEST(Recorder, AMeasurementBeyondSixtyFourInFlightIsApproximate) {
  std::vector<int> taken;
  for (int slot; (slot = claimInFlightSlot((std::uint64_t(1) << 40) + taken.size())) >= 0;)
    taken.push_back(slot);
  ASSERT_EQ(taken.size(), 64u);
  myAdd(0, 0, 0);
  for (const int slot : taken)
    releaseInFlightSlot(slot);
  const MeasurementRecord m = lastMeasurement();
  EXPECT_TRUE(m.approximate);
  ASSERT_EQ(m.diagnostics.size(), 1u);
  EXPECT_NE(m.diagnostics[0].find("more than 64 measurements"), std::string::npos);
  myAdd(0, 0, 0); // with room again, exact
  EXPECT_FALSE(lastMeasurement().approximate);
}

TEST(Recorder, OpNamesAreTheIrNames) {
  EXPECT_STREQ(bytedmd_op_name(BYTEDMD_OP_ADD), "add");
  EXPECT_STREQ(bytedmd_op_name(BYTEDMD_OP_MUL), "mul");
  EXPECT_STREQ(bytedmd_op_name(BYTEDMD_OP_LT), "lt");
  EXPECT_STREQ(bytedmd_op_name(BYTEDMD_OP_SQRT), "sqrt");
  EXPECT_STREQ(bytedmd_op_name(BYTEDMD_OP_LGAMMA), "lgamma");
  EXPECT_STREQ(bytedmd_op_name(BYTEDMD_OP_ESCAPE), "escape");
  EXPECT_STREQ(bytedmd_op_name(BYTEDMD_OP_COUNT), "unknown");
}

// Every instrumented call builds a Frame, measured or not: what only the
// frame that opened the measurement needs lives per thread, not in it.
TEST(Frame, IsThreeBools) { EXPECT_EQ(sizeof(::bytedmd::Frame), 3 * sizeof(bool)); }

} // namespace
} // namespace bytedmd
