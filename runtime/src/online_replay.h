// online_replay.h - the ByteDMD replay, one event at a time, in memory
// proportional to the live set.
//
// Replay (replay.h) needs the whole log: its liveness pass finds each value's
// last read before the stack replay starts. Here the producer already knows,
// at each read, whether it is its value's last (a first execution counted
// the reads, or a generator decides), so values leave the stack as they die
// and nothing is kept per event. Values are named by slot: a small integer
// the producer hands out again once the value in it has died, so the records
// are as many as the live set is large. The rules are Replay's (semantics.md,
// Part A) and the numbers are the same: online_replay_test.cpp replays logs
// both ways.
#ifndef BYTEDMD_ONLINE_REPLAY_H
#define BYTEDMD_ONLINE_REPLAY_H

#include "cost.h"
#include "lru_stack.h"
#include "replay.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace bytedmd {

class OnlineReplay {
public:
  using Slot = std::uint32_t;

  /// Starts a replay (the trace limit, bytes per element, cache sizes, and
  /// per-site costs of options apply; the variants do not).
  void begin(const ReplayOptions &options) {
    options_ = options;
    stats_ = ReplayStats{};
    stats_.sites.resize(1);
    stack_.reset(0);
    histogram_.assign(1024, 0);
    site_ = 0;
  }
  /// An input on the initial stack (in order: the first ends deepest);
  /// `read`: whether anything reads it (one that nothing reads leaves at once).
  void input(Slot slot, bool read) {
    ++stats_.inputs;
    store(slot, !read);
  }
  /// The reads that follow belong to source location `id`.
  void location(Word id) {
    site_ = id;
    if (id >= stats_.sites.size())
      stats_.sites.resize(std::size_t(id) + 1);
  }
  /// One instruction's READ batch: slots[0..m), and per operand whether this
  /// batch holds its value's last read (the value then leaves after it).
  /// Returns its cost; `costs`, when given, receives each read's.
  std::uint64_t batch(const Slot *slots, const std::uint8_t *last, unsigned m,
                      std::uint64_t *costs = nullptr) {
    stack_.reserve(m + 1);
    std::uint64_t cost = 0;
    for (unsigned j = 0; j < m; ++j) {
      const std::uint32_t d = stack_.depth(slots[j]);
      if (d >= histogram_.size())
        histogram_.resize(2 * std::size_t(d), 0);
      ++histogram_[d];
      const std::uint64_t c = price(d);
      if (costs != nullptr)
        costs[j] = c;
      cost += c;
      if (stats_.reads < options_.traceLimit)
        stats_.trace.push_back(d);
      ++stats_.reads;
    }
    ReplayStats::Site &here = stats_.sites[site_];
    here.reads += m;
    here.cost += cost;
    // Distinct operands move to the top in order; a dying one leaves instead
    // (the same order). A stamp newer than the batch marks one handled.
    const std::uint32_t start = stack_.clock();
    // An operand dies if any of its reads here is its last. Short batches
    // (almost all) look ahead; long ones search the sorted dying slots, so
    // a 4,095-operand instruction costs O(m log m), not O(m^2).
    const bool lookAhead = m <= kLookAhead;
    if (!lookAhead) {
      dying_.clear();
      for (unsigned j = 0; j < m; ++j)
        if (last[j] != 0)
          dying_.push_back(slots[j]);
      std::sort(dying_.begin(), dying_.end());
    }
    for (unsigned j = 0; j < m; ++j) {
      const Slot s = slots[j];
      const std::uint32_t stamp = stack_.record(s).stamp;
      if (stamp == 0 || stamp > start)
        continue;
      bool dies = false;
      if (lookAhead)
        for (unsigned i = j; i < m; ++i)
          dies = dies || (slots[i] == s && last[i] != 0);
      else
        dies = std::binary_search(dying_.begin(), dying_.end(), s);
      if (dies)
        stack_.remove(s);
      else
        stack_.moveToTop(s);
    }
    return cost;
  }
  /// The instruction's output (after its batch), or a value stored with no
  /// read; `dead`: nothing ever reads it.
  void store(Slot slot, bool dead) {
    stack_.growIds(slot);
    stack_.reserve(1);
    stack_.push(slot);
    if (dead)
      stack_.remove(slot);
    else if (stack_.live() > stats_.peakLive)
      stats_.peakLive = stack_.live();
    if (stack_.live() >= histogram_.size())
      histogram_.resize(2 * std::size_t(stack_.live()), 0);
  }
  /// Counts an instruction with an output (its STORE follows).
  void instruction() { ++stats_.instructions; }
  /// Whether `slot` holds a live value (the producer may hand it out again
  /// only when it does not).
  bool live(Slot slot) const {
    return slot < stack_.records().size() && stack_.record(slot).stamp != 0;
  }
  std::uint32_t liveCount() const { return stack_.live(); }
  /// What a read at depth d costs (the batch's own pricing).
  std::uint64_t price(std::uint32_t d) const {
    return options_.bytesPerElement == 1 ? ceilSqrt32(d) : readCost(d, options_.bytesPerElement);
  }
  /// Reads per exact depth (index = depth; still there after finish()).
  const std::vector<std::uint64_t> &histogram() const { return histogram_; }
  /// The producer's own count for a stored slot (say, its reads left), kept
  /// beside the slot's stamp: the batch reads that cache line anyway.
  std::uint32_t &readsLeft(Slot slot) { return stack_.record(slot).left; }
  /// The producer's 16-bit tag for a stored slot (the streamed replay keeps
  /// an input's origin there, attribution.h), beside its stamp likewise.
  std::uint16_t &tag(Slot slot) { return stack_.record(slot).tag; }
  /// The totals, priced once per depth.
  ReplayStats finish() {
    addHistogramTotals(histogram_, options_, true, stats_);
    stats_.traceTruncated = stats_.reads > stats_.trace.size();
    return std::move(stats_);
  }

private:
  struct Record { // all zero when new (ZeroedArray)
    std::uint32_t stamp;
    std::uint32_t left; // readsLeft()
    std::uint16_t tag;  // tag()
  };
  static constexpr unsigned kLookAhead = 16;
  std::vector<Slot> dying_; // a long batch's dying slots, sorted
  ReplayOptions options_;
  ReplayStats stats_;
  LruStack<Record> stack_;
  std::vector<std::uint64_t> histogram_;
  Word site_ = 0;
};

} // namespace bytedmd

#endif // BYTEDMD_ONLINE_REPLAY_H
