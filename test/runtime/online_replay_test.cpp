// online_replay_test.cpp - the online replay gives Replay's numbers when each
// read is told whether it is its value's last, with values named by their
// keys or by slots handed out again as values die.
#include "online_replay.h"
#include "naive_replay.h"
#include "reference_programs.h"
#include "replay.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace bytedmd {
namespace {

/// Replays `log` online: a first walk finds each value's last READ batch (as
/// a first execution would count reads), the second feeds the events with
/// that answer. `reuse`: name values by slots from a free list, as the
/// runtime's streaming mode does, instead of by their keys.
ReplayStats online(const EventLogView &log, bool reuse, std::uint32_t *slotsUsed = nullptr) {
  std::vector<std::int64_t> lastBatch(std::size_t(log.values) + 1, -1);
  std::vector<bool> result(std::size_t(log.values) + 1, false);
  for (std::size_t i = 0; i < log.resultCount; ++i)
    result[log.results[i]] = true;
  std::int64_t batches = 0;
  for (std::size_t i = 0; i < log.size;) {
    const Word h = log.words[i++];
    if (word::kind(h) != word::kRead)
      continue;
    for (unsigned j = 0; j < word::operands(h); ++j)
      lastBatch[log.words[i + j]] = batches;
    i += word::operands(h);
    ++batches;
  }
  std::vector<OnlineReplay::Slot> slot(std::size_t(log.values) + 1, 0);
  std::vector<OnlineReplay::Slot> free;
  std::uint32_t fresh = 0;
  auto name = [&](Word k) {
    if (!reuse)
      return slot[k] = k;
    if (!free.empty()) {
      slot[k] = free.back();
      free.pop_back();
    } else {
      slot[k] = ++fresh;
    }
    return slot[k];
  };
  auto dead = [&](Word k) { return lastBatch[k] < 0 && !result[k]; };
  OnlineReplay r;
  ReplayOptions options;
  r.begin(options);
  for (std::size_t i = 0; i < log.inputCount; ++i) {
    const Word k = log.inputs[i];
    r.input(name(k), !dead(k));
    if (dead(k))
      free.push_back(slot[k]);
  }
  Word next = 0;
  std::int64_t b = 0;
  std::vector<OnlineReplay::Slot> slots;
  std::vector<std::uint8_t> last;
  auto stored = [&](Word k) {
    r.store(name(k), dead(k));
    if (dead(k))
      free.push_back(slot[k]);
  };
  for (std::size_t i = 0; i < log.size;) {
    const Word h = log.words[i++];
    switch (word::kind(h)) {
    case word::kRead: {
      const unsigned m = word::operands(h);
      slots.clear();
      last.clear();
      for (unsigned j = 0; j < m; ++j) {
        const Word k = log.words[i + j];
        slots.push_back(slot[k]);
        last.push_back(lastBatch[k] == b && !result[k]);
      }
      r.batch(slots.data(), last.data(), m);
      for (unsigned j = 0; j < m; ++j) // a slot is free once its value has left
        if (last[j] && !r.live(slots[j]) &&
            std::find(free.begin(), free.end(), slots[j]) == free.end())
          free.push_back(slots[j]);
      i += m;
      ++b;
      if (word::hasOutput(h)) {
        r.instruction();
        stored(++next);
      }
      break;
    }
    case word::kInput:
      ++next;
      break;
    case word::kStore:
      for (Word n = word::payload(h); n != 0; --n)
        stored(++next);
      break;
    case word::kLocation:
      if (!word::isScope(h))
        r.location(word::payload(h));
      break;
    }
  }
  if (slotsUsed)
    *slotsUsed = fresh;
  return r.finish();
}

void expectSame(const EventLogView &log, const std::string &what) {
  Replay replay;
  ReplayOptions options;
  const ReplayStats want = replay.run(log, options);
  for (bool reuse : {false, true}) {
    const ReplayStats got = online(log, reuse);
    ASSERT_EQ(got.trace, want.trace) << what << (reuse ? " (slots reused)" : "");
    EXPECT_EQ(got.cost, want.cost) << what;
    EXPECT_EQ(got.reads, want.reads) << what;
    EXPECT_EQ(got.instructions, want.instructions) << what;
    EXPECT_EQ(got.inputs, want.inputs) << what;
    EXPECT_EQ(got.peakLive, want.peakLive) << what;
    for (std::size_t s = 0; s < want.sites.size(); ++s) {
      ASSERT_LT(s, got.sites.size()) << what;
      EXPECT_EQ(got.sites[s].cost, want.sites[s].cost) << what << " site " << s;
    }
  }
}

TEST(OnlineReplay, GivesTheReplaysNumbersOnTheSeedsPrograms) {
  for (int n : {2, 4, 8}) {
    expectSame(testing::matvecEvents(n).view(), "matvec " + std::to_string(n));
    expectSame(testing::matmulEvents(n).view(), "matmul " + std::to_string(n));
  }
}

// Repeated operands, unread inputs and outputs, reads with no output,
// locations, results that are inputs; instructions of 1 to maxOperands reads.
EventLog randomLog(std::mt19937_64 &rng, unsigned maxOperands) {
  EventLog log;
  std::vector<Word> values;
  const int inputs = int(rng() % 5);
  for (int i = 0; i < inputs; ++i)
    values.push_back(log.input());
  if (values.empty())
    values.push_back(log.store());
  const int events = 1 + int(rng() % 40);
  for (int e = 0; e < events; ++e) {
    if (rng() % 7 == 0)
      log.location(Word(1 + rng() % 3));
    if (rng() % 11 == 0) {
      values.push_back(log.store());
      continue;
    }
    const unsigned m = 1 + unsigned(rng() % maxOperands);
    std::vector<Word> keys;
    for (unsigned j = 0; j < m; ++j)
      keys.push_back(values[rng() % values.size()]);
    const bool output = rng() % 5 != 0;
    const Word out = log.read(keys.data(), keys.size(), output);
    if (output)
      values.push_back(out);
  }
  for (int r = int(rng() % 3); r > 0; --r)
    log.result(values[rng() % values.size()]);
  return log;
}

TEST(OnlineReplay, GivesTheReplaysNumbersOnRandomLogs) {
  std::mt19937_64 rng(17);
  for (int round = 0; round < 2000; ++round)
    expectSame(randomLog(rng, 3).view(), "round " + std::to_string(round));
}

// Batches longer than the look-ahead (16 operands) find their dying operands
// by search; repeated operands die only at their last read.
TEST(OnlineReplay, GivesTheReplaysNumbersOnLongInstructions) {
  std::mt19937_64 rng(29);
  for (int round = 0; round < 500; ++round)
    expectSame(randomLog(rng, 60).view(), "round " + std::to_string(round));
}

TEST(OnlineReplay, SlotsStayAsManyAsTheLiveSet) {
  // Matmul N = 16 makes 16,128 values; reused slots never exceed the
  // largest live set by more than the one value a batch can hold back.
  const EventLog log = testing::matmulEvents(16);
  std::uint32_t slots = 0;
  const ReplayStats s = online(log.view(), true, &slots);
  EXPECT_LE(slots, s.peakLive + 1);
  EXPECT_GT(log.view().values, 10 * slots);
}

} // namespace
} // namespace bytedmd
