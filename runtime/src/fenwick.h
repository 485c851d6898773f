// fenwick.h - building a Fenwick (binary indexed) tree in place.
#ifndef BYTEDMD_FENWICK_H
#define BYTEDMD_FENWICK_H

#include <algorithm>
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

/// After a renumbering has compacted the n live entries into owner[1..n]:
/// sizes owner (stamp -> entry, 0 when free) and the count tree for
/// `capacity` stamps, the first n taken.
inline void resetStamps(std::vector<std::uint32_t> &owner, std::vector<std::int32_t> &tree,
                        std::uint32_t n, std::uint32_t capacity) {
  owner.resize(std::size_t(capacity) + 1);
  std::fill(owner.begin() + n + 1, owner.end(), 0);
  tree.assign(std::size_t(capacity) + 1, 0);
  for (std::uint32_t s = 1; s <= n; ++s)
    tree[s] = 1;
  buildFenwick(tree, capacity);
}

} // namespace bytedmd

#endif // BYTEDMD_FENWICK_H
