// location_replay.cpp - the stack=locations variant (see the header).
//
// The stack is the value replay's: last-touch stamps in a StampSet,
// renumbered at four times the live set.
#include "location_replay.h"

#include "stamp_set.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace bytedmd {
namespace {

class LocationStack {
public:
  explicit LocationStack(std::size_t locations) : stampOf_(locations + 1, 0) { grow(0); }

  bool onStack(std::uint32_t loc) const { return stampOf_[loc] != 0; }
  std::uint64_t live() const { return live_; }

  std::uint64_t depth(std::uint32_t loc) const {
    return live_ - stamps_.countBelow(stampOf_[loc]);
  }
  /// Moves loc to the top (pushing it if it is not on the stack).
  void touch(std::uint32_t loc) {
    if (clock_ + 1 > capacity_)
      grow(1);
    if (std::uint32_t old = stampOf_[loc]) {
      stamps_.erase(old);
      owner_[old] = 0;
      --live_;
    }
    const std::uint32_t s = ++clock_;
    stampOf_[loc] = s;
    owner_[s] = loc;
    stamps_.insert(s);
    ++live_;
  }
  void remove(std::uint32_t loc) {
    const std::uint32_t s = stampOf_[loc];
    stamps_.erase(s);
    owner_[s] = 0;
    stampOf_[loc] = 0;
    --live_;
  }

private:
  /// Renumbers the live locations 1..live in stack order into a tree four
  /// times their number (amortised O(1) per touch).
  void grow(std::uint32_t needed) {
    std::uint32_t n = 0;
    for (std::uint32_t s = 1; s <= clock_; ++s)
      if (const std::uint32_t loc = owner_[s]) {
        owner_[++n] = loc;
        stampOf_[loc] = n;
      }
    const std::uint64_t capacity = std::max<std::uint64_t>(1024, 4 * (std::uint64_t(n) + needed));
    if (capacity > (std::uint64_t(1) << 31))
      throw std::length_error("bytedmd: too many live locations to replay");
    capacity_ = std::uint32_t(capacity);
    owner_.resize(capacity + 1);
    std::fill(owner_.begin() + n + 1, owner_.end(), 0);
    stamps_.reset(capacity_, n);
    clock_ = n;
  }

  std::vector<std::uint32_t> stampOf_; // location -> stamp, 0 when not on the stack
  std::vector<std::uint32_t> owner_;   // stamp -> location, 0 when free
  StampSet stamps_;
  std::uint32_t capacity_ = 0, clock_ = 0;
  std::uint64_t live_ = 0;
};

struct Event {
  std::uint32_t loc;
  Word key; // the value loaded or stored (local key)
  bool write;
};

} // namespace

ReplayStats replayLocations(const LocationReplayInput &in, const ReplayOptions &options,
                            std::uint64_t *coldReads) {
  const std::vector<Access> &accesses = *in.accesses;
  *coldReads = 0;

  // Dense location ids, by address.
  std::unordered_map<std::uintptr_t, std::uint32_t> ids;
  ids.reserve(accesses.size() / 4 + 16);
  std::vector<std::uint32_t> locs(accesses.size());
  for (std::size_t i = 0; i < accesses.size(); ++i)
    locs[i] = ids.try_emplace(accesses[i].address, std::uint32_t(ids.size() + 1)).first->second;

  // An input's location: where the first access that carries its key is.
  std::unordered_map<Word, std::size_t> inputIndex;
  for (std::size_t j = 0; j < in.inputCount; ++j)
    inputIndex.emplace(in.inputs[j], j);
  std::vector<std::uint32_t> inputLoc(in.inputCount, 0);
  for (std::size_t i = 0; i < accesses.size() && !inputIndex.empty(); ++i) {
    const auto it = inputIndex.find(accesses[i].key & ~kAccessWrite);
    if (it != inputIndex.end() && inputLoc[it->second] == 0)
      inputLoc[it->second] = locs[i];
  }
  std::vector<Event> events;
  events.reserve(in.inputCount + accesses.size());
  {
    std::vector<bool> placed(ids.size() + 1, false);
    for (std::size_t j = 0; j < in.inputCount; ++j)
      if (inputLoc[j] != 0 && !placed[inputLoc[j]]) {
        placed[inputLoc[j]] = true;
        events.push_back({inputLoc[j], in.inputs[j], true});
      }
  }
  const std::size_t prologue = events.size();
  for (std::size_t i = 0; i < accesses.size(); ++i)
    events.push_back({locs[i], accesses[i].key & ~kAccessWrite,
                      (accesses[i].key & kAccessWrite) != 0});

  // Liveness: a location leaves after an event when the value it then
  // holds is not read again (the next access is a write, or there is none
  // and the value is not a result).
  std::vector<bool> leaves(events.size(), false);
  if (options.liveness) {
    const std::unordered_set<Word> results(in.results, in.results + in.resultCount);
    std::vector<std::uint8_t> next(ids.size() + 1, 0); // 0 none, 1 read, 2 write
    for (std::size_t e = events.size(); e-- > 0;) {
      const Event &ev = events[e];
      const std::uint8_t after = next[ev.loc];
      leaves[e] = after == 0 ? results.count(ev.key) == 0 : after == 2;
      next[ev.loc] = ev.write ? 2 : 1;
    }
  }

  ReplayStats stats;
  LocationStack stack(ids.size());
  std::vector<std::uint64_t> histogram(1024, 0);
  for (std::size_t e = 0; e < events.size(); ++e) {
    const Event &ev = events[e];
    if (!ev.write) {
      std::uint64_t d;
      if (stack.onStack(ev.loc)) {
        d = stack.depth(ev.loc);
      } else {
        d = stack.live() + 1; // from below the stack
        ++*coldReads;
      }
      if (d >= histogram.size())
        histogram.resize(2 * d, 0);
      ++histogram[d];
      if (stats.reads < options.traceLimit)
        stats.trace.push_back(std::uint32_t(d));
      ++stats.reads;
    }
    stack.touch(ev.loc);
    if (leaves[e])
      stack.remove(ev.loc);
    stats.peakLive = std::max(stats.peakLive, stack.live());
  }
  stats.inputs = prologue;
  addHistogramTotals(histogram, options, true, stats);
  stats.traceTruncated = stats.reads > stats.trace.size();
  return stats;
}

} // namespace bytedmd
