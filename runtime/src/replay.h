// replay.h - the ByteDMD replay: events in, numbers out.
//
// Replays one measurement's events on an LRU stack of live values
// (semantics.md, Part A):
//   - a liveness pass, backwards, marks each value's last READ in a bit per
//     log word and each value ever read in a bit per value (results never
//     die), so the per-value record is the stamp alone; or the recorder ran
//     the pass forwards beside the recording (forward_liveness.h) and the
//     replay takes its bits;
//   - the stack is an LruStack (lru_stack.h): last-touch stamps, so a depth is
//     a prefix count, O(log n), renumbered when the stamps run out so they
//     stay about four times the live set however long the run is;
//   - a long log replays in two halves on two threads: the second half's
//     stack is rebuilt from a scan of the first (scanTo) and the liveness
//     the first half's pass hands over once it has passed the split, and
//     the halves' numbers merge to one replay's.
// The replay is a pure function of the log; it knows nothing of C++ or Clang.
#ifndef BYTEDMD_REPLAY_H
#define BYTEDMD_REPLAY_H

#include "attribution.h"
#include "cost.h"
#include "event_log.h"
#include "forward_liveness.h"
#include "lru_stack.h"
#include "stamp_set.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <type_traits>
#include <vector>

namespace bytedmd {

struct ReplayOptions {
  std::uint64_t bytesPerElement = 1;
  /// Values leave the stack after their last read (ByteDMD). False: they
  /// never do (Ding and Smith's DMD); inputs are still placed eagerly.
  bool liveness = true;
  /// Also price every read at plain sqrt of its byte depths (DMD's
  /// unrounded cost), in floating point: stats.sqrtCost.
  bool sqrtCost = false;
  /// Miss counts of a fully associative LRU cache of each size (elements):
  /// stats.misses[i] counts the reads deeper than (*cacheSizes)[i].
  const std::vector<std::uint64_t> *cacheSizes = nullptr;
  /// Charge reads to their source locations (stats.sites).
  bool perSite = true;
  /// bytes=native: each value is as wide as its recorded size (its type's
  /// sizeof); a read's depth is the byte depth D of its bottom byte, and it
  /// costs the sum of ceil(sqrt(b)) over its bytes b in (D - s, D]. Cache
  /// sizes are then in bytes. bytesPerElement is ignored.
  bool nativeBytes = false;
  /// two-stack (the reference's dev branch): inputs wait on a fixed
  /// argument stack, the first parameter's elements at depths 1, 2, ...; a
  /// first read prices an input there and promotes it to the LRU stack; the
  /// result is read once more at the end. Not with nativeBytes.
  bool twoStack = false;
  /// Also fill stats.attribution: cost by scope, op and input, the depth
  /// histogram, the timeline (the default replay only; O(1) per read).
  bool attribution = false;
  /// Depths beyond this many are counted and priced but not kept.
  std::uint64_t traceLimit = std::numeric_limits<std::uint64_t>::max();
  /// Called now and then with the fraction of the log replayed (for a
  /// progress line); null: never.
  void (*progress)(void *context, double fraction) = nullptr;
  void *progressContext = nullptr;
  /// Logs of at least this many words replay in two halves on two threads
  /// (the default replay and the value variants, without a sink); 0: never.
  /// The second half rebuilds the stack where it starts from a scan of the
  /// first, which costs a tenth of replaying it.
  std::size_t splitWords = std::size_t(1) << 22;
  /// Where the second half starts: the first header at or after this word
  /// (0: a little before the middle, where both halves take about as long:
  /// the first also runs the liveness pass, the second the scan).
  std::size_t splitAt = 0;
};

struct ReplayStats {
  std::uint64_t cost = 0;         ///< sum of the read costs
  std::uint64_t reads = 0;        ///< trace entries
  std::uint64_t instructions = 0; ///< READ batches that store an output
  std::uint64_t inputs = 0;       ///< input elements placed on the stack
  std::uint64_t peakLive = 0;     ///< largest stack size between events
  std::uint64_t peakLiveBytes = 0; ///< with nativeBytes: the same in bytes
  std::vector<std::uint32_t> trace;
  bool traceTruncated = false;
  /// Reads and cost per source location id (index = id; id 0: reads made
  /// before any location was given). Empty when the log names no location.
  struct Site {
    std::uint64_t reads = 0, cost = 0;
  };
  std::vector<Site> sites;
  double sqrtCost = 0;                ///< with options.sqrtCost
  std::vector<std::uint64_t> misses;  ///< per options.cacheSizes entry
  Attribution attribution;            ///< with options.attribution
};

/// What a replay reports as it goes, for the IR text. The default does nothing
/// and compiles away.
struct NullSink {
  void batch() {} ///< a READ batch begins
  void store(Word /*key*/) {}
  void read(Word /*key*/, std::uint32_t /*depth*/) {}
  /// After an instruction's reads, before its output's store.
  void instruction(unsigned /*op*/, const Word * /*keys*/, const std::uint32_t * /*depths*/,
                   unsigned /*n*/) {}
  void location(Word /*id*/) {}
  /// two-stack: an input waiting on the argument stack at `depth`, before the
  /// body (in argument-stack order).
  void argument(Word /*key*/, std::uint32_t /*depth*/) {}
};

/// What a histogram of reads per depth gives: the cost and the plain-sqrt
/// cost when `price` (each depth priced once rather than each read), and the
/// misses of each cache size in options.cacheSizes.
void addHistogramTotals(const std::vector<std::uint64_t> &histogram, const ReplayOptions &options,
                        bool price, ReplayStats &stats);

/// The event-index meaning "never dies".
constexpr std::uint32_t kForever = std::numeric_limits<std::uint32_t>::max();

/// Where a replay stands between two events.
struct ReplayCursor {
  std::size_t word = 0;    ///< the next log word, a header
  std::uint32_t event = 0; ///< events so far (STOREs and READ batches)
  Word next = 0;           ///< the last local key allocated
  std::uint32_t site = 0;  ///< the current source location id
};

/// What a split replay's second half starts from, scanned from the log.
struct SplitStart {
  ReplayCursor at;
  std::uint64_t reads = 0;         ///< reads before it
  std::vector<Word> scopes;        ///< the open scopes, outermost first
  std::uint64_t windowEnd = 0;     ///< the timeline window's end there
  std::vector<Word> stack;         ///< the live values there, bottom first
  Word bound = 0;                  ///< every key touched before it is at most this
};

/// What the liveness pass (backwards, on the first half's thread) hands the
/// second half once it has passed the split: which values are read at or
/// after it, and which of the second half's reads are last reads.
struct SplitLiveness {
  std::size_t word = 0; ///< the second half's first word, a header
  bool liveness = true; ///< false: nothing dies
  bool taken = false;   ///< set (under mutex) with the fields below
  bool cancelled = false;
  /// The keys allocated before `word`, counted back from the log's values:
  /// the second half's scan must have counted as many (each half alone may
  /// look well formed when the whole does not add up).
  Word keysBefore = 0;
  std::vector<std::uint64_t> seen;   ///< per value: read at or after `word`, or a result
  std::vector<std::uint64_t> finals; ///< the final-read bits from bit (word / 64) * 64 on
  /// Or, from share(): the whole log's final-read bits, the first half's,
  /// complete and read-only; and the log was checked whole (keysBefore is
  /// then not counted).
  const std::uint64_t *sharedFinals = nullptr;
  std::mutex mutex;
  std::condition_variable ready;

  void take(const std::vector<std::uint64_t> &seenBits,
            const std::vector<std::uint64_t> &finalBits, Word keys) {
    std::lock_guard<std::mutex> lock(mutex);
    if (liveness) {
      seen = seenBits;
      finals.assign(finalBits.begin() + std::ptrdiff_t(word / 64), finalBits.end());
    } else {
      seen.assign(seenBits.size(), ~std::uint64_t(0));
      finals.assign(finalBits.size() - word / 64, 0);
    }
    keysBefore = keys;
    taken = true;
    ready.notify_all();
  }
  /// What take() does when the liveness was known before the replay began.
  void share(std::vector<std::uint64_t> &&seenBits, const std::uint64_t *finalBits) {
    std::lock_guard<std::mutex> lock(mutex);
    seen = std::move(seenBits);
    sharedFinals = finalBits;
    taken = true;
    ready.notify_all();
  }
  /// Waits for take(); false when the first half gave up, before or after.
  bool wait() {
    std::unique_lock<std::mutex> lock(mutex);
    ready.wait(lock, [this] { return taken || cancelled; });
    return taken && !cancelled;
  }
  void cancel() {
    std::lock_guard<std::mutex> lock(mutex);
    cancelled = true;
    ready.notify_all();
  }
};

/// Keeps its buffers between runs, so replaying many measurements on one
/// thread allocates only when a measurement outgrows the previous ones.
class Replay {
public:
  /// Throws std::invalid_argument when the log is malformed (an operand that
  /// was never allocated, a bad header).
  template <class Sink>
  ReplayStats run(const EventLogView &log, const ReplayOptions &options, Sink &sink) {
    if (options.twoStack)
      return runImpl<false, true>(log, options, sink);
    if (options.nativeBytes)
      return runImpl<true>(log, options, sink);
    return options.attribution ? runImpl<false, false, true>(log, options, sink)
                               : runImpl<false>(log, options, sink);
  }
  ReplayStats run(const EventLogView &log, const ReplayOptions &options) {
    NullSink sink;
    return run(log, options, sink);
  }
  /// The default replay, with the liveness `known` found for this log as it
  /// was recorded (every word fed); the replay takes its buffers. Used only
  /// where the backward pass would run with liveness; elsewhere, or when
  /// `known` failed or saw another log, the replay runs its own pass.
  ReplayStats run(const EventLogView &log, const ReplayOptions &options,
                  ForwardLiveness &known) {
    NullSink sink;
    if (options.twoStack || options.nativeBytes || !options.liveness)
      return run(log, options, sink);
    return options.attribution ? runImpl<false, false, true>(log, options, sink, &known)
                               : runImpl<false>(log, options, sink, &known);
  }

private:
  // Native: a second Fenwick tree sums the sizes, so a byte depth is a prefix
  // sum, O(log n) as well; the default replay never touches it.
  template <bool Native, bool TwoStack = false, bool Attribute = false, class Sink>
  ReplayStats runImpl(const EventLogView &log, const ReplayOptions &options, Sink &sink,
                      ForwardLiveness *known = nullptr);
  /// What every replay (and each half of a split one) does first: the
  /// liveness pass (no value ever dies without liveness), the per-site
  /// table, the attribution's start. Returns the number of events.
  template <bool Attribute>
  std::uint64_t beginReplay(const EventLogView &log, const ReplayOptions &options, bool sizes,
                            ReplayStats &stats, AttributionState &attribution,
                            SplitLiveness *split, ForwardLiveness *known);
  /// Replays the events from `at` to the first header at or past word `end`.
  template <bool Native, bool TwoStack, bool Attribute, class Sink>
  void replayWords(const EventLogView &log, const ReplayOptions &options, Sink &sink,
                   ReplayCursor &at, std::size_t end, bool perSite, ReplayStats &stats,
                   AttributionState &attribution);
  template <bool Native, bool Attribute, class Sink>
  void storeValue(Word key, std::uint32_t &event, ReplayStats &stats,
                  AttributionState &attribution, Sink &sink);

  // A split replay: this thread replays up to the target word, a second
  // Replay (freed after it, with its records) the rest.
  struct SecondHalf {
    bool running = false;
    std::size_t target = 0; // the first header at or past it starts the half
    std::thread thread;
    std::exception_ptr failure;
    ReplayStats stats;
    AttributionState attribution; // into stats.attribution
    ReplayCursor start, end;
    std::atomic<bool> cancel{false}; // the first half failed: stop soon
    SplitLiveness liveness;           // from the first half's liveness pass
    // With liveness known from the recording: the event count and whether
    // the log names locations, which the second half would count itself.
    bool known = false;
    std::uint64_t knownEvents = 0;
    bool knownLocations = false;
    ZeroedArray<Stamp> records; // zeroed, from known: adopted, not allocated
    ~SecondHalf() {
      if (thread.joinable()) {
        cancel = true;
        liveness.cancel();
        thread.join();
      }
    }
    /// The second half's progress callback: throws once cancelled.
    static void checkCancel(void *self, double) {
      if (static_cast<SecondHalf *>(self)->cancel.load(std::memory_order_relaxed))
        throw std::runtime_error("cancelled");
    }
  };
  /// Whether `log` is long enough, and memory large enough, to split.
  static bool splits(const EventLogView &log, const ReplayOptions &options);
  template <bool Attribute>
  void startSecondHalf(const EventLogView &log, const ReplayOptions &options, SecondHalf &second,
                       ForwardLiveness *known);
  /// On the second thread, in the second Replay: the scan to the split, the
  /// stack rebuilt there once the first half's liveness pass has passed it,
  /// and the rest of the log.
  template <bool Attribute>
  void runSecondHalf(const EventLogView &log, const ReplayOptions &options, SecondHalf &second);
  template <bool Attribute>
  void joinSecondHalf(SecondHalf &second, ReplayCursor &at, ReplayStats &stats,
                      AttributionState &attribution);
  /// Walks the log to `split` (a header) without a stack: the cursor, reads
  /// and open scopes there, and the values touched before it in stack order
  /// (each value's last touch, counted in the stamps as scratch; liveLater()
  /// keeps the ones read again). Marks the inputs read before it in origin_.
  void scanTo(const EventLogView &log, std::size_t split, std::uint64_t window,
              bool markInputs, SplitStart &start);
  /// Keeps, of the values scanTo() found, the ones seen_ marks (read at or
  /// after the split, or results), still in stack order.
  void liveLater(SplitStart &start);
  /// The log's events (inputs aside) and whether it names a source location.
  static std::uint64_t countEvents(const EventLogView &log, bool &locations);
  /// Adds the second half's counts, histogram and trace to the first's.
  static void mergeHalves(ReplayStats &into, std::vector<std::uint64_t> &histogram,
                          const ReplayStats &second,
                          const std::vector<std::uint64_t> &secondHistogram);
  std::unique_ptr<Replay> second_;
  /// The liveness pass, backwards: which reads are last reads (finals_),
  /// which values are ever read (seen_); the sizes with `sizes`. Without
  /// `liveness` nothing dies. Hands `split` its part once it passes it.
  /// Returns the number of events (STOREs and READ batches).
  std::uint64_t computeLiveness(const EventLogView &log, bool sizes, bool liveness,
                                SplitLiveness *split = nullptr);
  /// Instead of computeLiveness (with liveness, no sizes): takes the bits
  /// `known` found as the log was recorded, and hands `split` its part.
  /// Returns the number of events, or 0 when `known` is of no use here (it
  /// failed, saw another log, or the log's inputs or results are
  /// malformed): the caller then runs the pass, which says why.
  std::uint64_t adoptLiveness(const EventLogView &log, ForwardLiveness &known,
                              SplitLiveness *split);
  /// Whether `known` walked all of `log` without failing.
  static bool usable(const EventLogView &log, const ForwardLiveness *known) {
    return known != nullptr && !known->failed() && known->done() == log.size &&
           known->values() == log.values;
  }
  /// Whether the operand at log word `at` is its value's last read.
  bool finalRead(std::size_t at) const {
    at -= finalsBase_;
    return (finals_[at >> 6] >> (at & 63)) & 1;
  }
  /// Whether a value just stored is never read (it dies at once).
  bool neverRead(Word key) const { return ((seen_[key >> 6] >> (key & 63)) & 1) == 0; }
  std::vector<std::uint64_t> finalOwned_, seenOwned_;
  const std::uint64_t *finals_ = nullptr; // per log word, from finalsBase_ on
  const std::uint64_t *seen_ = nullptr;   // per value
  std::size_t finalsBase_ = 0;            // a multiple of 64
  /// Attribution: each input's parameter group, by key (0: not an input);
  /// the top bit marks an input already read once.
  void placeOrigins(const EventLogView &log, Attribution &a);
  std::vector<std::uint16_t> origin_; // half the cache lines of 32 bits
  /// two-stack: each input's static depth on the argument stack (the first
  /// parameter's elements first, row-major); 0 once it is promoted.
  std::uint32_t placeArguments(const EventLogView &log);
  std::vector<std::uint32_t> argumentDepth_; // per value; 0: not waiting there
  std::vector<Word> argumentOrder_;          // the inputs by argument depth
  /// Makes room for `needed` new stamps, renumbering when they run out.
  void reserveStamps(std::uint32_t needed) {
    if (stack_.reserve(needed) && native_)
      rebuildBytes();
  }
  /// bytes=native: the byte tree over the stamps after a renumbering.
  void rebuildBytes();
  std::uint64_t byteDepth(Word key) const;
  template <bool Native> void push(Word key);
  template <bool Native> void remove(Word key);
  template <bool Native> void move(Word key);
  void addBytes(std::uint32_t stamp, std::int64_t delta);
  std::uint64_t size(Word key) const { return std::uint64_t(1) << sizeLog2_[key]; }
  /// The timeline's last point, the depth histogram, the temporaries' share.

  // Per value (indexed by local key): when it dies is in finals_ and
  // seen_, so the record is the stamp alone (half the cache misses of the
  // deep reads, which land on a different value each time).
  using Value = Stamp; // last-touch stamp while live, 0 when not
  LruStack<Value> stack_; // the live values, and each value's record
  // How many reads happened at each depth: the cost is priced once per depth
  // at the end instead of once per read.
  std::vector<std::uint64_t> histogram_;
  bool hasLocations_ = false; // the log names source locations
  // bytes=native only.
  std::vector<std::uint8_t> sizeLog2_;  // per value
  std::vector<std::int64_t> bytesTree_; // Fenwick tree: live bytes per stamp range
  std::uint64_t liveBytes_ = 0;
  bool native_ = false;
};

inline std::uint64_t Replay::byteDepth(Word key) const {
  std::int64_t below = 0;
  for (std::uint32_t i = stack_.record(key).stamp - 1; i != 0; i &= i - 1)
    below += bytesTree_[i];
  return liveBytes_ - std::uint64_t(below);
}

inline void Replay::addBytes(std::uint32_t stamp, std::int64_t delta) {
  for (const std::uint32_t n = stack_.capacity(); stamp <= n; stamp += stamp & (0u - stamp))
    bytesTree_[stamp] += delta;
}

template <bool Native> inline void Replay::push(Word key) {
  stack_.push(key);
  if constexpr (Native) {
    addBytes(stack_.record(key).stamp, std::int64_t(size(key)));
    liveBytes_ += size(key);
    if (liveBytes_ >= histogram_.size()) // indexed by byte depth
      histogram_.resize(2 * std::size_t(liveBytes_), 0);
  } else if (stack_.live() >= histogram_.size()) {
    histogram_.resize(2 * std::size_t(stack_.live()), 0);
  }
}

template <bool Native> inline void Replay::remove(Word key) {
  if constexpr (Native) {
    addBytes(stack_.record(key).stamp, -std::int64_t(size(key)));
    liveBytes_ -= size(key);
  }
  stack_.remove(key);
}

template <bool Native> inline void Replay::move(Word key) {
  const std::uint32_t old = stack_.record(key).stamp;
  stack_.moveToTop(key);
  if constexpr (Native) {
    addBytes(old, -std::int64_t(size(key)));
    addBytes(stack_.record(key).stamp, std::int64_t(size(key)));
  }
}

template <bool Attribute>
std::uint64_t Replay::beginReplay(const EventLogView &log, const ReplayOptions &options,
                                  bool sizes, ReplayStats &stats, AttributionState &attribution,
                                  SplitLiveness *split, ForwardLiveness *known) {
  std::uint64_t events = known != nullptr ? adoptLiveness(log, *known, split) : 0;
  if (events == 0)
    events = computeLiveness(log, sizes, options.liveness, split);
  if (hasLocations_ && options.perSite)
    stats.sites.resize(1); // reads before the first location go to site 0
  if constexpr (Attribute) {
    attribution.begin(stats.attribution, events);
    placeOrigins(log, stats.attribution);
  }
  return events;
}

template <bool Native, bool Attribute, class Sink>
inline void Replay::storeValue(Word key, std::uint32_t &event, ReplayStats &stats,
                               AttributionState &attribution, Sink &sink) {
  // A STORE event: push, and drop the value at once if nothing ever reads it.
  // The caller has reserved a stamp for it.
  sink.store(key);
  push<Native>(key);
  if (neverRead(key))
    remove<Native>(key);
  ++event;
  if (stack_.live() > stats.peakLive)
    stats.peakLive = stack_.live();
  if constexpr (Native)
    stats.peakLiveBytes = std::max(stats.peakLiveBytes, liveBytes_);
  if constexpr (Attribute)
    attribution.live(stack_.live());
}

template <bool Native, bool TwoStack, bool Attribute, class Sink>
ReplayStats Replay::runImpl(const EventLogView &log, const ReplayOptions &options, Sink &sink,
                            ForwardLiveness *known) {
  if (!usable(log, known))
    known = nullptr;
  // The second half of a split replay starts on its own thread first: it
  // scans the first half while this one runs (or takes) the liveness pass.
  SecondHalf second;
  if constexpr (!Native && !TwoStack && std::is_same_v<Sink, NullSink>)
    if (splits(log, options))
      startSecondHalf<Attribute>(log, options, second, known);
  ReplayStats stats;
  AttributionState attribution;
  beginReplay<Attribute>(log, options, Native, stats, attribution,
                         second.running ? &second.liveness : nullptr, known);
  const bool perSite = hasLocations_ && options.perSite;
  stats.inputs = log.inputCount;
  if (options.traceLimit != 0)
    stats.trace.reserve(std::size_t(std::min<std::uint64_t>(options.traceLimit, log.size)));
  ReplayCursor at;

  if constexpr (TwoStack) {
    // The inputs wait on the argument stack: nothing enters the LRU stack.
    const std::uint32_t deepest = placeArguments(log);
    if (deepest >= histogram_.size())
      histogram_.resize(std::size_t(deepest) + 1, 0);
    for (std::uint32_t d = 1; d <= deepest; ++d)
      sink.argument(argumentOrder_[d - 1], d);
    at.event = std::uint32_t(log.inputCount); // their STORE events, as liveness counted them
  } else {
    for (std::size_t i = 0; i < log.inputCount; ++i) {
      reserveStamps(1);
      storeValue<Native, Attribute>(log.inputs[i], at.event, stats, attribution, sink);
    }
  }

  replayWords<Native, TwoStack, Attribute>(log, options, sink, at,
                                           second.running ? second.target : log.size, perSite,
                                           stats, attribution);
  if (second.running)
    joinSecondHalf<Attribute>(second, at, stats, attribution);

  if constexpr (TwoStack) {
    // The output epilogue: each distinct result is read once more where it
    // is (an input never read, on the argument stack), without moving.
    sink.batch();
    for (std::size_t r = 0; r < log.resultCount; ++r) {
      const Word k = log.results[r];
      if (std::find(log.results, log.results + r, k) != log.results + r)
        continue; // read once, at its first occurrence
      const std::uint32_t d =
          argumentDepth_[k] != 0 ? argumentDepth_[k] : stack_.depth(k);
      if (d >= histogram_.size())
        histogram_.resize(std::size_t(d) + 1, 0);
      ++histogram_[d];
      if (stats.reads < options.traceLimit)
        stats.trace.push_back(d);
      ++stats.reads;
      sink.read(k, d);
    }
  }

  // Price each depth once rather than each read (native reads were priced
  // as they happened: their cost depends on their size too).
  addHistogramTotals(histogram_, options, !Native, stats);
  if constexpr (Attribute)
    attribution.finish(at.event, histogram_, stats.reads, stats.cost);
  stats.traceTruncated = stats.reads > stats.trace.size();
  return stats;
}

template <bool Native, bool TwoStack, bool Attribute, class Sink>
void Replay::replayWords(const EventLogView &log, const ReplayOptions &options, Sink &sink,
                         ReplayCursor &at, std::size_t end, bool perSite, ReplayStats &stats,
                         AttributionState &attribution) {
  std::uint16_t *const origins = origin_.data();
  const std::size_t originSize = origin_.size();
  Attribution::InputShare *const shares = stats.attribution.inputs.data();
  (void)origins;
  (void)originSize;
  (void)shares;
  std::uint32_t depths[word::kMaxOperands];
  std::uint32_t event = at.event;
  Word next = at.next;        // the last local key allocated
  std::uint32_t site = at.site; // the current source location id
  // Progress every 2^22 words: a cheap counter, far from the hot path.
  std::size_t nextProgress = options.progress ? std::size_t(1) << 22 : ~std::size_t(0);
  std::size_t i = at.word;
  while (i < end) {
    if (i >= nextProgress) {
      options.progress(options.progressContext, double(i) / double(log.size));
      nextProgress = i + (std::size_t(1) << 22);
    }
    const Word header = log.words[i++];
    switch (word::kind(header)) {
    case word::kRead: {
      const unsigned m = word::operands(header);
      const Word *keys = log.words + i;
      const std::size_t keysAt = i;
      i += m;
      reserveStamps(m + 1);
      sink.batch();
      std::uint64_t batchCost = 0; // when pricing reads as they happen
      // Price every operand against the stack before anything moves.
      for (unsigned j = 0; j < m; ++j) {
        std::uint32_t d;
        std::uint64_t nativeCost = 0;
        if constexpr (Native) {
          // The value's bytes span (D - s, D]: priced here, in closed form.
          const std::uint64_t D = byteDepth(keys[j]), s = size(keys[j]);
          d = std::uint32_t(D);
          nativeCost = sumCeilSqrt(D) - sumCeilSqrt(D - s);
          stats.cost += nativeCost;
          if (options.sqrtCost)
            for (std::uint64_t b = D - s + 1; b <= D; ++b)
              stats.sqrtCost += std::sqrt(double(b));
        } else if constexpr (TwoStack) {
          const std::uint32_t waiting = argumentDepth_[keys[j]];
          d = waiting != 0 ? waiting : stack_.depth(keys[j]);
        } else {
          d = stack_.depth(keys[j]);
        }
        depths[j] = d;
        ++histogram_[d];
        std::uint64_t c = 0;
        if constexpr (Native)
          c = nativeCost;
        else if (Attribute || !stats.sites.empty())
          c = options.bytesPerElement == 1 ? ceilSqrt32(d) : readCost(d, options.bytesPerElement);
        batchCost += c;
        if constexpr (Attribute) {
          if (keys[j] < originSize && origins[keys[j]] != 0)
            origin::charge(shares, origins[keys[j]], c);
        }
        if (stats.reads < options.traceLimit)
          stats.trace.push_back(d);
        ++stats.reads;
        sink.read(keys[j], d);
      }
      // Move the distinct operands to the top in operand order, and drop the
      // ones read for the last time (before the output arrives). A dying
      // operand is removed without moving: that leaves the same order. A
      // stamp newer than the batch's start, or none, marks an operand this
      // batch has already handled.
      const std::uint32_t batchStart = stack_.clock();
      for (unsigned j = 0; j < m; ++j) {
        const Word k = keys[j];
        if constexpr (TwoStack) {
          if (argumentDepth_[k] != 0) {
            // A first read: the input leaves the argument stack for the top
            // of the LRU stack (and dies there if this was its last read).
            argumentDepth_[k] = 0;
            push<Native>(k);
            if (finalRead(keysAt + j))
              remove<Native>(k);
            continue;
          }
        }
        const std::uint32_t old = stack_.record(k).stamp;
        if (old == 0 || old > batchStart)
          continue;
        if (finalRead(keysAt + j)) {
          remove<Native>(k);
          continue;
        }
        move<Native>(k);
      }
      if (!stats.sites.empty()) {
        // Charged to the instruction's source location (tools that give
        // none pay nothing here).
        ReplayStats::Site &here = stats.sites[site];
        here.reads += m;
        here.cost += batchCost;
      }
      ++event;
      if constexpr (Attribute)
        attribution.batch(word::op(header), m, batchCost);
      if (word::hasOutput(header)) {
        ++stats.instructions;
        sink.instruction(word::op(header), keys, depths, m);
        storeValue<Native, Attribute>(++next, event, stats, attribution, sink);
      }
      if constexpr (Attribute)
        attribution.advance(event, stack_.live());
      break;
    }
    case word::kInput:
      ++next;
      break;
    case word::kStore:
      for (Word n = word::payload(header); n != 0; --n) {
        reserveStamps(1);
        storeValue<Native, Attribute>(++next, event, stats, attribution, sink);
      }
      if constexpr (Attribute)
        attribution.advance(event, stack_.live());
      break;
    case word::kLocation:
      if (word::isScope(header)) {
        if constexpr (Attribute)
          attribution.scope(word::payload(header) & word::kMaxScopeId);
        break;
      }
      site = word::payload(header);
      if (perSite && site >= stats.sites.size())
        stats.sites.resize(std::size_t(site) + 1);
      sink.location(site);
      break;
    }
  }
  at = {i, event, next, site};
}

template <bool Attribute>
void Replay::startSecondHalf(const EventLogView &log, const ReplayOptions &options,
                             SecondHalf &second, ForwardLiveness *known) {
  if (!second_)
    second_ = std::make_unique<Replay>();
  // The first half also runs the liveness pass unless it is known; the
  // second scans the first half, at about a sixth of replaying it.
  const std::size_t middle =
      known != nullptr ? log.size / 2 + log.size / 32 : log.size / 2 - log.size / 64;
  second.target = std::min(options.splitAt != 0 ? options.splitAt : middle, log.size);
  if (known != nullptr) { // copied: the first half takes known's buffers
    second.known = true;
    second.knownEvents = known->events();
    second.knownLocations = known->locations();
    second.records = known->takeSpare();
  }
  std::size_t split = second.target; // the first header at or past the target
  while (split < log.size && word::isOperand(log.words[split]))
    ++split;
  second.liveness.word = split;
  second.liveness.liveness = options.liveness;
  Replay &other = *second_;
  try {
    second.thread = std::thread([&other, &log, &options, &second] {
      try {
        other.runSecondHalf<Attribute>(log, options, second);
      } catch (...) {
        second.failure = std::current_exception();
      }
    });
    second.running = true;
  } catch (const std::system_error &) {
    // No thread to be had: this one replays it all.
  }
}

template <bool Attribute>
void Replay::runSecondHalf(const EventLogView &log, const ReplayOptions &options,
                           SecondHalf &second) {
  ReplayStats &stats = second.stats;
  AttributionState &attribution = second.attribution;
  // What beginReplay() does, but for the liveness pass, which the first
  // half runs and hands over.
  if (second.records.size() > log.values)
    stack_.adopt(std::move(second.records), log.values);
  else
    stack_.reset(log.values);
  histogram_.assign(1024, 0);
  native_ = false;
  hasLocations_ = second.knownLocations;
  const std::uint64_t events =
      log.inputCount + (second.known ? second.knownEvents : countEvents(log, hasLocations_));
  const bool perSite = hasLocations_ && options.perSite;
  if (perSite)
    stats.sites.resize(1);
  if constexpr (Attribute) {
    attribution.begin(stats.attribution, events);
    placeOrigins(log, stats.attribution);
  }
  SplitStart start;
  scanTo(log, second.liveness.word, events / kTimelinePoints + 1, Attribute, start);
  if (!second.liveness.wait())
    return; // the first half failed, and says why
  const SplitLiveness &liveness = second.liveness;
  if (liveness.sharedFinals == nullptr && liveness.keysBefore != start.at.next)
    throw std::invalid_argument("bytedmd: malformed event log: allocated values and stored "
                                "values disagree");
  seen_ = liveness.seen.data();
  finals_ = liveness.sharedFinals != nullptr ? liveness.sharedFinals : liveness.finals.data();
  finalsBase_ = liveness.sharedFinals != nullptr ? 0 : liveness.word / 64 * 64;
  liveLater(start);
  if (perSite && start.at.site >= stats.sites.size())
    stats.sites.resize(std::size_t(start.at.site) + 1);
  reserveStamps(std::uint32_t(start.stack.size()) + 1);
  for (const Word k : start.stack)
    push<false>(k);
  if constexpr (Attribute)
    attribution.resume(start.scopes, start.windowEnd);
  ReplayOptions rest = options;
  rest.progress = &SecondHalf::checkCancel; // every 2^22 words
  rest.progressContext = &second;
  rest.traceLimit = options.traceLimit > start.reads ? options.traceLimit - start.reads : 0;
  if (rest.traceLimit != 0)
    stats.trace.reserve(
        std::size_t(std::min<std::uint64_t>(rest.traceLimit, log.size - start.at.word)));
  NullSink sink;
  ReplayCursor at = start.at;
  replayWords<false, false, Attribute>(log, rest, sink, at, log.size, perSite, stats, attribution);
  second.start = start.at;
  second.end = at;
}

template <bool Attribute>
void Replay::joinSecondHalf(SecondHalf &second, ReplayCursor &at, ReplayStats &stats,
                            AttributionState &attribution) {
  second.thread.join();
  second.running = false;
  if (second.failure)
    std::rethrow_exception(second.failure);
  if (at.word != second.start.word || at.event != second.start.event ||
      at.next != second.start.next || at.site != second.start.site)
    throw std::logic_error("the halves of a split replay do not meet");
  mergeHalves(stats, histogram_, second.stats, second_->histogram_);
  if constexpr (Attribute)
    attribution.merge(second.attribution);
  at = second.end;
  // Its records are 8 bytes per value: not kept past the measurement, where
  // the recorder's memory check would not see them.
  second_.reset();
}

} // namespace bytedmd



#endif // BYTEDMD_REPLAY_H
