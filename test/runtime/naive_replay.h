// naive_replay.h - a deliberately simple O(n) replay, written straight from
// semantics.md Part A with a plain vector for the stack, to check the fast
// replay against. Never used outside tests and benchmarks.
#ifndef BYTEDMD_TEST_NAIVE_REPLAY_H
#define BYTEDMD_TEST_NAIVE_REPLAY_H

#include "event_log.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace bytedmd::testing {

struct NaiveEvent {
  bool read;              // READ batch, else STORE
  std::vector<Word> keys; // operands, or the stored key
};

/// Decodes a log into the plain event list of Part A: the inputs' STOREs,
/// then each READ batch followed by its output's STORE.
inline std::vector<NaiveEvent> naiveEvents(const EventLogView &log) {
  std::vector<NaiveEvent> events;
  for (std::size_t i = 0; i < log.inputCount; ++i)
    events.push_back({false, {log.inputs[i]}});
  Word next = 0;
  for (std::size_t i = 0; i < log.size;) {
    const Word w = log.words[i++];
    if (word::kind(w) == word::kRead) {
      const unsigned m = word::operands(w);
      events.push_back({true, std::vector<Word>(log.words + i, log.words + i + m)});
      i += m;
      if (word::hasOutput(w))
        events.push_back({false, {++next}});
    } else if (word::kind(w) == word::kInput) {
      ++next;
    } else if (word::kind(w) == word::kStore) {
      for (Word n = word::payload(w); n != 0; --n)
        events.push_back({false, {++next}});
    }
  }
  return events;
}

/// Moves a batch's distinct operands to the top, in operand order.
inline void moveToTop(std::vector<Word> &stack, const std::vector<Word> &keys) {
  std::vector<Word> distinct;
  for (Word k : keys)
    if (std::find(distinct.begin(), distinct.end(), k) == distinct.end())
      distinct.push_back(k);
  for (Word k : distinct) {
    stack.erase(std::find(stack.begin(), stack.end(), k));
    stack.push_back(k);
  }
}

struct NaiveResult {
  std::vector<std::uint32_t> trace;
  std::size_t peakLive = 0;
};

inline NaiveResult naiveReplay(const EventLogView &log) {
  const std::vector<NaiveEvent> events = naiveEvents(log);
  const std::size_t forever = events.size();
  std::vector<std::size_t> last(std::size_t(log.values) + 1, 0);
  for (std::size_t e = 0; e < events.size(); ++e)
    for (Word k : events[e].keys)
      last[k] = e; // its STORE, then each READ
  for (std::size_t i = 0; i < log.resultCount; ++i)
    last[log.results[i]] = forever;

  NaiveResult result;
  std::vector<Word> stack; // back() is the top
  for (std::size_t e = 0; e < events.size(); ++e) {
    const NaiveEvent &ev = events[e];
    if (ev.read) {
      std::vector<std::uint32_t> depths;
      for (Word k : ev.keys) {
        auto it = std::find(stack.begin(), stack.end(), k);
        depths.push_back(std::uint32_t(stack.end() - it));
      }
      result.trace.insert(result.trace.end(), depths.begin(), depths.end());
      moveToTop(stack, ev.keys);
    } else {
      stack.push_back(ev.keys[0]);
    }
    stack.erase(std::remove_if(stack.begin(), stack.end(), [&](Word k) { return last[k] <= e; }),
                stack.end());
    result.peakLive = std::max(result.peakLive, stack.size());
  }
  return result;
}

/// bytes=native, naively: each key k is bytes[k] wide; a read's depth is the
/// sum of the sizes from the top down to and including it, and it costs
/// ceil(sqrt(b)) for each of its own bytes, counted one by one.
struct NaiveByteResult {
  std::vector<std::uint32_t> trace;
  std::uint64_t cost = 0, peakLiveBytes = 0;
};

inline std::uint64_t naiveCeilSqrt(std::uint64_t b);

inline NaiveByteResult naiveByteReplay(const EventLogView &log,
                                       const std::vector<std::uint64_t> &bytes) {
  const std::vector<NaiveEvent> events = naiveEvents(log);
  std::vector<std::size_t> last(std::size_t(log.values) + 1, 0);
  for (std::size_t e = 0; e < events.size(); ++e)
    for (Word k : events[e].keys)
      last[k] = e;
  for (std::size_t i = 0; i < log.resultCount; ++i)
    last[log.results[i]] = events.size();
  NaiveByteResult result;
  std::vector<Word> stack;
  for (std::size_t e = 0; e < events.size(); ++e) {
    const NaiveEvent &ev = events[e];
    if (ev.read) {
      for (Word k : ev.keys) {
        std::uint64_t depth = 0;
        for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
          depth += bytes[*it];
          if (*it == k)
            break;
        }
        result.trace.push_back(std::uint32_t(depth));
        for (std::uint64_t b = depth - bytes[k] + 1; b <= depth; ++b)
          result.cost += naiveCeilSqrt(b);
      }
      moveToTop(stack, ev.keys);
    } else {
      stack.push_back(ev.keys[0]);
    }
    stack.erase(std::remove_if(stack.begin(), stack.end(), [&](Word k) { return last[k] <= e; }),
                stack.end());
    std::uint64_t live = 0;
    for (Word k : stack)
      live += bytes[k];
    result.peakLiveBytes = std::max(result.peakLiveBytes, live);
  }
  return result;
}

/// ceil(sqrt(b)) by counting, and the per-byte cost by looping over bytes.
inline std::uint64_t naiveCeilSqrt(std::uint64_t b) {
  std::uint64_t c = 0;
  while (c * c < b)
    ++c;
  return c;
}

inline std::uint64_t naiveCost(const std::vector<std::uint32_t> &trace, std::uint64_t bytes) {
  std::uint64_t cost = 0;
  for (std::uint32_t d : trace)
    for (std::uint64_t b = (d - 1) * bytes + 1; b <= d * bytes; ++b)
      cost += naiveCeilSqrt(b);
  return cost;
}

} // namespace bytedmd::testing

#endif // BYTEDMD_TEST_NAIVE_REPLAY_H
