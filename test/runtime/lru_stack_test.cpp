// lru_stack_test.cpp - the LRU stack both replays keep: depths after pushes,
// moves and removals, across renumbering, and against a naive vector stack.
#include "lru_stack.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace bytedmd {
namespace {

// A record with data of its own beside the stamp, as the value replay keeps.
struct WithLast {
  std::uint32_t last;
  std::uint32_t stamp;
};

// Top first: ids {5, 4, 3, 2, 1} after pushing 1..5.
void pushAll(LruStack<Stamp> &stack, std::uint32_t n) {
  for (std::uint32_t id = 1; id <= n; ++id) {
    stack.reserve(1);
    stack.push(id);
  }
}

// The instruction (where the CPU has it) and the portable form count alike.
TEST(StampSet, PopcountAgreesWithThePortableForm) {
  std::mt19937_64 rng(64);
  for (std::uint64_t x : {std::uint64_t(0), ~std::uint64_t(0), std::uint64_t(1) << 63})
    EXPECT_EQ(popcount64(x), popcount64Portable(x)) << x;
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t x = rng() & rng(); // sparse and dense words alike
    ASSERT_EQ(popcount64(x), popcount64Portable(x)) << x;
    ASSERT_EQ(popcount64(x), std::uint32_t(__builtin_popcountll(x))) << x;
  }
}

TEST(LruStack, ThePushedLastIsOnTop) {
  LruStack<Stamp> stack;
  stack.reset(5);
  pushAll(stack, 5);
  EXPECT_EQ(stack.live(), 5u);
  for (std::uint32_t id = 1; id <= 5; ++id)
    EXPECT_EQ(stack.depth(id), 6 - id) << id;
}

TEST(LruStack, AMovedIdGoesToTheTopAndTheOnesAboveItGoDownOne) {
  LruStack<Stamp> stack;
  stack.reset(5);
  pushAll(stack, 5);
  stack.reserve(1);
  stack.moveToTop(2); // {2, 5, 4, 3, 1}
  EXPECT_EQ(stack.depth(2), 1u);
  EXPECT_EQ(stack.depth(5), 2u);
  EXPECT_EQ(stack.depth(4), 3u);
  EXPECT_EQ(stack.depth(3), 4u);
  EXPECT_EQ(stack.depth(1), 5u);
  EXPECT_EQ(stack.live(), 5u);
}

TEST(LruStack, ARemovedIdLeavesAndTheOnesBelowItGoUpOne) {
  LruStack<Stamp> stack;
  stack.reset(5);
  pushAll(stack, 5);
  stack.remove(4); // {5, 3, 2, 1}
  EXPECT_FALSE(stack.onStack(4));
  EXPECT_EQ(stack.live(), 4u);
  EXPECT_EQ(stack.depth(5), 1u);
  EXPECT_EQ(stack.depth(3), 2u);
  EXPECT_EQ(stack.depth(1), 4u);
  stack.reserve(1);
  stack.touch(4); // pushed again: {4, 5, 3, 2, 1}
  EXPECT_EQ(stack.depth(4), 1u);
  EXPECT_EQ(stack.depth(1), 5u);
  stack.reserve(1);
  stack.touch(1); // moved: {1, 4, 5, 3, 2}
  EXPECT_EQ(stack.depth(1), 1u);
  EXPECT_EQ(stack.depth(2), 5u);
  EXPECT_EQ(stack.live(), 5u);
}

TEST(LruStack, RenumberingKeepsTheOrderAndCompactsTheStamps) {
  LruStack<WithLast> stack;
  stack.reset(3);
  for (std::uint32_t id = 1; id <= 3; ++id) {
    stack.record(id).last = 100 + id;
    stack.reserve(1);
    stack.push(id);
  }
  // Cycling 1, 2, 3 keeps the order {3, 2, 1} while the stamps run out.
  const std::uint32_t first = stack.capacity();
  bool renumbered = false;
  for (int round = 0; round < 2000; ++round)
    for (std::uint32_t id = 1; id <= 3; ++id) {
      renumbered = stack.reserve(1) || renumbered;
      stack.moveToTop(id);
    }
  EXPECT_TRUE(renumbered);
  EXPECT_LE(stack.clock(), first); // 6,000 touches, stamps still within the range
  EXPECT_EQ(stack.depth(3), 1u);
  EXPECT_EQ(stack.depth(2), 2u);
  EXPECT_EQ(stack.depth(1), 3u);
  // Right after a renumbering the live ids hold 1..live in stack order.
  stack.renumber(0);
  EXPECT_EQ(stack.record(1).stamp, 1u);
  EXPECT_EQ(stack.record(2).stamp, 2u);
  EXPECT_EQ(stack.record(3).stamp, 3u);
  EXPECT_EQ(stack.idAt(3), 3u);
  EXPECT_EQ(stack.idAt(4), 0u);
  // The records' own data is the caller's: untouched.
  for (std::uint32_t id = 1; id <= 3; ++id)
    EXPECT_EQ(stack.record(id).last, 100 + id);
}

// A removed id's stamp keeps a stale owner entry: neither idAt nor a
// renumbering may see it.
TEST(LruStack, ARemovedIdLeavesNoOwner) {
  LruStack<Stamp> stack;
  stack.reset(3);
  pushAll(stack, 3);
  const std::uint32_t stamp = stack.record(2).stamp;
  stack.remove(2);
  EXPECT_EQ(stack.idAt(stamp), 0u);
  stack.renumber(0);
  EXPECT_EQ(stack.idAt(1), 1u);
  EXPECT_EQ(stack.idAt(2), 3u);
  EXPECT_EQ(stack.idAt(3), 0u);
  EXPECT_EQ(stack.record(1).stamp, 1u);
  EXPECT_EQ(stack.record(3).stamp, 2u);
  EXPECT_EQ(stack.depth(3), 1u);
  EXPECT_EQ(stack.depth(1), 2u);
}

TEST(LruStack, TheStampRangeFollowsTheLiveSet) {
  LruStack<Stamp> stack;
  stack.reset(10000);
  pushAll(stack, 10000);
  EXPECT_GE(stack.capacity(), 10000u);
  for (std::uint32_t id = 1; id <= 9990; ++id)
    stack.remove(id);
  // Ten live: the next renumbering shrinks the range back to the minimum.
  stack.renumber(1);
  EXPECT_EQ(stack.capacity(), 1024u);
  for (std::uint32_t id = 9991; id <= 10000; ++id)
    EXPECT_EQ(stack.depth(id), 10001 - id);
}

TEST(LruStack, ResetEmptiesIt) {
  LruStack<Stamp> stack;
  stack.reset(4);
  pushAll(stack, 4);
  stack.reset(4);
  EXPECT_EQ(stack.live(), 0u);
  EXPECT_EQ(stack.clock(), 0u);
  for (std::uint32_t id = 1; id <= 4; ++id)
    EXPECT_FALSE(stack.onStack(id));
}

// The naive stack: a vector, top first; a depth is a position.
struct NaiveStack {
  std::vector<std::uint32_t> ids;
  std::uint32_t depth(std::uint32_t id) const {
    return std::uint32_t(std::find(ids.begin(), ids.end(), id) - ids.begin()) + 1;
  }
  bool has(std::uint32_t id) const { return std::find(ids.begin(), ids.end(), id) != ids.end(); }
  void erase(std::uint32_t id) { ids.erase(std::find(ids.begin(), ids.end(), id)); }
  void top(std::uint32_t id) { ids.insert(ids.begin(), id); }
};

/// What a random step does: touch `id` (move or push), or remove it.
struct Step {
  std::uint32_t id;
  bool remove;
};

/// 40,000 random steps (`pick` chooses each) on both stacks, every depth
/// checked before the step; returns how many renumberings the run crossed.
template <class Pick> unsigned agreeWithNaive(unsigned seed, Pick pick) {
  std::mt19937 random(seed);
  LruStack<Stamp> stack;
  stack.reset(300);
  NaiveStack naive;
  unsigned renumberings = 0;
  for (int i = 0; i < 40000; ++i) {
    const Step step = pick(random, naive);
    EXPECT_EQ(stack.onStack(step.id), naive.has(step.id));
    if (naive.has(step.id))
      EXPECT_EQ(stack.depth(step.id), naive.depth(step.id)) << "seed " << seed << " step " << i;
    if (step.remove && naive.has(step.id)) {
      stack.remove(step.id);
      naive.erase(step.id);
    } else {
      renumberings += stack.reserve(1);
      stack.touch(step.id);
      if (naive.has(step.id))
        naive.erase(step.id);
      naive.top(step.id);
    }
    EXPECT_EQ(stack.live(), naive.ids.size());
    if (::testing::Test::HasFailure())
      return renumberings;
  }
  for (std::uint32_t id : naive.ids)
    EXPECT_EQ(stack.depth(id), naive.depth(id));
  return renumberings;
}

TEST(LruStack, AgreesWithANaiveStackOnRandomTouchesAndRemovals) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    const unsigned renumberings = agreeWithNaive(seed, [](std::mt19937 &random, const NaiveStack &) {
      const std::uint32_t id = std::uniform_int_distribution<std::uint32_t>(1, 300)(random);
      return Step{id, std::uniform_int_distribution<unsigned>(0, 9)(random) < 2};
    });
    EXPECT_GT(renumberings, 10u) << "the run should cross renumberings";
  }
}

// Most reads in real programs are of the top few values (temporaries,
// accumulators), whose stamps share the newest 64-stamp word: that word is
// counted apart from the tree. Touch mostly near the top, with deep touches
// and removals between, so stamps cross word boundaries in every state.
TEST(LruStack, AgreesWithANaiveStackWhenMostTouchesAreNearTheTop) {
  for (unsigned seed = 1; seed <= 5; ++seed)
    agreeWithNaive(seed, [](std::mt19937 &random, const NaiveStack &naive) {
      const unsigned what = std::uniform_int_distribution<unsigned>(0, 19)(random);
      std::uint32_t id = std::uniform_int_distribution<std::uint32_t>(1, 200)(random);
      if (what < 14 && !naive.ids.empty()) // one of the top 4
        id = naive.ids[std::uniform_int_distribution<std::size_t>(
            0, std::min<std::size_t>(3, naive.ids.size() - 1))(random)];
      return Step{id, what >= 17};
    });
}

} // namespace
} // namespace bytedmd
