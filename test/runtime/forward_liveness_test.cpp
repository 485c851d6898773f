// forward_liveness_test.cpp - the liveness pass run forwards beside the
// recorder, fed a log a few events at a time: the replay that takes its bits
// gives exactly the numbers of the replay that runs its own backward pass,
// whole or split anywhere, and a malformed log is refused as before.
#include "forward_liveness.h"
#include "log_prefault.h"
#include "reference_programs.h"
#include "replay.h"
#include "replay_comparison.h"

#include <gtest/gtest.h>

#include <sys/mman.h>
#include <unistd.h>

#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace bytedmd {
namespace {

using testing::expectSameStats;
using testing::randomLog;

/// The pass fed `log` in random pieces that end between events, as the
/// recorder's windows do.
void feedInPieces(ForwardLiveness &known, const EventLogView &log, std::mt19937_64 &rng) {
  known.reset();
  std::size_t to = 0;
  while (to < log.size) {
    to += 1 + rng() % 16;
    while (to < log.size && word::isOperand(log.words[to]))
      ++to;
    known.feed(log.words, std::min(to, log.size));
  }
}

/// The replay with fed liveness against the one with its own pass: whole,
/// and split at every header.
void expectTakenLivenessAgrees(const EventLogView &log, ReplayOptions options,
                               std::mt19937_64 &rng, const std::string &what) {
  Replay own, taking; // `taking` replays many logs in turn, as a thread of the runtime does
  ForwardLiveness known;
  options.splitWords = 0;
  const ReplayStats want = own.run(log, options);
  feedInPieces(known, log, rng);
  ASSERT_FALSE(known.failed()) << what;
  expectSameStats(taking.run(log, options, known), want, what + " whole");
  options.splitWords = 1;
  for (std::size_t at = 1; at <= log.size + 1 && !::testing::Test::HasFailure(); ++at) {
    if (at < log.size && word::isOperand(log.words[at]))
      continue;
    options.splitAt = at;
    feedInPieces(known, log, rng);
    expectSameStats(taking.run(log, options, known), want,
                    what + " split at " + std::to_string(at));
  }
}

// By the model: a result never leaves the stack, so its last read is not a
// final one. Inputs [a]; t = a (a at depth 1; t on top); t read again (depth
// 1; t stays); a read (depth 2, under t). Were t dropped, a would be at 1.
TEST(ForwardLiveness, AResultsLastReadKeepsItOnTheStack) {
  EventLog log;
  const Word a = log.input();
  const Word t = log.read({a});
  log.read({t}, false);
  log.read({a}, false);
  log.result(t);
  ForwardLiveness known;
  known.feed(log.view().words, log.view().size);
  Replay replay;
  ReplayOptions options;
  options.splitWords = 0;
  const ReplayStats stats = replay.run(log.view(), options, known);
  EXPECT_EQ(stats.trace, (std::vector<std::uint32_t>{1, 1, 2}));
  EXPECT_EQ(stats.cost, 1u + 1u + 2u);
}

TEST(ForwardLiveness, AgreesWithTheBackwardPassOnTheSeedsPrograms) {
  std::mt19937_64 rng(3);
  ReplayOptions options;
  options.attribution = true;
  for (int n : {2, 4, 8}) {
    expectTakenLivenessAgrees(testing::matvecEvents(n).view(), options, rng,
                              "matvec " + std::to_string(n));
    expectTakenLivenessAgrees(testing::matmulEvents(n).view(), options, rng,
                              "matmul " + std::to_string(n));
  }
}

TEST(ForwardLiveness, AgreesWithTheBackwardPassOnRandomLogs) {
  std::mt19937_64 rng(20261129);
  for (int round = 0; round < 300 && !::testing::Test::HasFailure(); ++round) {
    ReplayOptions options;
    options.attribution = round % 2 == 0;
    options.perSite = round % 3 != 0;
    options.traceLimit = round % 7 == 0 ? 5 : options.traceLimit;
    expectTakenLivenessAgrees(randomLog(rng, 1 + int(rng() % 60)).view(), options, rng,
                              "round " + std::to_string(round));
  }
}

// Long enough that both halves renumber their stamps.
TEST(ForwardLiveness, AgreesWithTheBackwardPassOnLongLogs) {
  std::mt19937_64 rng(78);
  for (int round = 0; round < 3; ++round) {
    const EventLog log = randomLog(rng, 20000);
    Replay own, taking;
    ReplayOptions options;
    options.attribution = true;
    options.splitWords = 0;
    const ReplayStats want = own.run(log.view(), options);
    ForwardLiveness known;
    for (std::size_t at : {std::size_t(0), log.view().size / 3, log.view().size / 2}) {
      options.splitWords = at == 0 ? 0 : 1;
      options.splitAt = at;
      feedInPieces(known, log.view(), rng);
      expectSameStats(taking.run(log.view(), options, known), want,
                      "split at " + std::to_string(at));
    }
  }
}

// Where the pass cannot be used (another model, a log it has not seen to
// the end), the replay runs its own and the numbers do not change.
TEST(ForwardLiveness, IsLeftAloneWhereItDoesNotApply) {
  std::mt19937_64 rng(11);
  const EventLog log = randomLog(rng, 200);
  const EventLogView view = log.view();
  ReplayOptions options;
  options.splitWords = 0;
  ForwardLiveness known;
  for (int variant = 0; variant < 4; ++variant) {
    ReplayOptions o = options;
    o.liveness = variant != 1;
    o.nativeBytes = variant == 2;
    o.twoStack = variant == 3;
    Replay own, taking;
    feedInPieces(known, view, rng);
    expectSameStats(taking.run(view, o, known), own.run(view, o),
                    "variant " + std::to_string(variant));
  }
  // Fed only part of the log.
  known.reset();
  known.feed(view.words, 1);
  Replay own, taking;
  expectSameStats(taking.run(view, options, known), own.run(view, options), "part");
}

// What the backward pass refuses, the replay still refuses when it was given
// the forward pass's bits, whole or split.
TEST(ForwardLiveness, AMalformedLogIsStillRefused) {
  std::vector<EventLog> logs(5);
  {
    const Word a = logs[0].input();
    logs[0].read({a, 99}); // a key never allocated
  }
  {
    const Word a = logs[1].input();
    logs[1].read({a, a + 1}); // its own output, not yet allocated
  }
  {
    const Word a = logs[2].input();
    logs[2].result(logs[2].read({a}));
    logs[2].result(77); // a result never allocated
  }
  {
    const Word a = logs[3].input();
    logs[3].read({a});
    logs[3].result(a);
  }
  {
    logs[4].input();
    logs[4].store();
  }
  for (std::size_t n = 0; n < logs.size(); ++n) {
    EventLogView view = logs[n].view();
    std::vector<Word> inputs(view.inputs, view.inputs + view.inputCount);
    if (n == 3)
      inputs.push_back(inputs[0]); // declared twice
    if (n == 4)
      inputs[0] = 2; // the INPUT marker's key is not the declared one
    view.inputs = inputs.data();
    view.inputCount = inputs.size();
    for (std::size_t split : {std::size_t(0), std::size_t(1)}) {
      ForwardLiveness known;
      known.feed(view.words, view.size);
      Replay replay;
      ReplayOptions options;
      options.splitWords = split;
      options.splitAt = split;
      EXPECT_THROW(replay.run(view, options, known), std::invalid_argument)
          << "log " << n << " split " << split;
    }
  }
}

TEST(ForwardLiveness, AFeedOfHalfABatchOrOfAStrayOperandFails) {
  EventLog log;
  const Word a = log.input();
  log.read({a, a});
  const EventLogView view = log.view();
  ForwardLiveness known;
  known.feed(view.words, view.size - 1); // the batch cut short
  EXPECT_TRUE(known.failed());
  const Word stray[] = {1};
  known.reset();
  known.feed(stray, 1);
  EXPECT_TRUE(known.failed());
  known.reset();
  known.feed(view.words, view.size);
  EXPECT_FALSE(known.failed());
  EXPECT_EQ(known.done(), view.size);
  EXPECT_EQ(known.values(), 2u);
  EXPECT_EQ(known.events(), 2u); // the READ batch and its output's STORE
}

// The recorder's window helper feeds the pass the words before its cursor,
// and wait() waits for the walk.
TEST(ForwardLiveness, TheLogsPrefaultFeedsItTheRecordedWords) {
  const std::size_t page = std::size_t(::sysconf(_SC_PAGESIZE)) / sizeof(Word);
  const std::size_t window = 4 * page, words = 10 * window;
  void *p = ::mmap(nullptr, words * sizeof(Word), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(p, MAP_FAILED);
  Word *const base = static_cast<Word *>(p);
  // An input, then batches that each read it and the previous output.
  std::size_t n = 0;
  base[n++] = word::kInput;
  for (Word out = 1; n + 3 <= 3 * window; ++out) {
    base[n++] = word::read(0, 2, true);
    base[n++] = 1;
    base[n++] = out;
  }
  ForwardLiveness known;
  LogPrefault prefault(window);
  prefault.advance(base, base + n, base + words, 1, &known);
  prefault.wait();
  EXPECT_FALSE(known.failed());
  EXPECT_EQ(known.done(), n);
  EXPECT_EQ(known.values(), 1 + (n - 1) / 3);
  ::munmap(p, words * sizeof(Word));
}

} // namespace
} // namespace bytedmd
