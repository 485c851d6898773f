// two_stack_test.cpp - the two-stack variant (semantics.md, Variants): the
// reference's development model. Inputs wait on a fixed argument stack at
// static depths 1, 2, 3, ... (the first parameter's elements first); a first
// read prices an input there, after which it is pushed on the LRU stack (in
// operand order, with the other operands' moves); the result is read once
// more at the end, where it is. Traces are derived by hand in the comments;
// random logs are checked against a deliberately simple O(n) replay of the
// same rules, written below.
#include "event_log.h"
#include "ir.h"
#include "naive_replay.h"
#include "replay.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <random>
#include <vector>

namespace bytedmd {
namespace {

ReplayStats twoStack(const EventLog &log, std::uint64_t bytesPerElement = 1) {
  ReplayOptions options;
  options.twoStack = true;
  options.bytesPerElement = bytesPerElement;
  Replay replay;
  return replay.run(log.view(), options);
}

// myfunc(a, b, c, d, e) = a*b + c*d + e. Argument depths a 1, b 2, c 3, d 4,
// e 5. a*b reads 1, 2 (cost 1 + 2); a and b are promoted and die: LRU [t1].
// c*d reads 3, 4 (2 + 2): [t1, t2]. t1 + t2 reads 2, 1 (2 + 1): [t3].
// t3 + e reads 1, 5 (1 + 3): [t4]. Epilogue: t4 at 1 (1). Cost 15.
TEST(TwoStack, MyfuncCostsFifteen) {
  EventLog log;
  Word in[5];
  for (int p = 4; p >= 0; --p) { // declared last parameter first
    log.param();
    in[p] = log.input();
  }
  const Word t1 = log.read({in[0], in[1]});
  const Word t2 = log.read({in[2], in[3]});
  const Word t3 = log.read({t1, t2});
  log.result(log.read({t3, in[4]}));
  const ReplayStats s = twoStack(log);
  EXPECT_EQ(s.trace, (std::vector<std::uint32_t>{1, 2, 3, 4, 2, 1, 1, 5, 1}));
  EXPECT_EQ(s.cost, 15u);
}

// The IR marks where each read was priced: inputs are numbered first, in
// argument-stack order, and a read priced there prints @argD.
TEST(TwoStack, TheIrMarksReadsPricedOnTheArgumentStack) {
  EventLog log;
  Word in[3];
  for (int p = 2; p >= 0; --p) {
    log.param();
    in[p] = log.input();
  }
  log.result(log.read({log.read({in[0], in[1]}), in[2]}));
  std::FILE *out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  {
    IrWriter ir(out, log.view().values, 1);
    ReplayOptions options;
    options.twoStack = true;
    Replay replay;
    ir.total(replay.run(log.view(), options, ir).cost);
  }
  std::rewind(out);
  std::string text;
  for (int c; (c = std::fgetc(out)) != EOF;)
    text.push_back(char(c));
  std::fclose(out);
  EXPECT_EQ(text, "ARG   v1@arg1\n"
                  "ARG   v2@arg2\n"
                  "ARG   v3@arg3\n"
                  "  READ v1@arg1  cost=1\n"
                  "  READ v2@arg2  cost=2\n"
                  "OP    add(v1@arg1, v2@arg2)  cost=3\n"
                  "STORE v4\n"
                  "  READ v4@1  cost=1\n"
                  "  READ v3@arg3  cost=2\n"
                  "OP    add(v4@1, v3@arg3)  cost=3\n"
                  "STORE v5\n"
                  "  READ v5@1  cost=1\n"
                  "# total cost = 7\n");
}

// my_add(a, b, c) = (a + b) + c: a + b reads 1, 2 (3): [t1]; t1 + c reads
// 1, 3 (1 + 2): [t2]; the epilogue reads t2 at 1. Cost 7.
TEST(TwoStack, MyAddCostsSeven) {
  EventLog log;
  Word in[3];
  for (int p = 2; p >= 0; --p) {
    log.param();
    in[p] = log.input();
  }
  log.result(log.read({log.read({in[0], in[1]}), in[2]}));
  const ReplayStats s = twoStack(log);
  EXPECT_EQ(s.trace, (std::vector<std::uint32_t>{1, 2, 1, 3, 1}));
  EXPECT_EQ(s.cost, 7u);
}

// The seed's dot([0,1], [2,3]) = sum(x*y for ...), from the constant 0.
// Argument depths a0 1, a1 2, b0 3, b1 4. a0*b0 reads 1, 3 (1 + 2): [t1];
// 0 + t1 reads 1: [s1]; a1*b1 reads 2, 4 (2 + 2): [s1, t2]; s1 + t2 reads
// 2, 1 (2 + 1): [s2]; the epilogue reads s2 at 1. Cost 12.
TEST(TwoStack, TheSeedsDotCostsTwelve) {
  EventLog log;
  log.param(); // b, the last parameter, first
  const Word b0 = log.input(), b1 = log.input();
  log.param();
  const Word a0 = log.input(), a1 = log.input();
  const Word s1 = log.read({log.read({a0, b0})});
  log.result(log.read({s1, log.read({a1, b1})}));
  const ReplayStats s = twoStack(log);
  EXPECT_EQ(s.trace, (std::vector<std::uint32_t>{1, 3, 1, 2, 4, 2, 1, 1}));
  EXPECT_EQ(s.cost, 12u);
}

// twice(a) = a + a: both reads of the waiting a are at its argument depth;
// it is promoted once. An unread input returned as the result is read at its
// argument depth in the epilogue: g(a, b) = b reads b at 2.
TEST(TwoStack, RepeatedOperandsAndAnUnreadResult) {
  EventLog twice;
  twice.param();
  const Word a = twice.input();
  twice.result(twice.read({a, a}));
  EXPECT_EQ(twoStack(twice).trace, (std::vector<std::uint32_t>{1, 1, 1}));

  EventLog g;
  g.param();
  const Word b = g.input();
  g.param();
  g.input(); // a, never read
  g.result(b);
  const ReplayStats s = twoStack(g);
  EXPECT_EQ(s.trace, (std::vector<std::uint32_t>{2}));
  EXPECT_EQ(s.cost, 2u);
}

// ---- a deliberately simple replay of the same rules, O(n) per event -------

struct Naive {
  std::vector<std::uint32_t> trace;
};

Naive naiveTwoStack(const EventLogView &log) {
  const std::vector<testing::NaiveEvent> events = testing::naiveEvents(log);
  // Liveness as in Part A (the inputs' STOREs are the first events).
  std::vector<std::size_t> last(std::size_t(log.values) + 1, 0);
  for (std::size_t e = 0; e < events.size(); ++e)
    for (Word k : events[e].keys)
      last[k] = e;
  for (std::size_t i = 0; i < log.resultCount; ++i)
    last[log.results[i]] = events.size();
  // The argument stack: parameters in reverse declaration order, each in order.
  std::vector<Word> arguments;
  std::vector<std::vector<Word>> params;
  for (std::size_t i = 0; i < log.inputCount; ++i) {
    const bool fresh = i == 0 || log.inputGroups == nullptr ||
                       log.inputGroups[i] != log.inputGroups[i - 1];
    if (fresh)
      params.emplace_back();
    params.back().push_back(log.inputs[i]);
  }
  for (auto p = params.rbegin(); p != params.rend(); ++p)
    arguments.insert(arguments.end(), p->begin(), p->end());
  std::vector<bool> waiting(std::size_t(log.values) + 1, false);
  for (Word k : arguments)
    waiting[k] = true;
  const auto argumentDepth = [&](Word k) {
    return std::uint32_t(std::find(arguments.begin(), arguments.end(), k) - arguments.begin() + 1);
  };

  Naive out;
  std::vector<Word> lru; // back() is the top
  for (std::size_t e = log.inputCount; e < events.size(); ++e) {
    const testing::NaiveEvent &ev = events[e];
    if (ev.read) {
      for (Word k : ev.keys)
        out.trace.push_back(waiting[k] ? argumentDepth(k)
                                       : std::uint32_t(lru.end() -
                                                       std::find(lru.begin(), lru.end(), k)));
      std::vector<Word> distinct;
      for (Word k : ev.keys)
        if (std::find(distinct.begin(), distinct.end(), k) == distinct.end())
          distinct.push_back(k);
      for (Word k : distinct) {
        if (waiting[k])
          waiting[k] = false; // promoted: pushed on top
        else
          lru.erase(std::find(lru.begin(), lru.end(), k));
        lru.push_back(k);
      }
    } else {
      lru.push_back(ev.keys[0]);
    }
    lru.erase(std::remove_if(lru.begin(), lru.end(), [&](Word k) { return last[k] <= e; }),
              lru.end());
  }
  std::vector<Word> seen;
  for (std::size_t i = 0; i < log.resultCount; ++i) {
    const Word k = log.results[i];
    if (std::find(seen.begin(), seen.end(), k) != seen.end())
      continue;
    seen.push_back(k);
    out.trace.push_back(waiting[k] ? argumentDepth(k)
                                   : std::uint32_t(lru.end() - std::find(lru.begin(), lru.end(), k)));
  }
  return out;
}

// Random logs with parameters of several elements, repeated operands, reads
// with and without outputs, unread inputs, and results (some repeated, some
// inputs never read).
EventLog randomLog(std::mt19937_64 &rng) {
  EventLog log;
  std::vector<Word> values;
  const int params = int(rng() % 5);
  for (int p = 0; p < params; ++p) {
    log.param();
    for (int n = 1 + int(rng() % 4); n != 0; --n)
      values.push_back(log.input());
  }
  const int events = 1 + int(rng() % 120);
  for (int e = 0; e < events; ++e) {
    if (values.empty() || rng() % 15 == 0) {
      values.push_back(log.store());
      continue;
    }
    std::vector<Word> keys(1 + rng() % 4);
    for (Word &k : keys)
      k = values[rng() % values.size()];
    if (rng() % 4 == 0)
      keys.push_back(keys[rng() % keys.size()]);
    const bool output = rng() % 5 != 0;
    const Word out = log.read(keys.data(), keys.size(), output);
    if (output)
      values.push_back(out);
  }
  for (int r = int(rng() % 4); r != 0 && !values.empty(); --r)
    log.result(values[rng() % values.size()]);
  return log;
}

TEST(TwoStack, AgreesWithANaiveReplayOfTheRulesOnRandomLogs) {
  std::mt19937_64 rng(15);
  Replay fast; // reused across logs, as the recorder does
  ReplayOptions options;
  options.twoStack = true;
  ReplayOptions three = options;
  three.bytesPerElement = 3;
  for (int round = 0; round < 3000; ++round) {
    const EventLog log = randomLog(rng);
    const Naive want = naiveTwoStack(log.view());
    const ReplayStats got = fast.run(log.view(), options);
    ASSERT_EQ(got.trace, want.trace) << "round " << round;
    ASSERT_EQ(got.cost, testing::naiveCost(want.trace, 1)) << "round " << round;
    ASSERT_EQ(fast.run(log.view(), three).cost, testing::naiveCost(want.trace, 3));
  }
}

} // namespace
} // namespace bytedmd
