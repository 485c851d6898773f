// stamp_set.h - the order statistics under the LRU stack (lru_stack.h): live stamps, counted.
//
// Each value (or location) on an LRU stack holds a last-touch stamp; its
// depth is the number of live stamps at or above its own. The live stamps are
// one bit each, and a Fenwick tree over the 64-stamp words counts their set
// bits: a count below a stamp is a prefix sum over words, O(log n), plus one
// popcount. The tree is 1/64 of the stamp range, so its walks stay in cache
// (it replaced a tree per stamp: 1.5x to 2x the reads per second).
//
// New stamps only ever go to the newest word (the top of the stack), so the
// tree leaves that word out: its count enters the tree when insertion moves
// on to the next word. A depth inside the top word is then one popcount, and
// touching a value there (temporaries, accumulators: most reads are at depth
// 1 to 3) costs no tree walk at all; a deeper touch saves the insertion's.
#ifndef BYTEDMD_STAMP_SET_H
#define BYTEDMD_STAMP_SET_H

#include <cstdint>
#include <vector>

namespace bytedmd {

/// Turns tree[1..n], holding one weight per index, into the Fenwick tree of
/// those weights in O(n): each node adds itself into its parent.
template <class T> void buildFenwick(std::vector<T> &tree, std::uint32_t n) {
  for (std::uint32_t s = 1; s <= n; ++s) {
    const std::uint32_t parent = s + (s & (0u - s));
    if (parent <= n)
      tree[parent] += tree[s];
  }
}

/// Set bits of a word without the POPCNT instruction (without -mpopcnt the
/// builtin is a libgcc call).
inline std::uint32_t popcount64Portable(std::uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return std::uint32_t((x * 0x0101010101010101ull) >> 56);
}

#if defined(__x86_64__) && !defined(__POPCNT__)
/// Whether this CPU has POPCNT (every x86-64 since 2008; the baseline the
/// runtime is built for does not promise it).
inline const bool cpuHasPopcount = [] {
  __builtin_cpu_init(); // (it may run before the library's constructors)
  return __builtin_cpu_supports("popcnt") != 0;
}();
#endif

/// Set bits of a word: one instruction where the CPU has it, chosen by a
/// branch that always goes the same way (the portable form was an eighth
/// of the replay's instructions at matmul N=256).
inline std::uint32_t popcount64(std::uint64_t x) {
#if defined(__POPCNT__)
  return std::uint32_t(__builtin_popcountll(x));
#elif defined(__x86_64__)
  if (__builtin_expect(cpuHasPopcount, 1)) {
    std::uint64_t n;
    __asm__("popcnt %1, %0" : "=r"(n) : "rm"(x) : "cc");
    return std::uint32_t(n);
  }
  return popcount64Portable(x);
#else
  return popcount64Portable(x);
#endif
}

class StampSet {
public:
  /// Room for stamps 0..capacity, with 1..n live and the rest free.
  void reset(std::uint32_t capacity, std::uint32_t n) {
    words_ = capacity / 64 + 1;
    bits_.assign(words_, 0);
    tree_.assign(std::size_t(words_) + 1, 0);
    for (std::uint32_t s = 1; s <= n; ++s)
      bits_[s >> 6] |= std::uint64_t(1) << (s & 63);
    top_ = n >> 6;
    for (std::uint32_t w = 0; w < words_; ++w)
      tree_[w + 1] = w == top_ ? 0 : std::int32_t(popcount64(bits_[w]));
    buildFenwick(tree_, words_);
  }
  /// How many of `live` live stamps are at or above s (s's depth when live).
  std::uint32_t atOrAbove(std::uint32_t s, std::uint32_t live) const {
    if ((s >> 6) == top_) // nothing lives above the top word
      return popcount64(bits_[top_] >> (s & 63));
    return live - countBelow(s);
  }
  /// How many live stamps are below s, for s at most the newest stamp
  /// (the tree is then exact for every word below s's).
  std::uint32_t countBelow(std::uint32_t s) const {
    const std::uint32_t w = s >> 6;
    std::int32_t below = std::int32_t(popcount64(bits_[w] & ((std::uint64_t(1) << (s & 63)) - 1)));
    for (std::uint32_t i = w; i != 0; i &= i - 1)
      below += tree_[i];
    return std::uint32_t(below);
  }
  bool contains(std::uint32_t s) const { return (bits_[s >> 6] >> (s & 63)) & 1; }
  /// Calls f(s) for each live stamp s in ascending order: a word at a time,
  /// so the dead stamps between cost nothing.
  template <class F> void forEach(F f) const {
    for (std::uint32_t w = 0; w < words_; ++w)
      for (std::uint64_t b = bits_[w]; b != 0; b &= b - 1)
        f((w << 6) | std::uint32_t(__builtin_ctzll(b)));
  }
  /// Inserts s, newer than every stamp inserted since reset().
  void insert(std::uint32_t s) {
    const std::uint32_t w = s >> 6;
    if (w != top_) { // the top word is complete: its count joins the tree
      count(top_, std::int32_t(popcount64(bits_[top_])));
      top_ = w;
    }
    bits_[w] |= std::uint64_t(1) << (s & 63);
  }
  void erase(std::uint32_t s) {
    const std::uint32_t w = s >> 6;
    bits_[w] &= ~(std::uint64_t(1) << (s & 63));
    if (w != top_)
      count(w, -1);
  }

private:
  void count(std::uint32_t word, std::int32_t delta) {
    for (std::uint32_t i = word + 1; i <= words_; i += i & (0u - i))
      tree_[i] += delta;
  }

  std::vector<std::uint64_t> bits_; // stamp >> 6 -> live bits
  std::vector<std::int32_t> tree_;  // Fenwick over the words (1-based)
  std::uint32_t words_ = 0;
  std::uint32_t top_ = 0; // the newest word, whose count the tree leaves out
};

} // namespace bytedmd

#endif // BYTEDMD_STAMP_SET_H
