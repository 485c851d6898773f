// location_replay.cpp - the stack=locations variant (see the header).
//
// The stack is the value replay's LruStack (lru_stack.h), over location ids.
#include "location_replay.h"

#include "lru_stack.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace bytedmd {
namespace {

/// A location's record on the stack: its stamp alone.
struct Location {
  std::uint32_t stamp;
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
  LruStack<Location> stack;
  stack.reset(ids.size());
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
    stack.reserve(1);
    stack.touch(ev.loc);
    if (leaves[e])
      stack.remove(ev.loc);
    stats.peakLive = std::max<std::uint64_t>(stats.peakLive, stack.live());
  }
  stats.inputs = prologue;
  addHistogramTotals(histogram, options, true, stats);
  stats.traceTruncated = stats.reads > stats.trace.size();
  return stats;
}

} // namespace bytedmd
