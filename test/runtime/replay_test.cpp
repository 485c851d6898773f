// replay_test.cpp - the replay against hand-worked examples, the reference
// tracer's own event streams, the conformance numbers and a naive replay.
#include "location_replay.h"
#include "naive_replay.h"
#include "reference_programs.h"
#include "replay.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <stdexcept>

namespace bytedmd {
namespace {

using Trace = std::vector<std::uint32_t>;

ReplayStats replay(const EventLog &log, std::uint64_t bytes = 1,
                   std::uint64_t traceLimit = ~std::uint64_t(0)) {
  Replay r;
  ReplayOptions options;
  options.bytesPerElement = bytes;
  options.traceLimit = traceLimit;
  return r.run(log.view(), options);
}

// my_add(a, b, c) = (a + b) + c. Inputs are stored c, b, a (a on top):
// a + b reads depths 1, 2; a and b die; t is pushed above c;
// t + c reads depths 1, 2. Cost 1 + 2 + 1 + 2 = 6.
EventLog myAdd() {
  EventLog log;
  const Word c = log.input(), b = log.input(), a = log.input();
  log.result(log.read({log.read({a, b}), c}));
  return log;
}

TEST(Replay, MyAddFromTheSeed) {
  const ReplayStats s = replay(myAdd());
  EXPECT_EQ(s.trace, (Trace{1, 2, 1, 2}));
  EXPECT_EQ(s.cost, 6u);
  EXPECT_EQ(s.reads, 4u);
  EXPECT_EQ(s.instructions, 2u);
  EXPECT_EQ(s.inputs, 3u);
  EXPECT_EQ(s.peakLive, 3u);
  EXPECT_FALSE(s.traceTruncated);
}

TEST(Replay, MyAddWithTwoBytesPerElement) {
  // Depth 1 = bytes 1..2 (1 + 2 = 3), depth 2 = bytes 3..4 (2 + 2 = 4): 3+4+3+4.
  EXPECT_EQ(replay(myAdd(), 2).cost, 14u);
}

TEST(Replay, RepeatedOperandIsChargedPerOccurrenceAtOneDepth) {
  // twice(a) = a + a, with a under an input b that is read afterwards:
  // both reads of a see depth 2 (priced before anything moves).
  EventLog log;
  const Word b = log.input(), a = log.input();
  const Word t = log.read({b, a, a}); // b at 2, a at 1, a at 1 again
  log.result(t);
  EXPECT_EQ(replay(log).trace, (Trace{2, 1, 1}));

  EventLog twice;
  const Word x = twice.input();
  twice.result(twice.read({x, x}));
  EXPECT_EQ(replay(twice).trace, (Trace{1, 1}));
  EXPECT_EQ(replay(twice).cost, 2u);
}

TEST(Replay, DistinctOperandsMoveToTheTopInOperandOrder) {
  // Stack (top first) [c, b, a]. READ [a, c, a] prices 3, 1, 3, then moves
  // a then c: [c, a, b]. Reading b, a, c next gives depths 3, 2, 1.
  EventLog log;
  const Word a = log.input(), b = log.input(), c = log.input();
  log.read({a, c, a}, false);
  log.read({b}, false);
  log.read({a}, false);
  log.read({c}, false);
  log.result(a);
  log.result(b);
  log.result(c);
  // After READ [b]: [b, c, a]; READ [a]: a at 3 -> [a, b, c]; READ [c]: c at 3.
  EXPECT_EQ(replay(log).trace, (Trace{3, 1, 3, 3, 3, 3}));
}

TEST(Replay, UnreadInputsNeverChangeADepth) {
  // index(xs, i) = xs[i]: i is stored first (deepest), then xs[0..2].
  // xs[0] and xs[2] are never read and not results: they die at once.
  // xs[1] is the result and stays: i is at depth 2.
  EventLog log;
  const Word i = log.input();
  log.input();
  const Word x1 = log.input();
  log.input();
  log.read({i}, false, BYTEDMD_OP_INDEX);
  log.result(x1);
  const ReplayStats s = replay(log);
  EXPECT_EQ(s.trace, (Trace{2}));
  EXPECT_EQ(s.peakLive, 2u);

  // A thousand unread inputs between two read ones leave their depths alone.
  EventLog wide;
  const Word first = wide.input();
  for (int k = 0; k < 1000; ++k)
    wide.input();
  const Word second = wide.input();
  wide.result(wide.read({first, second}));
  EXPECT_EQ(replay(wide).trace, (Trace{2, 1}));
}

TEST(Replay, ResultsStayLiveToTheEnd) {
  // r = -x is a result and is never read, yet it stays on top of y.
  EventLog kept;
  const Word y = kept.input(), x = kept.input();
  const Word r = kept.read({x});
  kept.read({y}, false);
  kept.result(r);
  EXPECT_EQ(replay(kept).trace, (Trace{1, 2}));

  // The same program without the result: r dies at once, y is on top.
  EventLog dropped;
  const Word y2 = dropped.input(), x2 = dropped.input();
  dropped.read({x2});
  dropped.read({y2}, false);
  EXPECT_EQ(replay(dropped).trace, (Trace{1, 1}));
}

TEST(Replay, LastReadOperandsLeaveBeforeTheOutputIsPushed) {
  // c = a + b where both die: the stack never holds a, b and c together.
  EventLog log;
  const Word b = log.input(), a = log.input();
  log.result(log.read({a, b}));
  const ReplayStats s = replay(log);
  EXPECT_EQ(s.peakLive, 2u);
  // And a value read later sits right under the output, not under a dead one:
  // stack [a, b, z]; t = a + b -> [t, z]; READ z at depth 2.
  EventLog deeper;
  const Word z = deeper.input(), b2 = deeper.input(), a2 = deeper.input();
  deeper.result(deeper.read({deeper.read({a2, b2}), z}));
  EXPECT_EQ(replay(deeper).trace, (Trace{1, 2, 1, 2}));
}

TEST(Replay, TraceLimitKeepsCountingAndPricing) {
  const ReplayStats s = replay(myAdd(), 1, 3);
  EXPECT_EQ(s.trace, (Trace{1, 2, 1}));
  EXPECT_TRUE(s.traceTruncated);
  EXPECT_EQ(s.reads, 4u);
  EXPECT_EQ(s.cost, 6u);
  const ReplayStats none = replay(myAdd(), 1, 0);
  EXPECT_TRUE(none.trace.empty());
  EXPECT_EQ(none.cost, 6u);
}

TEST(Replay, RejectsMalformedLogs) {
  EventLog early;
  early.input();
  early.read({2}); // key 2 does not exist yet
  EXPECT_THROW(replay(early), std::invalid_argument);
  EventLog badResult;
  badResult.result(7);
  EXPECT_THROW(replay(badResult), std::invalid_argument);
}

// The reference tracer's own event streams (../shared/conformance/events.json,
// vendored in test/conformance/).
EventLog fromReferenceEvents(const nlohmann::json &events, const nlohmann::json &results) {
  EventLog log;
  bool body = false;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto &e = events[i];
    if (e[0] == "STORE") {
      if (body)
        throw std::runtime_error("STORE that follows no READ");
      EXPECT_EQ(log.input(), e[1].get<Word>());
      continue;
    }
    body = true;
    const std::vector<Word> keys = e[1].get<std::vector<Word>>();
    const bool output = i + 1 < events.size() && events[i + 1][0] == "STORE";
    const Word out = log.read(keys.data(), keys.size(), output);
    if (output)
      EXPECT_EQ(out, events[++i][1].get<Word>());
  }
  for (const auto &k : results)
    log.result(k.get<Word>());
  return log;
}

TEST(Replay, MatchesTheReferenceTracerOnEveryConformanceStream) {
  std::ifstream in(BYTEDMD_EVENTS_JSON);
  ASSERT_TRUE(in) << "cannot open " << BYTEDMD_EVENTS_JSON;
  const nlohmann::json cases = nlohmann::json::parse(in);
  ASSERT_GE(cases.size(), 20u);
  for (const auto &[name, c] : cases.items()) {
    SCOPED_TRACE(name);
    const EventLog log = fromReferenceEvents(c["events"], c["results"]);
    const ReplayStats s = replay(log);
    EXPECT_EQ(s.trace, c["trace"].get<Trace>());
    EXPECT_EQ(s.cost, c["cost"].get<std::uint64_t>());
    EXPECT_EQ(replay(log, 2).cost, c["cost_bytes_per_element_2"].get<std::uint64_t>());
  }
}

// cases.md: the seed's table, from event streams built by following the
// Python source of matvec, vecmat and matmul.
TEST(Replay, ReproducesTheSeedLinearAlgebraTable) {
  struct Row {
    int n;
    std::uint64_t matvec, vecmat, matmul;
  };
  for (const Row &row : {Row{2, 26, 25, 57}, Row{4, 157, 150, 720}, Row{8, 896, 832, 8867},
                         Row{16, 5354, 4688, 109783}}) {
    SCOPED_TRACE(row.n);
    EXPECT_EQ(replay(testing::matvecEvents(row.n)).cost, row.matvec);
    EXPECT_EQ(replay(testing::vecmatEvents(row.n)).cost, row.vecmat);
    EXPECT_EQ(replay(testing::matmulEvents(row.n)).cost, row.matmul);
  }
  for (auto [n, cost] : {std::pair{3, 75}, {5, 270}, {6, 422}, {7, 615}})
    EXPECT_EQ(replay(testing::matvecEvents(n)).cost, std::uint64_t(cost)) << n;
  for (auto [n, cost] : {std::pair{3, 72}, {5, 258}, {6, 397}, {7, 572}})
    EXPECT_EQ(replay(testing::vecmatEvents(n)).cost, std::uint64_t(cost)) << n;
  EXPECT_EQ(replay(testing::matmulEvents(16)).reads, 15872u);
}

// Random logs: batches of 1..6 operands drawn with repeats, reads with and
// without outputs, standalone stores, unread values and random results.
EventLog randomLog(std::mt19937_64 &rng, int events, int inputs, int window) {
  EventLog log;
  std::vector<Word> values;
  for (int i = 0; i < inputs; ++i)
    values.push_back(log.input());
  auto pick = [&]() {
    // Mostly recent values (reuse), sometimes anything (deep reads).
    const std::size_t n = values.size();
    if (rng() % 4 != 0 && n > std::size_t(window))
      return values[n - 1 - rng() % window];
    return values[rng() % n];
  };
  for (int e = 0; e < events; ++e) {
    const unsigned kind = rng() % 20;
    if (kind == 0 || values.empty()) {
      values.push_back(log.store());
      continue;
    }
    std::vector<Word> keys(1 + rng() % 6);
    for (Word &k : keys)
      k = pick();
    if (rng() % 5 == 0)
      keys.push_back(keys[rng() % keys.size()]); // a duplicate
    const bool output = kind > 3;
    const Word out = log.read(keys.data(), keys.size(), output);
    if (output)
      values.push_back(out);
    if (rng() % 100 == 0 && inputs < int(values.size()))
      values.erase(values.begin() + rng() % values.size()); // never read again
  }
  for (Word k : values)
    if (rng() % 7 == 0)
      log.result(k);
  return log;
}

TEST(Replay, AgreesWithTheNaiveReplayOnRandomLogs) {
  std::mt19937_64 rng(20261125);
  Replay fast; // reused across logs, as the recorder does
  for (int round = 0; round < 3000; ++round) {
    const int events = 1 + int(rng() % 300);
    const int inputs = int(rng() % 40);
    const EventLog log = randomLog(rng, events, inputs, 1 + int(rng() % 16));
    const testing::NaiveResult want = testing::naiveReplay(log.view());
    const ReplayStats got = fast.run(log.view(), ReplayOptions{});
    ASSERT_EQ(got.trace, want.trace) << "round " << round;
    ASSERT_EQ(got.peakLive, want.peakLive) << "round " << round;
    ASSERT_EQ(got.cost, testing::naiveCost(want.trace, 1)) << "round " << round;
    ReplayOptions three;
    three.bytesPerElement = 3;
    ASSERT_EQ(fast.run(log.view(), three).cost, testing::naiveCost(want.trace, 3));
  }
}

// A working set of `width` slots: each instruction reads a few slots and its
// output replaces one of them, so the live set stays small however long the
// run is (the case stamp renumbering exists for).
EventLog churnLog(std::mt19937_64 &rng, int events, int width) {
  EventLog log;
  std::vector<Word> slots(width);
  for (Word &k : slots)
    k = log.input();
  for (int e = 0; e < events; ++e) {
    std::vector<Word> keys(1 + rng() % 3);
    for (Word &k : keys)
      k = slots[rng() % width];
    slots[rng() % width] = log.read(keys.data(), keys.size());
  }
  for (Word k : slots)
    log.result(k);
  return log;
}

TEST(Replay, CostsPerLocationAddUpToTheTotal) {
  // Location words sprinkled through random logs: every read is charged to
  // the location in force, and the sites' reads and costs sum to the totals.
  std::mt19937_64 rng(11);
  for (int round = 0; round < 200; ++round) {
    EventLog plain = randomLog(rng, 200, 10, 8);
    const EventLogView v = plain.view();
    EventLog located;
    // Rebuild the same log with a location word before some batches.
    for (std::size_t i = 0; i < v.inputCount; ++i)
      located.input();
    for (std::size_t i = 0; i < v.size;) {
      const Word w = v.words[i++];
      if (word::kind(w) == word::kRead) {
        if (rng() % 3 == 0)
          located.location(1 + Word(rng() % 5));
        const unsigned m = word::operands(w);
        located.read(v.words + i, m, word::hasOutput(w), word::op(w));
        i += m;
      } else if (word::kind(w) == word::kStore) {
        located.store();
      }
    }
    for (std::size_t i = 0; i < v.resultCount; ++i)
      located.result(v.results[i]);
    for (std::uint64_t bytes : {1u, 2u}) {
      const ReplayStats s = replay(located, bytes);
      EXPECT_EQ(s.cost, replay(plain, bytes).cost);
      std::uint64_t reads = 0, cost = 0;
      for (const ReplayStats::Site &site : s.sites) {
        reads += site.reads;
        cost += site.cost;
      }
      ASSERT_EQ(reads, s.reads) << round;
      ASSERT_EQ(cost, s.cost) << round;
    }
  }
}

TEST(Replay, AgreesWithTheNaiveReplayAcrossStampRenumbering) {
  std::mt19937_64 rng(7);
  // Small live sets over long runs: the stamps are renumbered many times.
  for (int width : {1, 5, 40, 700}) {
    const EventLog log = churnLog(rng, 100000, width);
    const testing::NaiveResult want = testing::naiveReplay(log.view());
    const ReplayStats got = replay(log);
    ASSERT_EQ(got.trace, want.trace) << width;
    ASSERT_EQ(got.peakLive, want.peakLive) << width;
  }
  // Large live sets: the tree grows past its initial size, then shrinks.
  for (auto [events, inputs, window] : {std::tuple{20000, 3000, 64}, {8000, 2500, 1500}}) {
    const EventLog log = randomLog(rng, events, inputs, window);
    const testing::NaiveResult want = testing::naiveReplay(log.view());
    const ReplayStats got = replay(log);
    ASSERT_EQ(got.trace, want.trace) << events << " events";
    ASSERT_EQ(got.peakLive, want.peakLive);
  }
}

// ---- variants (docs/semantics.md, "Variants") ---------------------------------

ReplayStats replayVariant(const EventLog &log, bool liveness, bool sqrtCost,
                          const std::vector<std::uint64_t> *cacheSizes = nullptr,
                          std::uint64_t bytes = 1) {
  Replay r;
  ReplayOptions options;
  options.liveness = liveness;
  options.sqrtCost = sqrtCost;
  options.cacheSizes = cacheSizes;
  options.bytesPerElement = bytes;
  return r.run(log.view(), options);
}

TEST(Variants, NoLivenessKeepsEveryValueOnTheStack) {
  // my_add without liveness: inputs c, b, a (a on top); a + b reads a@1,
  // b@2; a and b move up (c, a, b) and t is pushed (c, a, b, t); t + c reads
  // t@1 and c@4. Cost 1 + 2 + 1 + ceil(sqrt 4) = 6; all 5 values stay.
  const ReplayStats s = replayVariant(myAdd(), false, false);
  EXPECT_EQ(s.trace, (Trace{1, 2, 1, 4}));
  EXPECT_EQ(s.cost, 6u);
  EXPECT_EQ(s.peakLive, 5u);
  EXPECT_EQ(s.reads, 4u);
}

TEST(Variants, PlainSqrtIsUnroundedAndLeavesTheIntegerCostAlone) {
  // With liveness, trace 1,2,1,2: 1 + sqrt 2 + 1 + sqrt 2. Without: 1 +
  // sqrt 2 + 1 + sqrt 4.
  const ReplayStats live = replayVariant(myAdd(), true, true);
  EXPECT_DOUBLE_EQ(live.sqrtCost, 2 + 2 * std::sqrt(2.0));
  EXPECT_EQ(live.cost, 6u);
  EXPECT_DOUBLE_EQ(replayVariant(myAdd(), false, true).sqrtCost, 4 + std::sqrt(2.0));
  // Two bytes per element: depth 1 is bytes 1..2, depth 2 is bytes 3..4.
  EXPECT_DOUBLE_EQ(replayVariant(myAdd(), true, true, nullptr, 2).sqrtCost,
                   2 * (1 + std::sqrt(2.0)) + 2 * (std::sqrt(3.0) + 2));
}

TEST(Variants, MissesCountReadsDeeperThanEachCacheSize) {
  const std::vector<std::uint64_t> sizes = {1, 2, 3, 4, 100};
  // Trace 1,2,1,2: two reads deeper than 1, none deeper than 2.
  EXPECT_EQ(replayVariant(myAdd(), true, false, &sizes).misses,
            (std::vector<std::uint64_t>{2, 0, 0, 0, 0}));
  // Trace 1,2,1,4: b@2 and c@4 miss a 1-entry cache; c@4 misses 2 and 3.
  EXPECT_EQ(replayVariant(myAdd(), false, false, &sizes).misses,
            (std::vector<std::uint64_t>{2, 1, 1, 0, 0}));
}

TEST(Variants, AgreeWithTheNaiveReplayOnRandomLogs) {
  // No liveness is the naive replay of the same log with every value a
  // result (results never leave). Misses and the sqrt cost follow the trace.
  std::mt19937_64 rng(8);
  Replay fast;
  const std::vector<std::uint64_t> sizes = {1, 3, 8, 40};
  for (int round = 0; round < 1000; ++round) {
    EventLog log = randomLog(rng, 1 + int(rng() % 200), int(rng() % 30), 1 + int(rng() % 12));
    ReplayOptions options;
    options.liveness = false;
    options.sqrtCost = true;
    options.cacheSizes = &sizes;
    const ReplayStats got = fast.run(log.view(), options);
    const EventLogView view = log.view();
    for (Word k = 1; k <= view.values; ++k)
      log.result(k);
    const testing::NaiveResult want = testing::naiveReplay(log.view());
    ASSERT_EQ(got.trace, want.trace) << "round " << round;
    ASSERT_EQ(got.peakLive, want.peakLive) << "round " << round;
    ASSERT_EQ(got.cost, testing::naiveCost(want.trace, 1)) << "round " << round;
    double sqrtCost = 0;
    for (std::uint32_t d : want.trace)
      sqrtCost += std::sqrt(double(d));
    ASSERT_NEAR(got.sqrtCost, sqrtCost, 1e-9 * (1 + sqrtCost)) << "round " << round;
    for (std::size_t j = 0; j < sizes.size(); ++j)
      ASSERT_EQ(got.misses[j], std::uint64_t(std::count_if(want.trace.begin(), want.trace.end(),
                                                           [&](std::uint32_t d) {
                                                             return d > sizes[j];
                                                           })))
          << "round " << round;
  }
}

// ---- bytes=native -------------------------------------------------------------

TEST(Native, MixedWidthsAreCountedInBytes) {
  // mix(float a, double b, int c) = (a + b) * c. Inputs c (4 bytes), b (8),
  // a (4), a on top. a + b: a spans bytes 1..4 (D = 4), b bytes 5..12
  // (D = 12); both die, and the double t is pushed above c. t * c: t spans
  // 1..8 (D = 8), c 9..12 (D = 12). Costs, byte by byte: 1+2+2+2 = 7;
  // 3*5 + 4*3 = 27; 1+2+2+2+3+3+3+3 = 19; 3+4+4+4 = 15: 68 in all.
  EventLog log;
  const Word c = log.input(2), b = log.input(3), a = log.input(2);
  log.result(log.read({log.read({a, b}, true, 0, 3), c}, true, 0, 3));
  ReplayOptions options;
  options.nativeBytes = true;
  options.sqrtCost = true;
  Replay r;
  const ReplayStats s = r.run(log.view(), options);
  EXPECT_EQ(s.trace, (Trace{4, 12, 8, 12}));
  EXPECT_EQ(s.cost, 68u);
  EXPECT_EQ(s.peakLiveBytes, 16u);
  EXPECT_EQ(s.peakLive, 3u);
  double sqrtCost = 0;
  for (int byte : {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    sqrtCost += std::sqrt(double(byte));
  EXPECT_NEAR(s.sqrtCost, sqrtCost, 1e-9);
  // The same events without native sizes: the default, trace 1,2,1,2.
  EXPECT_EQ(replay(log).trace, (Trace{1, 2, 1, 2}));
}

/// A copy of a log's words with a random width (1 to 16 bytes) given to every
/// stored value, and those widths by key.
struct SizedLog {
  std::vector<Word> words;
  std::vector<std::uint64_t> bytes;
  EventLogView view;
};

SizedLog withSizes(const EventLog &log, std::mt19937_64 &rng, bool oneByte = false) {
  SizedLog out;
  out.view = log.view();
  out.words.assign(out.view.words, out.view.words + out.view.size);
  out.bytes.assign(std::size_t(out.view.values) + 1, 1);
  Word next = 0;
  for (std::size_t i = 0; i < out.words.size();) {
    Word &w = out.words[i++];
    const unsigned z = oneByte ? 0 : unsigned(rng() % 5);
    if (word::kind(w) == word::kRead) {
      i += word::operands(w);
      if (word::hasOutput(w)) {
        w |= Word(z) << word::kSizeShift;
        out.bytes[++next] = std::uint64_t(1) << z;
      }
    } else if (word::kind(w) == word::kInput) {
      w |= z;
      out.bytes[++next] = std::uint64_t(1) << z;
    } else if (word::kind(w) == word::kStore) {
      next += word::payload(w); // stays one byte wide
    }
  }
  out.view.words = out.words.data();
  return out;
}

TEST(Native, AgreesWithANaiveByteReplay) {
  std::mt19937_64 rng(16);
  Replay fast;
  ReplayOptions options;
  options.nativeBytes = true;
  for (int round = 0; round < 1000; ++round) {
    const EventLog log =
        randomLog(rng, 1 + int(rng() % 200), int(rng() % 30), 1 + int(rng() % 12));
    const SizedLog sized = withSizes(log, rng);
    const testing::NaiveByteResult want = testing::naiveByteReplay(sized.view, sized.bytes);
    const ReplayStats got = fast.run(sized.view, options);
    ASSERT_EQ(got.trace, want.trace) << "round " << round;
    ASSERT_EQ(got.cost, want.cost) << "round " << round;
    ASSERT_EQ(got.peakLiveBytes, want.peakLiveBytes) << "round " << round;
  }
  // Long runs: the byte tree is rebuilt at every renumbering.
  for (int width : {3, 40, 700}) {
    const EventLog log = churnLog(rng, 30000, width);
    const SizedLog sized = withSizes(log, rng);
    const testing::NaiveByteResult want = testing::naiveByteReplay(sized.view, sized.bytes);
    const ReplayStats got = fast.run(sized.view, options);
    ASSERT_EQ(got.trace, want.trace) << width;
    ASSERT_EQ(got.cost, want.cost) << width;
  }
}

TEST(Native, OneByteValuesGiveExactlyTheDefault) {
  std::mt19937_64 rng(1);
  Replay fast;
  ReplayOptions native;
  native.nativeBytes = true;
  native.liveness = false;
  ReplayOptions plain;
  plain.liveness = false;
  for (int round = 0; round < 300; ++round) {
    const EventLog log = randomLog(rng, 1 + int(rng() % 300), int(rng() % 40), 8);
    const SizedLog sized = withSizes(log, rng, true);
    for (bool liveness : {true, false}) {
      native.liveness = plain.liveness = liveness;
      const ReplayStats a = fast.run(sized.view, native);
      const ReplayStats b = fast.run(log.view(), plain);
      ASSERT_EQ(a.trace, b.trace) << round;
      ASSERT_EQ(a.cost, b.cost) << round;
      ASSERT_EQ(a.peakLive, b.peakLive) << round;
      ASSERT_EQ(a.peakLiveBytes, b.peakLive) << round;
    }
  }
}

// ---- stack=locations -----------------------------------------------------------

// loc(a) { double s = a[0] * a[1]; s = s + a[0]; return s; } as its memory
// accesses: R a0, R a1, W s, R s, R a0, W s, R s (the return loads s). The
// inputs' locations are a0 then a1 (a1 on top); s's final value is a result.
struct LocAccesses {
  std::vector<Access> accesses;
  std::vector<Word> inputs{1, 2}, results{5};
  LocAccesses() {
    const std::uintptr_t a0 = 0x1000, a1 = 0x1008, s = 0x2000;
    accesses = {{a0, 1}, {a1, 2}, {s, 3 | kAccessWrite}, {s, 3},
                {a0, 1}, {s, 5 | kAccessWrite}, {s, 5}};
  }
  ReplayStats replay(bool liveness, std::uint64_t *cold) const {
    LocationReplayInput in;
    in.accesses = &accesses;
    in.inputs = inputs.data();
    in.inputCount = inputs.size();
    in.results = results.data();
    in.resultCount = results.size();
    ReplayOptions options;
    options.liveness = liveness;
    options.sqrtCost = true;
    return replayLocations(in, options, cold);
  }
};

TEST(Locations, ReadsPriceLocationsAndWritesMoveThemForFree) {
  // With liveness: [a0 a1]; R a0 @2 -> [a1 a0]; R a1 @2, a1 is never read
  // again -> [a0]; W s -> [a0 s]; R s @1, then s is overwritten -> [a0];
  // R a0 @1, its last -> []; W s -> [s]; R s @1, a result: stays.
  std::uint64_t cold = 9;
  const ReplayStats live = LocAccesses().replay(true, &cold);
  EXPECT_EQ(live.trace, (Trace{2, 2, 1, 1, 1}));
  EXPECT_EQ(live.cost, 7u);
  EXPECT_EQ(live.peakLive, 2u);
  EXPECT_EQ(live.inputs, 2u);
  EXPECT_EQ(cold, 0u);
  // Without: nothing leaves. R a0 @2 -> [a1 a0]; R a1 @2 -> [a0 a1];
  // W s -> [a0 a1 s]; R s @1; R a0 @3 -> [a1 s a0]; W s -> [a1 a0 s]; R s @1.
  const ReplayStats all = LocAccesses().replay(false, &cold);
  EXPECT_EQ(all.trace, (Trace{2, 2, 1, 3, 1}));
  EXPECT_EQ(all.cost, 8u);
  EXPECT_EQ(all.peakLive, 3u);
  EXPECT_DOUBLE_EQ(all.sqrtCost, 2 + 2 * std::sqrt(2.0) + std::sqrt(3.0)); // 2,2,1,3,1
}

TEST(Locations, AReadOfALocationNeverPlacedComesFromBelowTheStack) {
  LocAccesses l;
  l.inputs = {2}; // a0 holds no declared input: its first read is cold
  std::uint64_t cold = 0;
  const ReplayStats s = l.replay(false, &cold);
  EXPECT_EQ(cold, 1u);
  // [a1]; R a0 from below @2 -> [a1 a0]; R a1 @2 -> [a0 a1]; then as above.
  EXPECT_EQ(s.trace, (Trace{2, 2, 1, 3, 1}));
}

TEST(Locations, AgreeWithAStackOfAddressesOnRandomAccesses) {
  // Without liveness the stack is a plain LRU stack of addresses: each read
  // is priced at its place from the top; writes move to the top.
  std::mt19937_64 rng(3);
  for (int round = 0; round < 200; ++round) {
    std::vector<Access> accesses;
    std::vector<Word> inputs;
    const int width = 1 + int(rng() % 50);
    for (int a = 0; a < width; ++a) {
      accesses.push_back({std::uintptr_t(a) * 8, Word(a + 1) | kAccessWrite});
      inputs.push_back(Word(a + 1)); // its first access carries its key
    }
    for (int e = 0; e < 2000; ++e)
      accesses.push_back({std::uintptr_t(rng() % width) * 8,
                          Word(width + 1 + e) | (rng() % 3 == 0 ? kAccessWrite : 0)});
    LocationReplayInput in;
    in.accesses = &accesses;
    in.inputs = inputs.data();
    in.inputCount = inputs.size();
    ReplayOptions options;
    options.liveness = false;
    std::uint64_t cold = 0;
    const ReplayStats got = replayLocations(in, options, &cold);
    std::vector<std::uintptr_t> stack; // back() is the top
    for (const Access &a : accesses) // the prologue places them as written
      if (std::find(stack.begin(), stack.end(), a.address) == stack.end())
        stack.push_back(a.address);
    Trace want;
    for (const Access &a : accesses) {
      auto it = std::find(stack.begin(), stack.end(), a.address);
      if (!(a.key & kAccessWrite))
        want.push_back(std::uint32_t(stack.end() - it));
      stack.erase(it);
      stack.push_back(a.address);
    }
    ASSERT_EQ(got.trace, want) << round;
    ASSERT_EQ(cold, 0u);
    ASSERT_EQ(got.peakLive, std::uint64_t(width));
  }
}

} // namespace
} // namespace bytedmd
