// replay_comparison.h - what the replay tests that compare two ways of
// replaying one log share: random logs of every event kind, and the check
// that two replays agree on every number (counts, trace, sites, and every
// breakdown of the attribution).
#ifndef BYTEDMD_TEST_REPLAY_COMPARISON_H
#define BYTEDMD_TEST_REPLAY_COMPARISON_H

#include "event_log.h"
#include "replay.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace bytedmd::testing {

inline void expectSameAttribution(const Attribution &got, const Attribution &want,
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

inline void expectSameStats(const ReplayStats &got, const ReplayStats &want, const std::string &what) {
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

/// Scopes that open and close (and a close at the root), locations, inputs
/// of several parameters (some never read), stores, repeated operands,
/// batches without an output, and results.
inline EventLog randomLog(std::mt19937_64 &rng, int events) {
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

} // namespace bytedmd::testing

#endif // BYTEDMD_TEST_REPLAY_COMPARISON_H
