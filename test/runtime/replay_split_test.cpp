// replay_split_test.cpp - a replay split in two halves on two threads gives
// exactly the numbers of one replay, wherever the split falls: every count,
// the trace, the per-site costs, and every breakdown of the attribution.
#include "reference_programs.h"
#include "replay.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace bytedmd {
namespace {

void expectSameAttribution(const Attribution &got, const Attribution &want,
                           const std::string &what) {
  ASSERT_EQ(got.scopes.size(), want.scopes.size()) << what;
  for (std::size_t n = 0; n < want.scopes.size(); ++n) {
    const Attribution::Scope &g = got.scopes[n], &w = want.scopes[n];
    EXPECT_EQ(g.parent, w.parent) << what << " scope " << n;
    EXPECT_EQ(g.id, w.id) << what << " scope " << n;
    EXPECT_EQ(g.firstChild, w.firstChild) << what << " scope " << n;
    EXPECT_EQ(g.nextSibling, w.nextSibling) << what << " scope " << n;
    EXPECT_EQ(g.entries, w.entries) << what << " scope " << n;
    EXPECT_EQ(g.reads, w.reads) << what << " scope " << n;
    EXPECT_EQ(g.cost, w.cost) << what << " scope " << n;
  }
  ASSERT_EQ(got.ops.size(), want.ops.size()) << what;
  for (std::size_t op = 0; op < want.ops.size(); ++op) {
    EXPECT_EQ(got.ops[op].reads, want.ops[op].reads) << what << " op " << op;
    EXPECT_EQ(got.ops[op].cost, want.ops[op].cost) << what << " op " << op;
  }
  ASSERT_EQ(got.inputs.size(), want.inputs.size()) << what;
  for (std::size_t g = 0; g < want.inputs.size(); ++g) {
    EXPECT_EQ(got.inputs[g].elements, want.inputs[g].elements) << what << " input " << g;
    EXPECT_EQ(got.inputs[g].reads, want.inputs[g].reads) << what << " input " << g;
    EXPECT_EQ(got.inputs[g].cost, want.inputs[g].cost) << what << " input " << g;
    EXPECT_EQ(got.inputs[g].firstReads, want.inputs[g].firstReads) << what << " input " << g;
    EXPECT_EQ(got.inputs[g].firstCost, want.inputs[g].firstCost) << what << " input " << g;
  }
  ASSERT_EQ(got.timeline.size(), want.timeline.size()) << what;
  for (std::size_t p = 0; p < want.timeline.size(); ++p) {
    EXPECT_EQ(got.timeline[p].event, want.timeline[p].event) << what << " point " << p;
    EXPECT_EQ(got.timeline[p].live, want.timeline[p].live) << what << " point " << p;
    EXPECT_EQ(got.timeline[p].cost, want.timeline[p].cost) << what << " point " << p;
  }
  EXPECT_EQ(got.events, want.events) << what;
  EXPECT_EQ(got.depths, want.depths) << what;
}

void expectSameStats(const ReplayStats &got, const ReplayStats &want, const std::string &what) {
  ASSERT_EQ(got.trace, want.trace) << what;
  EXPECT_EQ(got.cost, want.cost) << what;
  EXPECT_EQ(got.reads, want.reads) << what;
  EXPECT_EQ(got.instructions, want.instructions) << what;
  EXPECT_EQ(got.inputs, want.inputs) << what;
  EXPECT_EQ(got.peakLive, want.peakLive) << what;
  EXPECT_EQ(got.traceTruncated, want.traceTruncated) << what;
  EXPECT_EQ(got.sqrtCost, want.sqrtCost) << what;
  EXPECT_EQ(got.misses, want.misses) << what;
  ASSERT_EQ(got.sites.size(), want.sites.size()) << what;
  for (std::size_t s = 0; s < want.sites.size(); ++s) {
    EXPECT_EQ(got.sites[s].reads, want.sites[s].reads) << what << " site " << s;
    EXPECT_EQ(got.sites[s].cost, want.sites[s].cost) << what << " site " << s;
  }
  expectSameAttribution(got.attribution, want.attribution, what);
}

/// Splits `log` at every header (and past its end) and compares each with
/// one unsplit replay, under `options`.
void expectEverySplitAgrees(const EventLogView &log, ReplayOptions options,
                            const std::string &what) {
  Replay whole, split; // `split` replays many logs in turn, as a thread of the runtime does
  options.splitWords = 0;
  const ReplayStats want = whole.run(log, options);
  options.splitWords = 1;
  for (std::size_t at = 1; at <= log.size + 1; ++at) {
    if (at < log.size && word::isOperand(log.words[at]))
      continue; // inside a batch: the same split as at the next header
    options.splitAt = at;
    expectSameStats(split.run(log, options), want, what + " split at " + std::to_string(at));
    if (::testing::Test::HasFailure())
      return;
  }
}

/// Scopes that open and close (and a close at the root), locations, inputs
/// of several parameters (some never read), stores, repeated operands,
/// batches without an output, and results.
EventLog randomLog(std::mt19937_64 &rng, int events) {
  EventLog log;
  std::vector<Word> values;
  for (int p = int(rng() % 3); p >= 0; --p) {
    for (int i = int(rng() % 4); i > 0; --i)
      values.push_back(log.input());
    log.param();
  }
  if (values.empty())
    values.push_back(log.store());
  int open = 0;
  for (int e = 0; e < events; ++e) {
    switch (rng() % 16) {
    case 0:
      log.location(Word(1 + rng() % 4));
      break;
    case 1:
      log.scope(Word(1 + rng() % 3));
      ++open;
      break;
    case 2:
      log.scope(0); // closing with none open leaves the root
      open = open > 0 ? open - 1 : 0;
      break;
    case 3:
      values.push_back(log.store());
      break;
    default: {
      const unsigned m = 1 + unsigned(rng() % 4);
      std::vector<Word> keys;
      // Mostly recent values, so values die and the stack churns.
      for (unsigned j = 0; j < m; ++j) {
        const std::size_t back = std::min<std::size_t>(values.size(), 1 + rng() % 12);
        keys.push_back(rng() % 8 == 0 ? values[rng() % values.size()]
                                      : values[values.size() - 1 - rng() % back]);
      }
      const bool output = rng() % 6 != 0;
      const Word out = log.read(keys.data(), keys.size(), output, unsigned(rng() % 5));
      if (output)
        values.push_back(out);
    }
    }
  }
  for (int r = int(rng() % 3); r > 0; --r)
    log.result(values[rng() % values.size()]);
  return log;
}

TEST(SplitReplay, AgreesWithOneReplayOnTheSeedsPrograms) {
  ReplayOptions options;
  options.attribution = true;
  for (int n : {2, 4, 8}) {
    expectEverySplitAgrees(testing::matvecEvents(n).view(), options, "matvec " + std::to_string(n));
    expectEverySplitAgrees(testing::matmulEvents(n).view(), options, "matmul " + std::to_string(n));
  }
}

TEST(SplitReplay, AgreesWithOneReplayOnRandomLogsWithAttribution) {
  std::mt19937_64 rng(20261129);
  ReplayOptions options;
  options.attribution = true;
  for (int round = 0; round < 300 && !::testing::Test::HasFailure(); ++round)
    expectEverySplitAgrees(randomLog(rng, 1 + int(rng() % 60)).view(), options,
                           "round " + std::to_string(round));
}

TEST(SplitReplay, AgreesWithOneReplayUnderTheValueVariants) {
  std::mt19937_64 rng(5);
  const std::vector<std::uint64_t> caches = {1, 2, 4, 8};
  for (int round = 0; round < 200 && !::testing::Test::HasFailure(); ++round) {
    ReplayOptions options;
    options.liveness = round % 2 == 0;
    options.sqrtCost = round % 3 == 0;
    options.bytesPerElement = 1 + round % 4;
    options.cacheSizes = &caches;
    options.perSite = round % 5 != 0;
    options.traceLimit = round % 7 == 0 ? 5 : options.traceLimit;
    expectEverySplitAgrees(randomLog(rng, 1 + int(rng() % 60)).view(), options,
                           "round " + std::to_string(round));
  }
}

// Long enough that the second half's stack renumbers its stamps, and the
// timeline's windows (a thousand of them at most) each hold several events.
TEST(SplitReplay, AgreesWithOneReplayOnLongLogs) {
  std::mt19937_64 rng(77);
  for (int round = 0; round < 4; ++round) {
    const EventLog log = randomLog(rng, 20000);
    Replay whole, split;
    ReplayOptions options;
    options.attribution = true;
    options.splitWords = 0;
    const ReplayStats want = whole.run(log.view(), options);
    options.splitWords = 1;
    for (std::size_t at : {std::size_t(1), log.view().size / 3, log.view().size / 2,
                           log.view().size - 1}) {
      options.splitAt = at;
      expectSameStats(split.run(log.view(), options), want, "split at " + std::to_string(at));
    }
  }
}

TEST(SplitReplay, AMalformedLogIsRefusedAsByOneReplay) {
  EventLog log;
  const Word a = log.input();
  log.read({a, 99}); // never allocated
  Replay replay;
  ReplayOptions options;
  options.splitWords = 1;
  options.splitAt = 1;
  EXPECT_THROW(replay.run(log.view(), options), std::invalid_argument);
}

// The second half scans the first while the liveness pass, which checks the
// log, is still going backwards: the scan must refuse what it cannot use,
// wherever the split falls, and never index past the values.
TEST(SplitReplay, AMalformedFirstHalfIsRefusedAtEverySplit) {
  std::vector<EventLog> logs(4);
  {
    const Word a = logs[0].input();
    logs[0].read({a, 99}); // a key never allocated, early
    for (int i = 0; i < 8; ++i)
      logs[0].read({a});
  }
  {
    const Word a = logs[1].input();
    logs[1].read({a, a + 1}); // its own output, not yet allocated
    for (int i = 0; i < 8; ++i)
      logs[1].read({a});
  }
  {
    const Word a = logs[2].input();
    logs[2].result(logs[2].read({a}));
    logs[2].result(77); // a result never allocated
  }
  { // keys beyond the values: the view claims fewer than were stored
    const Word a = logs[3].input();
    for (int i = 0; i < 8; ++i)
      logs[3].read({a});
  }
  for (std::size_t n = 0; n < logs.size(); ++n) {
    EventLogView view = logs[n].view();
    if (n == 3)
      view.values = 3;
    Replay replay;
    ReplayOptions options;
    options.splitWords = 1;
    for (std::size_t at = 1; at <= view.size + 1; ++at) {
      options.splitAt = at;
      EXPECT_THROW(replay.run(view, options), std::invalid_argument)
          << "log " << n << " split at " << at;
    }
  }
}

// Raw words no EventLog would write: a batch cut short by the end of the log,
// and halves whose allocations each fit while the whole does not add up.
TEST(SplitReplay, ALogWhoseHalvesDisagreeIsRefusedAtEverySplit) {
  struct Raw {
    std::vector<Word> words, inputs;
    Word values;
  };
  const Word store1 = word::kStore | 1, input = word::kInput;
  const std::vector<Raw> raws = {
      {{input, word::read(0, 5, false), 1}, {1}, 1},   // five operands promised, one there
      {{store1, store1, store1, store1}, {}, 2},          // four values stored, two allocated
      {{input, store1, store1, word::read(0, 1, true), 1, word::read(0, 1, true), 1}, {1}, 3},
      {{store1, input, store1, input}, {2}, 2},           // INPUT markers past the values
  };
  for (std::size_t n = 0; n < raws.size(); ++n) {
    EventLogView view;
    view.words = raws[n].words.data();
    view.size = raws[n].words.size();
    view.inputs = raws[n].inputs.data();
    view.inputCount = raws[n].inputs.size();
    view.values = raws[n].values;
    Replay replay;
    ReplayOptions options;
    options.splitWords = 0;
    EXPECT_THROW(replay.run(view, options), std::invalid_argument) << "log " << n << " unsplit";
    options.splitWords = 1;
    for (std::size_t at = 1; at <= view.size + 1; ++at) {
      options.splitAt = at;
      EXPECT_THROW(replay.run(view, options), std::invalid_argument)
          << "log " << n << " split at " << at;
    }
  }
}

} // namespace
} // namespace bytedmd
