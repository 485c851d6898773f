// replay.cpp - the replay's liveness pass and stamp renumbering (the parts
// that are not per-event).
#include "replay.h"


#include <stdexcept>
#include <string>

namespace bytedmd {

namespace {
constexpr std::uint32_t kMinCapacity = 1024;

[[noreturn]] void malformed(const std::string &what) {
  throw std::invalid_argument("bytedmd: malformed event log: " + what);
}
} // namespace

void Replay::computeLiveness(const EventLogView &log, bool sizes) {
  const Word values = log.values;
  hasLocations_ = false;
  native_ = sizes;
  if (values > word::kMaxLocalKey)
    malformed("too many values");
  values_.assign(std::size_t(values) + 1, Value{0, 0});
  if (sizes)
    sizeLog2_.assign(std::size_t(values) + 1, 0);
  std::uint64_t event = 0;
  for (std::size_t i = 0; i < log.inputCount; ++i) {
    const Word k = log.inputs[i];
    if (k == 0 || k > values)
      malformed("input key " + std::to_string(k) + " was never allocated");
    if (values_[k].stamp != 0)
      malformed("input key " + std::to_string(k) + " declared twice");
    values_[k].stamp = 1; // seen; reset below
    values_[k].last = std::uint32_t(event++);
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
        values_[k].last = std::uint32_t(event);
      }
      i += m;
      ++event;
      if (word::hasOutput(header)) {
        if (next == values)
          malformed("more values stored than allocated");
        values_[++next].last = std::uint32_t(event++);
        if (sizes)
          sizeLog2_[next] = std::uint8_t(word::sizeLog2(header));
      }
      break;
    }
    case word::kInput:
      ++next;
      if (next > values || values_[next].stamp == 0)
        malformed("INPUT marker without a declared input");
      if (sizes)
        sizeLog2_[next] = std::uint8_t(word::sizeLog2(header));
      break;
    case word::kStore:
      for (Word n = word::payload(header); n != 0; --n) {
        if (next == values)
          malformed("STORE beyond the allocated values");
        values_[++next].last = std::uint32_t(event++);
      }
      break;
    case word::kLocation:
      hasLocations_ = true;
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
    values_[k].last = kForever;
  }
  for (std::size_t i = 0; i < log.inputCount; ++i)
    values_[log.inputs[i]].stamp = 0;

  clock_ = 0;
  live_ = 0;
  liveBytes_ = 0;
  capacity_ = kMinCapacity;
  stamps_.reset(capacity_, 0);
  if (sizes)
    bytesTree_.assign(std::size_t(capacity_) + 1, 0);
  owner_.assign(std::size_t(capacity_) + 1, 0);
  histogram_.assign(1024, 0);
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

void Replay::renumber(std::uint32_t needed) {
  // Renumber live values 1..live_ in stack order. New stamps never exceed old
  // ones, so owner_ compacts in place.
  std::uint32_t n = 0;
  for (std::uint32_t s = 1; s <= clock_; ++s) {
    const Word k = owner_[s];
    if (k == 0)
      continue;
    owner_[++n] = k;
    values_[k].stamp = n;
  }
  // Four times the live set: the next renumbering is at least 3 * live_
  // touches away, which keeps its O(capacity) cost amortised to O(1) per
  // event (four rather than two: matmul N=256 spent 15% of its time here).
  const std::uint64_t capacity =
      std::max<std::uint64_t>(kMinCapacity, 4 * (std::uint64_t(n) + needed));
  if (capacity > kForever / 2)
    throw std::length_error("bytedmd: live set too large to replay");
  capacity_ = std::uint32_t(capacity);
  owner_.resize(capacity + 1);
  std::fill(owner_.begin() + n + 1, owner_.end(), 0);
  stamps_.reset(capacity_, n);
  if (native_) {
    bytesTree_.assign(capacity + 1, 0);
    for (std::uint32_t s = 1; s <= n; ++s)
      bytesTree_[s] = std::int64_t(size(owner_[s]));
    buildFenwick(bytesTree_, capacity_);
  }
  clock_ = n;
}

} // namespace bytedmd
