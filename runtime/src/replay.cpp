// replay.cpp - the replay's liveness pass, and the parts of it that are not per event.
#include "replay.h"

#include <stdexcept>
#include <string>

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

void Replay::rebuildBytes() {
  // Live values hold stamps 1..live, in stack order, after a renumbering.
  const std::uint32_t capacity = stack_.capacity();
  bytesTree_.assign(std::size_t(capacity) + 1, 0);
  for (std::uint32_t s = 1; s <= stack_.live(); ++s)
    bytesTree_[s] = std::int64_t(size(stack_.idAt(s)));
  buildFenwick(bytesTree_, capacity);
}

} // namespace bytedmd
