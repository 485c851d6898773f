// forward_liveness.cpp - the liveness pass run forwards, beside the recorder.
#include "forward_liveness.h"

#include "log_prefault.h"

#include <algorithm>
#include <new>
#include <stdexcept>

namespace bytedmd {

namespace {
// Word positions and event counts are 32-bit in the replay.
constexpr std::uint64_t kLimit = 0xffffffffu;

struct Malformed : std::runtime_error {
  Malformed() : std::runtime_error("malformed event log") {}
};
} // namespace

void ForwardLiveness::reset() {
  // Freed, not cleared: between measurements the memory is the next log's.
  lastRead_.release();
  spare_.release();
  std::vector<std::uint64_t>().swap(finals_);
  std::vector<Word>().swap(inputMarkers_);
  done_ = 0;
  next_ = 0;
  events_ = 0;
  locations_ = false;
  failed_ = false;
  spareResident_ = 0;
}

void ForwardLiveness::feed(const Word *words, std::size_t to) {
  if (failed_ || to <= done_)
    return;
  try {
    walk(words, to);
  } catch (const Malformed &) {
    failed_ = true;
  } catch (const std::bad_alloc &) {
    failed_ = true;
  }
}

void ForwardLiveness::allocate(Word n) {
  if (n > word::kMaxLocalKey - next_)
    throw Malformed();
  next_ += n;
  if (next_ >= lastRead_.size()) { // an mremap: the pages fault in here, on the helper
    const std::size_t size = std::max<std::size_t>(std::size_t(next_) + 1, 2 * lastRead_.size());
    lastRead_.resizeZero(size);
    spare_.resizeZero(size);
  }
}

void ForwardLiveness::walk(const Word *words, std::size_t to) {
  // A word's position is kept in 32 bits (the recorder stops below 2^32
  // words), and word 0 is a header, so 0 means "never read".
  if (to > kLimit)
    throw Malformed();
  const std::size_t needed = to / 64 + 1;
  if (needed > finals_.size()) {
    if (needed > finals_.capacity())
      finals_.reserve(std::max(needed, 2 * finals_.capacity()));
    finals_.resize(needed, 0);
  }
  std::uint64_t *const finals = finals_.data();
  std::size_t i = done_;
  while (i < to) {
    const Word header = words[i];
    switch (word::kind(header)) {
    case word::kRead: {
      const std::size_t m = word::operands(header);
      if (m == 0 || m > to - i - 1)
        throw Malformed();
      for (std::size_t q = i + 1; q <= i + m; ++q) {
        const Word k = words[q];
        if (k - 1 >= next_) // 0, a header, or not yet allocated
          throw Malformed();
        Stamp &last = lastRead_[k];
        if (last.stamp > i)
          continue; // read twice in this batch: the first word stands
        // Clearing word 0's bit when the value was never read is harmless:
        // word 0 is a header, never a read.
        finals[last.stamp >> 6] &= ~(std::uint64_t(1) << (last.stamp & 63));
        finals[q >> 6] |= std::uint64_t(1) << (q & 63);
        last.stamp = std::uint32_t(q);
      }
      ++events_;
      if (word::hasOutput(header)) {
        allocate(1);
        ++events_;
      }
      i += m + 1;
      break;
    }
    case word::kInput:
      allocate(1);
      inputMarkers_.push_back(next_);
      ++i;
      break;
    case word::kStore:
      allocate(word::payload(header));
      events_ += word::payload(header);
      ++i;
      break;
    case word::kLocation:
      locations_ = locations_ || !word::isScope(header);
      ++i;
      break;
    default: // an operand outside a READ batch
      throw Malformed();
    }
  }
  if (events_ >= kLimit)
    throw Malformed();
  done_ = i;
  // The walk touched lastRead_ up to the last key; the spare stamps are
  // faulted in as far (not to the doubled size: that would be resident
  // memory the replay never uses).
  const std::size_t keys = std::size_t(next_) + 1;
  if (keys > spareResident_) {
    populateBytes(spare_.data() + spareResident_, spare_.data() + keys);
    spareResident_ = keys;
  }
}

ZeroedArray<Stamp> ForwardLiveness::takeLastRead() {
  ZeroedArray<Stamp> taken;
  taken.swap(lastRead_);
  return taken;
}

ZeroedArray<Stamp> ForwardLiveness::takeSpare() {
  ZeroedArray<Stamp> taken;
  taken.swap(spare_);
  return taken;
}

std::vector<std::uint64_t> ForwardLiveness::takeFinals() {
  std::vector<std::uint64_t> taken;
  taken.swap(finals_);
  return taken;
}

} // namespace bytedmd
