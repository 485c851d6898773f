// attribution_test.cpp - where the replay charges each read: scopes, ops,
// inputs, the depth histogram and the timeline, against logs worked by hand.
#include "naive_replay.h"
#include "reference_programs.h"
#include "replay.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace bytedmd {
namespace {

ReplayStats attributed(const EventLog &log) {
  Replay r;
  ReplayOptions options;
  options.attribution = true;
  return r.run(log.view(), options);
}

constexpr Word kG = 7; // the scope id of g

// f(a, b) { t1 = a * b; t2 = g(t1, a); t3 = g(t2, b); return t3 * a; }
// with g(x, y) = x + y. Inputs are declared last parameter first: b, then a
// (on top). By hand, each step's depths and stack after it (top first):
//   t1 = a * b    a 1, b 2 (cost 1 + 2)    t1 b a
//   [g] t2 = t1 + a   t1 1, a 3 (1 + 2)    t2 a b      (t1 dies)
//   [g] t3 = t2 + b   t2 1, b 3 (1 + 2)    t3 a        (t2, b die)
//   t4 = t3 * a   t3 1, a 2 (1 + 2)        t4
// Total 12 over 8 reads; f's own reads are the two multiplications.
EventLog twoCallsOfG() {
  EventLog log;
  log.param();
  const Word b = log.input();
  log.param();
  const Word a = log.input();
  const Word t1 = log.read({a, b}, true, BYTEDMD_OP_MUL);
  log.scope(kG);
  const Word t2 = log.read({t1, a}, true, BYTEDMD_OP_ADD);
  log.scope(0);
  log.scope(kG);
  const Word t3 = log.read({t2, b}, true, BYTEDMD_OP_ADD);
  log.scope(0);
  log.result(log.read({t3, a}, true, BYTEDMD_OP_MUL));
  return log;
}

TEST(Attribution, ScopesSplitTheCostBetweenFAndItsCallee) {
  const ReplayStats s = attributed(twoCallsOfG());
  ASSERT_EQ(s.cost, 12u);
  const auto &scopes = s.attribution.scopes;
  ASSERT_EQ(scopes.size(), 2u); // f, and g under it (one node for both calls)
  EXPECT_EQ(scopes[0].reads, 4u);
  EXPECT_EQ(scopes[0].cost, 6u);
  EXPECT_EQ(scopes[1].id, kG);
  EXPECT_EQ(scopes[1].parent, 0u);
  EXPECT_EQ(scopes[1].entries, 2u);
  EXPECT_EQ(scopes[1].reads, 4u);
  EXPECT_EQ(scopes[1].cost, 6u);
}

TEST(Attribution, OpsInputsAndTemporaries) {
  const ReplayStats s = attributed(twoCallsOfG());
  EXPECT_EQ(s.attribution.ops[BYTEDMD_OP_MUL].reads, 4u);
  EXPECT_EQ(s.attribution.ops[BYTEDMD_OP_MUL].cost, 6u);
  EXPECT_EQ(s.attribution.ops[BYTEDMD_OP_ADD].reads, 4u);
  EXPECT_EQ(s.attribution.ops[BYTEDMD_OP_ADD].cost, 6u);
  // Group g is index g + 1: b is group 1, a group 2.
  const auto &in = s.attribution.inputs;
  ASSERT_EQ(in.size(), 4u);
  EXPECT_EQ(in[1].elements, 0u);
  // a: depths 1 (its first read), 3, 2: cost 1 + 2 + 2.
  EXPECT_EQ(in[3].elements, 1u);
  EXPECT_EQ(in[3].reads, 3u);
  EXPECT_EQ(in[3].cost, 5u);
  EXPECT_EQ(in[3].firstReads, 1u);
  EXPECT_EQ(in[3].firstCost, 1u);
  // b: depths 2 (first), 3: cost 2 + 2.
  EXPECT_EQ(in[2].reads, 2u);
  EXPECT_EQ(in[2].cost, 4u);
  EXPECT_EQ(in[2].firstReads, 1u);
  EXPECT_EQ(in[2].firstCost, 2u);
  // Temporaries t1, t2, t3, each at depth 1.
  EXPECT_EQ(in[0].reads, 3u);
  EXPECT_EQ(in[0].cost, 3u);
}

TEST(Attribution, DepthHistogramAndTimeline) {
  const ReplayStats s = attributed(twoCallsOfG());
  // Depth 1: a, t1, t2, t3; depth 2: b, a; depth 3: a, b.
  EXPECT_EQ(s.attribution.depths, (std::vector<std::uint64_t>{0, 4, 2, 2}));
  // 2 input STOREs, 4 READ batches, 4 output STOREs.
  EXPECT_EQ(s.attribution.events, 10u);
  const auto &t = s.attribution.timeline;
  ASSERT_FALSE(t.empty());
  EXPECT_EQ(t.back().event, 10u);
  EXPECT_EQ(t.back().cost, 12u);
  std::uint64_t highest = 0;
  for (const auto &p : t)
    highest = std::max(highest, p.live);
  EXPECT_EQ(highest, s.peakLive);
  EXPECT_EQ(s.peakLive, 3u);
}

TEST(Attribution, ScopesCloseOutsideInOrderAndNestByPath) {
  // g calls h, and h is also called from f directly: two h nodes, one per
  // calling context.
  EventLog log;
  const Word a = log.input();
  log.scope(kG);
  log.scope(9);
  Word t = log.read({a}, true, BYTEDMD_OP_NEG);
  log.scope(0);
  log.scope(0);
  log.scope(9);
  t = log.read({t, a}, true, BYTEDMD_OP_ADD);
  log.scope(0);
  log.result(t);
  const ReplayStats s = attributed(log);
  const auto &scopes = s.attribution.scopes;
  ASSERT_EQ(scopes.size(), 4u);
  EXPECT_EQ(scopes[1].id, kG);
  EXPECT_EQ(scopes[2].id, 9u);
  EXPECT_EQ(scopes[2].parent, 1u);
  EXPECT_EQ(scopes[3].id, 9u);
  EXPECT_EQ(scopes[3].parent, 0u);
  EXPECT_EQ(scopes[2].reads + scopes[3].reads, s.reads);
}

TEST(Attribution, NeverChangesTheNumbers) {
  // Attribution on or off, scopes in the log or not: the same trace and
  // cost, and the parts add up to the whole.
  std::mt19937_64 rng(16);
  for (int round = 0; round < 300; ++round) {
    EventLog log;
    std::vector<Word> live;
    const int inputs = 1 + int(rng() % 6);
    for (int i = 0; i < inputs; ++i) {
      if (rng() % 2)
        log.param();
      live.push_back(log.input());
    }
    int open = 0;
    for (int e = 0; e < 40; ++e) {
      if (rng() % 5 == 0) {
        if (open > 0 && rng() % 2) {
          log.scope(0);
          --open;
        } else {
          log.scope(Word(1 + rng() % 3));
          ++open;
        }
      }
      const Word k1 = live[rng() % live.size()], k2 = live[rng() % live.size()];
      const bool out = rng() % 4 != 0;
      const Word o = log.read({k1, k2}, out, unsigned(rng() % 8));
      if (out)
        live.push_back(o);
    }
    log.result(live.back());
    Replay r;
    ReplayOptions plain;
    const ReplayStats p = r.run(log.view(), plain);
    const ReplayStats a = attributed(log);
    const testing::NaiveResult naive = testing::naiveReplay(log.view());
    ASSERT_EQ(p.trace, naive.trace);
    ASSERT_EQ(a.trace, p.trace);
    ASSERT_EQ(a.cost, p.cost);
    std::uint64_t scopeReads = 0, scopeCost = 0, opReads = 0, opCost = 0, inReads = 0,
                  inCost = 0, histogram = 0;
    for (const auto &n : a.attribution.scopes) {
      scopeReads += n.reads;
      scopeCost += n.cost;
    }
    for (const auto &o : a.attribution.ops) {
      opReads += o.reads;
      opCost += o.cost;
    }
    for (const auto &i : a.attribution.inputs) {
      inReads += i.reads;
      inCost += i.cost;
    }
    for (std::uint64_t c : a.attribution.depths)
      histogram += c;
    EXPECT_EQ(scopeReads, a.reads);
    EXPECT_EQ(scopeCost, a.cost);
    EXPECT_EQ(opReads, a.reads);
    EXPECT_EQ(opCost, a.cost);
    EXPECT_EQ(inReads, a.reads);
    EXPECT_EQ(inCost, a.cost);
    EXPECT_EQ(histogram, a.reads);
    EXPECT_EQ(a.attribution.timeline.back().cost, a.cost);
  }
}

TEST(Attribution, TimelineHasAtMostAThousandPoints) {
  const EventLog log = testing::matmulEvents(12); // 3,456 reads, 6,624 events
  const ReplayStats s = attributed(log);
  const auto &t = s.attribution.timeline;
  EXPECT_LE(t.size(), 1000u);
  EXPECT_GE(t.size(), 500u);
  std::uint64_t highest = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    highest = std::max(highest, t[i].live);
    if (i > 0) {
      EXPECT_GT(t[i].event, t[i - 1].event);
      EXPECT_GE(t[i].cost, t[i - 1].cost);
    }
  }
  EXPECT_EQ(highest, s.peakLive);
  EXPECT_EQ(t.back().cost, s.cost);
  EXPECT_EQ(t.back().event, s.attribution.events);
}

} // namespace
} // namespace bytedmd
