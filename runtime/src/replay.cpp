// replay.cpp - the replay's liveness pass, and the parts of it that are not per event.
#include "replay.h"

#include <stdexcept>
#include <string>
#include <unistd.h>
#include <utility>

namespace bytedmd {

namespace {
[[noreturn]] void malformed(const std::string &what) {
  throw std::invalid_argument("bytedmd: malformed event log: " + what);
}
} // namespace

std::uint64_t Replay::computeLiveness(const EventLogView &log, bool sizes) {
  const Word values = log.values;
  hasLocations_ = false;
  native_ = sizes;
  if (values > word::kMaxLocalKey)
    malformed("too many values");
  // The stack's records double as liveness's scratch: stamp 1 marks a
  // declared input until the pass ends.
  stack_.reset(values);
  std::vector<Value> &records = stack_.records();
  if (sizes)
    sizeLog2_.assign(std::size_t(values) + 1, 0);
  std::uint64_t event = 0;
  for (std::size_t i = 0; i < log.inputCount; ++i) {
    const Word k = log.inputs[i];
    if (k == 0 || k > values)
      malformed("input key " + std::to_string(k) + " was never allocated");
    if (records[k].stamp != 0)
      malformed("input key " + std::to_string(k) + " declared twice");
    records[k].stamp = 1; // seen; reset below
    records[k].last = std::uint32_t(event++);
  }
  Word next = 0;
  for (std::size_t i = 0; i < log.size;) {
    const Word header = log.words[i++];
    switch (word::kind(header)) {
    case word::kRead: {
      const unsigned m = word::operands(header);
      if (m == 0 || i + m > log.size)
        malformed("READ batch of " + std::to_string(m) + " operands");
      for (unsigned j = 0; j < m; ++j) {
        const Word k = log.words[i + j];
        if (!word::isOperand(k) || k == 0 || k > next)
          malformed("READ of key " + std::to_string(k) + " before it was allocated");
        records[k].last = std::uint32_t(event);
      }
      i += m;
      ++event;
      if (word::hasOutput(header)) {
        if (next == values)
          malformed("more values stored than allocated");
        records[++next].last = std::uint32_t(event++);
        if (sizes)
          sizeLog2_[next] = std::uint8_t(word::sizeLog2(header));
      }
      break;
    }
    case word::kInput:
      ++next;
      if (next > values || records[next].stamp == 0)
        malformed("INPUT marker without a declared input");
      if (sizes)
        sizeLog2_[next] = std::uint8_t(word::sizeLog2(header));
      break;
    case word::kStore:
      for (Word n = word::payload(header); n != 0; --n) {
        if (next == values)
          malformed("STORE beyond the allocated values");
        records[++next].last = std::uint32_t(event++);
      }
      break;
    case word::kLocation:
      hasLocations_ = hasLocations_ || !word::isScope(header);
      break;
    default:
      malformed("operand word outside a READ batch");
    }
    if (next > values)
      malformed("more values stored than allocated");
    if (event >= kForever)
      malformed("more than 2^32 - 1 events in one measurement");
  }
  if (next != values)
    malformed("allocated values and stored values disagree");
  for (std::size_t i = 0; i < log.resultCount; ++i) {
    const Word k = log.results[i];
    if (k == 0 || k > values)
      malformed("result key " + std::to_string(k) + " was never allocated");
    records[k].last = kForever;
  }
  for (std::size_t i = 0; i < log.inputCount; ++i)
    records[log.inputs[i]].stamp = 0;

  liveBytes_ = 0;
  if (sizes)
    bytesTree_.assign(std::size_t(stack_.capacity()) + 1, 0);
  histogram_.assign(1024, 0);
  return event;
}

void Replay::placeOrigins(const EventLogView &log, Attribution &a) {
  Word top = 0;
  for (std::size_t i = 0; i < log.inputCount; ++i)
    top = std::max(top, log.inputs[i]);
  origin_.assign(log.inputCount == 0 ? 0 : std::size_t(top) + 1, 0);
  // Group g is index g + 1; without groups, all inputs are one parameter.
  const std::uint32_t *groups = log.inputParameters ? log.inputParameters : log.inputGroups;
  for (std::size_t i = 0; i < log.inputCount; ++i)
    origin_[log.inputs[i]] = origin::ofGroup(groups != nullptr ? groups[i] : 0);
  origin::countInputs(a, groups, log.inputCount);
}

void addHistogramTotals(const std::vector<std::uint64_t> &histogram, const ReplayOptions &options,
                        bool price, ReplayStats &stats) {
  for (std::size_t d = 1; d < histogram.size() && price; ++d) {
    if (histogram[d] == 0)
      continue;
    stats.cost += histogram[d] * readCost(d, options.bytesPerElement);
    if (options.sqrtCost)
      stats.sqrtCost += double(histogram[d]) * sumSqrt(d, options.bytesPerElement);
  }
  if (options.cacheSizes != nullptr) {
    // A read misses in a cache of C elements when more than C values,
    // counting itself, are at or above it: depth > C.
    const std::vector<std::uint64_t> &sizes = *options.cacheSizes;
    stats.misses.assign(sizes.size(), 0);
    for (std::size_t j = 0; j < sizes.size(); ++j)
      for (std::uint64_t d = sizes[j] + 1; d < histogram.size(); ++d)
        stats.misses[j] += histogram[d];
  }
}

std::uint32_t Replay::placeArguments(const EventLogView &log) {
  // Inputs come last parameter first (groups ascend); the argument stack
  // puts the first parameter's elements first: groups descending, each in
  // its own order.
  argumentDepth_.assign(std::size_t(log.values) + 1, 0);
  argumentOrder_.clear();
  const auto groupOf = [&](std::size_t i) {
    return log.inputGroups != nullptr ? std::uint64_t(log.inputGroups[i]) : std::uint64_t(i);
  };
  std::uint32_t depth = 0;
  for (std::size_t end = log.inputCount; end != 0;) {
    std::size_t begin = end - 1;
    while (begin != 0 && groupOf(begin - 1) == groupOf(end - 1))
      --begin;
    for (std::size_t i = begin; i < end; ++i) {
      argumentDepth_[log.inputs[i]] = ++depth;
      argumentOrder_.push_back(log.inputs[i]);
    }
    end = begin;
  }
  return depth;
}

bool Replay::splits(const EventLogView &log, const ReplayOptions &options) {
  if (options.splitWords == 0 || log.size < options.splitWords)
    return false;
  // The scan counts touches (inputs, reads, stores) in 32-bit stamps.
  if (std::uint64_t(log.size) + log.values >= kForever)
    return false;
  if (options.splitAt != 0) // asked for where: split, whatever the machine
    return true;
  if (std::thread::hardware_concurrency() < 2)
    return false;
  // The second half keeps its own records, 8 bytes per value, its stack
  // (16 bytes per live value: all of them without liveness) and its part
  // of the trace: split only while the log and both halves fit in three
  // quarters of memory (the recorder stops at the log and one half's).
  static const std::uint64_t physical =
      std::uint64_t(::sysconf(_SC_PHYS_PAGES)) * std::uint64_t(::sysconf(_SC_PAGESIZE));
  const std::uint64_t values = log.values;
  const std::uint64_t needs = 4 * std::uint64_t(log.size) + 16 * values +
                              (options.liveness ? 0 : 16 * values) +
                              4 * std::min<std::uint64_t>(options.traceLimit, log.size);
  return physical == 0 || needs <= physical - physical / 4;
}

void Replay::scanTo(const EventLogView &log, std::size_t target, std::uint64_t window,
                    bool markInputs, SplitStart &start) {
  // The stamps are scratch here: a value's last touch, counted from 1. A
  // batch touches its distinct operands in operand order, then its output.
  std::vector<Value> &records = stack_.records();
  std::uint16_t *const origins = origin_.data();
  const std::size_t originSize = markInputs ? origin_.size() : 0;
  std::uint32_t touches = 0;
  Word bound = 0; // every key touched is at most this
  for (std::size_t i = 0; i < log.inputCount; ++i) {
    records[log.inputs[i]].stamp = ++touches;
    bound = std::max(bound, log.inputs[i]);
  }
  ReplayCursor at;
  at.event = std::uint32_t(log.inputCount);
  std::uint64_t reads = 0, windowEnd = window;
  start.scopes.clear();
  std::size_t i = 0;
  while (i < target) {
    const Word header = log.words[i++];
    switch (word::kind(header)) {
    case word::kRead: {
      const unsigned m = word::operands(header);
      const std::uint32_t batchStart = touches;
      for (unsigned j = 0; j < m; ++j) {
        const Word k = log.words[i + j];
        if (k < originSize && origins[k] != 0)
          origins[k] |= origin::kReadOnce;
        if (records[k].stamp <= batchStart)
          records[k].stamp = ++touches;
      }
      i += m;
      reads += m;
      ++at.event;
      if (word::hasOutput(header)) {
        records[++at.next].stamp = ++touches;
        ++at.event;
      }
      if (at.event >= windowEnd) // as AttributionState::advance
        windowEnd += window;
      break;
    }
    case word::kInput:
      ++at.next;
      break;
    case word::kStore:
      for (Word n = word::payload(header); n != 0; --n) {
        records[++at.next].stamp = ++touches;
        ++at.event;
      }
      if (at.event >= windowEnd)
        windowEnd += window;
      break;
    case word::kLocation:
      if (!word::isScope(header))
        at.site = word::payload(header);
      else if ((word::payload(header) & word::kMaxScopeId) != 0)
        start.scopes.push_back(word::payload(header) & word::kMaxScopeId);
      else if (!start.scopes.empty()) // the root stays the root
        start.scopes.pop_back();
      break;
    }
  }
  at.word = i;
  // Live there: touched, and read again at or after its event (results and,
  // without liveness, every value: never).
  bound = std::max(bound, at.next);
  std::vector<std::pair<std::uint32_t, Word>> live;
  for (Word k = 1; k <= bound; ++k) {
    Value &v = records[k];
    if (v.stamp == 0)
      continue;
    if (v.last >= at.event)
      live.emplace_back(v.stamp, k);
    v.stamp = 0;
  }
  std::sort(live.begin(), live.end());
  start.stack.clear();
  for (const auto &touched : live)
    start.stack.push_back(touched.second);
  start.at = at;
  start.reads = reads;
  start.windowEnd = windowEnd;
}

void Replay::mergeHalves(ReplayStats &into, std::vector<std::uint64_t> &histogram,
                         const ReplayStats &second,
                         const std::vector<std::uint64_t> &secondHistogram) {
  if (secondHistogram.size() > histogram.size())
    histogram.resize(secondHistogram.size(), 0);
  for (std::size_t d = 0; d < secondHistogram.size(); ++d)
    histogram[d] += secondHistogram[d];
  into.reads += second.reads;
  into.instructions += second.instructions;
  into.peakLive = std::max(into.peakLive, second.peakLive);
  into.trace.insert(into.trace.end(), second.trace.begin(), second.trace.end());
  if (second.sites.size() > into.sites.size())
    into.sites.resize(second.sites.size());
  for (std::size_t s = 0; s < second.sites.size(); ++s) {
    into.sites[s].reads += second.sites[s].reads;
    into.sites[s].cost += second.sites[s].cost;
  }
}

void Replay::rebuildBytes() {
  // Live values hold stamps 1..live, in stack order, after a renumbering.
  const std::uint32_t capacity = stack_.capacity();
  bytesTree_.assign(std::size_t(capacity) + 1, 0);
  for (std::uint32_t s = 1; s <= stack_.live(); ++s)
    bytesTree_[s] = std::int64_t(size(stack_.idAt(s)));
  buildFenwick(bytesTree_, capacity);
}

} // namespace bytedmd
