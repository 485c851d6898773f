// replay_split_test.cpp - a replay split in two halves on two threads gives
// exactly the numbers of one replay, wherever the split falls: every count,
// the trace, the per-site costs, and every breakdown of the attribution.
#include "reference_programs.h"
#include "replay.h"
#include "replay_comparison.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace bytedmd {
namespace {

using testing::expectSameStats;
using testing::randomLog;

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
