// replay.cpp - the replay's liveness pass, and the parts of it that are not per event.
#include "replay.h"

#include <algorithm>
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

std::uint64_t Replay::computeLiveness(const EventLogView &log, bool sizes, bool liveness,
                                      SplitLiveness *split) {
  const Word values = log.values;
  hasLocations_ = false;
  native_ = sizes;
  if (values > word::kMaxLocalKey)
    malformed("too many values");
  // The stack's records double as scratch: stamp 1 marks a declared input
  // until the pass ends.
  stack_.reset(values);
  ZeroedArray<Value> &records = stack_.records();
  for (std::size_t i = 0; i < log.inputCount; ++i) {
    const Word k = log.inputs[i];
    if (k == 0 || k > values)
      malformed("input key " + std::to_string(k) + " was never allocated");
    if (records[k].stamp != 0)
      malformed("input key " + std::to_string(k) + " declared twice");
    records[k].stamp = 1;
  }
  seenOwned_.assign(std::size_t(values) / 64 + 1, 0);
  std::uint64_t *const seen = seenOwned_.data();
  for (std::size_t i = 0; i < log.resultCount; ++i) {
    const Word k = log.results[i];
    if (k == 0 || k > values)
      malformed("result key " + std::to_string(k) + " was never allocated");
    seen[k >> 6] |= std::uint64_t(1) << (k & 63); // results never die
  }
  finalOwned_.assign(log.size / 64 + 1, 0);
  std::uint64_t *const finals = finalOwned_.data();
  if (sizes)
    sizeLog2_.assign(std::size_t(values) + 1, 0);
  // Backwards: a value's first read met is its last, and a value met
  // unread where it is stored is never read. Headers have the top bit and
  // operands not, so a batch's extent is found from its end.
  std::uint64_t events = log.inputCount;
  Word next = values; // keys allocated before the current word
  // The final-read bits of one word of finals gather in a register: or-ing
  // each into memory made a chain of store-to-load forwards.
  std::size_t finalsAt = 0;
  std::uint64_t finalsWord = 0;
  const auto flushFinals = [&] {
    finals[finalsAt] |= finalsWord;
    finalsWord = 0;
  };
  for (std::size_t end = log.size; end != 0;) {
    std::size_t first = end;
    while (first != 0 && word::isOperand(log.words[first - 1]))
      --first;
    if (first == 0)
      malformed("operand word outside a READ batch");
    const std::size_t at = first - 1;
    if (split != nullptr && at < split->word && !split->taken) {
      flushFinals();
      split->take(seenOwned_, finalOwned_, next);
    }
    const Word header = log.words[at];
    const std::size_t m = end - first;
    if (m != 0 && word::kind(header) != word::kRead)
      malformed("operand word outside a READ batch");
    switch (word::kind(header)) {
    case word::kRead:
      if (m == 0 || m != word::operands(header))
        malformed("READ batch of " + std::to_string(word::operands(header)) + " operands");
      ++events;
      if (word::hasOutput(header)) {
        if (next == 0)
          malformed("more values stored than allocated");
        if (sizes)
          sizeLog2_[next] = std::uint8_t(word::sizeLog2(header));
        --next;
        ++events;
      }
      // In operand order, so a repeated operand's first word is its last
      // read: the one the replay moves or drops.
      for (std::size_t j = first; j < end; ++j) {
        const Word k = log.words[j];
        if (k - 1 >= next) // k == 0 or k > next
          malformed("READ of key " + std::to_string(k) + " before it was allocated");
        // Branch-free: whether a read is a value's last is a coin toss to
        // the predictor.
        std::uint64_t &bits = seen[k >> 6];
        const std::uint64_t unseen = (~bits >> (k & 63)) & 1;
        bits |= std::uint64_t(1) << (k & 63);
        if ((j >> 6) != finalsAt) {
          flushFinals();
          finalsAt = j >> 6;
        }
        finalsWord |= unseen << (j & 63);
      }
      break;
    case word::kInput:
      if (next == 0 || records[next].stamp == 0)
        malformed("INPUT marker without a declared input");
      if (sizes)
        sizeLog2_[next] = std::uint8_t(word::sizeLog2(header));
      --next;
      break;
    case word::kStore:
      if (word::payload(header) > next)
        malformed("STORE beyond the allocated values");
      next -= word::payload(header);
      events += word::payload(header);
      break;
    case word::kLocation:
      hasLocations_ = hasLocations_ || !word::isScope(header);
      break;
    }
    if (events >= kForever)
      malformed("more than 2^32 - 1 events in one measurement");
    end = at;
  }
  flushFinals();
  if (split != nullptr && !split->taken)
    split->take(seenOwned_, finalOwned_, next);
  if (next != 0)
    malformed("allocated values and stored values disagree");
  for (std::size_t i = 0; i < log.inputCount; ++i)
    records[log.inputs[i]].stamp = 0;
  if (!liveness) { // nothing dies: every value is read again, never for the last time
    std::fill(seenOwned_.begin(), seenOwned_.end(), ~std::uint64_t(0));
    std::fill(finalOwned_.begin(), finalOwned_.end(), 0);
  }
  seen_ = seenOwned_.data();
  finals_ = finalOwned_.data();
  finalsBase_ = 0;

  liveBytes_ = 0;
  if (sizes)
    bytesTree_.assign(std::size_t(stack_.capacity()) + 1, 0);
  histogram_.assign(1024, 0);
  return events;
}

std::uint64_t Replay::adoptLiveness(const EventLogView &log, ForwardLiveness &known,
                                    SplitLiveness *split) {
  const Word values = log.values;
  // What computeLiveness checks of the inputs and results; the walk
  // checked the body.
  std::vector<Word> declared(log.inputs, log.inputs + log.inputCount);
  std::sort(declared.begin(), declared.end());
  if (!declared.empty() && (declared.front() == 0 || declared.back() > values))
    return 0;
  if (std::adjacent_find(declared.begin(), declared.end()) != declared.end())
    return 0;
  for (const Word k : known.inputMarkers())
    if (!std::binary_search(declared.begin(), declared.end(), k))
      return 0;
  for (std::size_t i = 0; i < log.resultCount; ++i)
    if (log.results[i] == 0 || log.results[i] > values)
      return 0;
  ZeroedArray<Value> records = known.takeLastRead();
  records.resizeZero(std::size_t(values) + 1);
  finalOwned_ = known.takeFinals();
  finalOwned_.resize(log.size / 64 + 1, 0);
  // Results never die: seen, and their last read is not a final one.
  seenOwned_.assign(std::size_t(values) / 64 + 1, 0);
  for (std::size_t i = 0; i < log.resultCount; ++i) {
    const Word k = log.results[i];
    seenOwned_[k >> 6] |= std::uint64_t(1) << (k & 63);
    const std::uint32_t last = records[k].stamp; // (0: word 0's bit, never set)
    finalOwned_[last >> 6] &= ~(std::uint64_t(1) << (last & 63));
  }
  // One pass over the values: each is seen when it is ever read, and seen
  // by the second half when read at or after the split. Its last-read word
  // is then zeroed into its stamp.
  std::vector<std::uint64_t> seenAfter;
  const std::size_t splitWord = split != nullptr ? split->word : ~std::size_t(0);
  if (split != nullptr)
    seenAfter = seenOwned_;
  // A word of bits at a time, gathered in registers (or-ing each bit into
  // memory would chain store-to-load forwards).
  for (std::size_t w = 0; w < seenOwned_.size(); ++w) {
    std::uint64_t ever = 0, after = 0;
    const std::size_t end = std::min<std::size_t>(64 * w + 64, std::size_t(values) + 1);
    for (std::size_t k = 64 * w; k < end; ++k) { // (key 0's record is 0)
      const std::uint32_t last = records[k].stamp;
      ever |= std::uint64_t(last != 0) << (k & 63);
      after |= std::uint64_t(last >= splitWord) << (k & 63);
      records[k].stamp = 0;
    }
    seenOwned_[w] |= ever;
    if (split != nullptr)
      seenAfter[w] |= after;
  }
  stack_.adopt(std::move(records), values);
  seen_ = seenOwned_.data();
  finals_ = finalOwned_.data();
  finalsBase_ = 0;
  if (split != nullptr)
    split->share(std::move(seenAfter), finals_);
  hasLocations_ = known.locations();
  native_ = false;
  liveBytes_ = 0;
  histogram_.assign(1024, 0);
  return log.inputCount + known.events();
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
  // The second half keeps its own records (4 bytes per value), a copy of
  // the liveness bits (a bit per value, half the bit per word), its stack
  // (16 bytes per live value: all of them without liveness) and its part of
  // the trace: split only while the log and both halves fit in three
  // quarters of memory (the recorder stops at the log and one half's).
  static const std::uint64_t physical =
      std::uint64_t(::sysconf(_SC_PHYS_PAGES)) * std::uint64_t(::sysconf(_SC_PAGESIZE));
  const std::uint64_t values = log.values;
  const std::uint64_t needs = 4 * std::uint64_t(log.size) + std::uint64_t(log.size) / 4 +
                              9 * values + (options.liveness ? 0 : 16 * values) +
                              4 * std::min<std::uint64_t>(options.traceLimit, log.size);
  return physical == 0 || needs <= physical - physical / 4;
}

void Replay::scanTo(const EventLogView &log, std::size_t target, std::uint64_t window,
                    bool markInputs, SplitStart &start) {
  // The stamps are scratch here: a value's last touch, counted from 1. A
  // batch touches its distinct operands in operand order, then its output.
  ZeroedArray<Value> &records = stack_.records();
  std::uint16_t *const origins = origin_.data();
  const std::size_t originSize = markInputs ? origin_.size() : 0;
  std::uint32_t touches = 0;
  Word bound = 0; // every key touched is at most this
  for (std::size_t i = 0; i < log.inputCount; ++i) {
    if (log.inputs[i] == 0 || log.inputs[i] > log.values)
      malformed("input key " + std::to_string(log.inputs[i]) + " was never allocated");
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
      // The liveness pass checks the log beside this scan, not before it.
      if (m > log.size - i)
        malformed("READ batch of " + std::to_string(m) + " operands");
      for (unsigned j = 0; j < m; ++j) {
        const Word k = log.words[i + j];
        if (!word::isOperand(k) || k == 0 || k > at.next)
          malformed("READ of key " + std::to_string(k) + " before it was allocated");
        if (k < originSize && origins[k] != 0)
          origins[k] |= origin::kReadOnce;
        if (records[k].stamp <= batchStart)
          records[k].stamp = ++touches;
      }
      i += m;
      reads += m;
      ++at.event;
      if (word::hasOutput(header)) {
        if (at.next == log.values)
          malformed("more values stored than allocated");
        records[++at.next].stamp = ++touches;
        ++at.event;
      }
      if (at.event >= windowEnd) // as AttributionState::advance
        windowEnd += window;
      break;
    }
    case word::kInput:
      if (at.next == log.values)
        malformed("INPUT marker without a declared input");
      ++at.next;
      break;
    case word::kStore:
      if (word::payload(header) > log.values - at.next)
        malformed("STORE beyond the allocated values");
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
  start.bound = std::max(bound, at.next);
  start.at = at;
  start.reads = reads;
  start.windowEnd = windowEnd;
}

void Replay::liveLater(SplitStart &start) {
  // Live there: touched, and read again at or after the split (results and,
  // without liveness, every value: never dead).
  ZeroedArray<Value> &records = stack_.records();
  std::vector<std::pair<std::uint32_t, Word>> live;
  for (Word k = 1; k <= start.bound; ++k) {
    Value &v = records[k];
    if (v.stamp == 0)
      continue;
    if (!neverRead(k))
      live.emplace_back(v.stamp, k);
    v.stamp = 0;
  }
  std::sort(live.begin(), live.end());
  start.stack.clear();
  for (const auto &touched : live)
    start.stack.push_back(touched.second);
}

std::uint64_t Replay::countEvents(const EventLogView &log, bool &locations) {
  std::uint64_t events = 0;
  for (std::size_t i = 0; i < log.size; ++i) {
    const Word w = log.words[i];
    switch (word::kind(w)) {
    case word::kRead:
      events += word::hasOutput(w) ? 2 : 1;
      i += word::operands(w);
      break;
    case word::kStore:
      events += word::payload(w);
      break;
    case word::kLocation:
      locations = locations || !word::isScope(w);
      break;
    default: // INPUT markers are no events; operands are skipped above
      break;
    }
  }
  return events;
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
