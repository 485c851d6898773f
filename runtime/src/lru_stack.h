// lru_stack.h - the LRU stack both replays keep: ids by last-touch stamp, with depth in O(log n).
//
// Every id on the stack (a value, or a memory location) holds a last-touch
// stamp, and its depth is the number of live stamps at or above its own
// (StampSet, stamp_set.h). Touching an id gives it the next stamp. When the
// stamps run out, the live ids are renumbered 1..live in stack order and the
// stamp range becomes four times the live set: the next renumbering is then
// at least 3 x live touches away, so its O(range) cost is O(1) per touch, and
// the order statistics stay proportional to the live set (a long run over a
// small working set stays in cache).
//
// Record is what the stack keeps per id: any trivially copyable struct with
// a std::uint32_t `stamp` member (0 while the id is not on the stack), all
// zero bytes when the id is new. The records are a ZeroedArray: a fresh
// stack costs no pass over them. Both replays keep the
// stamp alone: the value replay's liveness is in bits beside the log.
#ifndef BYTEDMD_LRU_STACK_H
#define BYTEDMD_LRU_STACK_H

#include "stamp_set.h"
#include "zeroed_array.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

namespace bytedmd {

/// The record of an id that keeps nothing but its stamp.
struct Stamp {
  std::uint32_t stamp;
};

template <class Record> class LruStack {
public:
  using Id = std::uint32_t;

  /// An empty stack with room for ids 1..ids, every record zero.
  void reset(std::size_t ids) {
    records_.assignZero(ids + 1);
    clock_ = 0;
    live_ = 0;
    resize(kMinCapacity, 0);
  }

  /// reset(ids), with `records` (every record zero) as the records:
  /// storage the caller grew and cleared, so the stack need not.
  void adopt(ZeroedArray<Record> &&records, std::size_t ids) {
    records_ = std::move(records);
    records_.resizeZero(ids + 1);
    clock_ = 0;
    live_ = 0;
    resize(kMinCapacity, 0);
  }

  /// Room for ids up to `ids`, keeping the stack (for ids that arrive as
  /// they are used: the online replay's slots).
  void growIds(std::size_t ids) {
    if (ids + 1 > records_.size())
      records_.resizeZero(std::max(ids + 1, 2 * records_.size()));
  }
  /// The per-id records (index = id; 0 is unused).
  Record &record(Id id) { return records_[id]; }
  const Record &record(Id id) const { return records_[id]; }
  ZeroedArray<Record> &records() { return records_; }
  const ZeroedArray<Record> &records() const { return records_; }

  bool onStack(Id id) const { return records_[id].stamp != 0; }
  /// How many ids are on the stack.
  std::uint32_t live() const { return live_; }
  /// id's depth, counted from the top (top = 1). id must be on the stack.
  std::uint32_t depth(Id id) const { return set_.atOrAbove(records_[id].stamp, live_); }

  /// The last stamp given; a stamp above it was given after this call.
  std::uint32_t clock() const { return clock_; }
  /// Stamps run from 1 to capacity() until the next renumbering.
  std::uint32_t capacity() const { return capacity_; }
  /// The id holding `stamp`, 0 when none (for trees kept beside the stack).
  Id idAt(std::uint32_t stamp) const { return set_.contains(stamp) ? owner_[stamp] : 0; }

  /// Whether `needed` more touches fit before renumber(needed) is due.
  bool fits(std::uint32_t needed) const { return std::uint64_t(clock_) + needed <= capacity_; }
  /// Makes room for `needed` touches; true when it renumbered the stamps.
  bool reserve(std::uint32_t needed) {
    if (fits(needed))
      return false;
    renumber(needed);
    return true;
  }

  /// Pushes id (not on the stack) on top. Needs one reserved touch.
  void push(Id id) {
    place(id);
    ++live_;
  }
  /// Moves id (on the stack) to the top. Needs one reserved touch.
  void moveToTop(Id id) {
    unplace(records_[id].stamp);
    place(id);
  }
  /// Moves id to the top, pushing it if it is not on the stack.
  void touch(Id id) {
    if (const std::uint32_t stamp = records_[id].stamp)
      unplace(stamp);
    else
      ++live_;
    place(id);
  }
  /// Takes id (on the stack) off it.
  void remove(Id id) {
    unplace(records_[id].stamp);
    records_[id].stamp = 0;
    --live_;
  }

  /// Renumbers the live ids 1..live in stack order into a stamp range four
  /// times the live set plus `needed`.
  void renumber(std::uint32_t needed) {
    // New stamps never exceed old ones, so owner_ compacts in place. Only
    // the live stamps' owners are read: a dead stamp's entry is stale.
    std::uint32_t n = 0;
    set_.forEach([&](std::uint32_t s) {
      const Id id = owner_[s];
      owner_[++n] = id;
      records_[id].stamp = n;
    });
    // Four times the live set rather than two: matmul N=256 spent 15% of its
    // time renumbering with two.
    const std::uint64_t capacity =
        std::max<std::uint64_t>(kMinCapacity, 4 * (std::uint64_t(n) + needed));
    if (capacity > kMaxCapacity)
      throw std::length_error("bytedmd: live set too large to replay");
    resize(std::uint32_t(capacity), n);
  }

private:
  static constexpr std::uint32_t kMinCapacity = 1024;
  static constexpr std::uint64_t kMaxCapacity = std::uint64_t(1) << 31;

  void place(Id id) {
    const std::uint32_t s = ++clock_;
    records_[id].stamp = s;
    owner_[s] = id;
    set_.insert(s);
  }
  // owner_ is left stale: the set says which stamps are live, and a random
  // write per deep touch was a cache miss for nothing.
  void unplace(std::uint32_t stamp) { set_.erase(stamp); }
  /// Stamps 1..live taken (owner_[1..live] already hold their ids), the rest
  /// free, up to `capacity`.
  void resize(std::uint32_t capacity, std::uint32_t live) {
    capacity_ = capacity;
    owner_.resize(std::size_t(capacity) + 1);
    set_.reset(capacity, live);
    clock_ = live;
  }

  ZeroedArray<Record> records_; // id -> record (its stamp, 0 when off the stack)
  std::vector<Id> owner_;       // stamp -> id, stale when the stamp is not live
  StampSet set_;                // the live stamps
  std::uint32_t capacity_ = 0, clock_ = 0, live_ = 0;
};

} // namespace bytedmd

#endif // BYTEDMD_LRU_STACK_H
