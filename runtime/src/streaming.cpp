// streaming.cpp - a measurement in memory proportional to its live set, by
// executing the measured call twice (BYTEDMD_STREAM=1).
//
// The default replay keeps the whole event log: liveness needs the future.
// Here the call runs first in a forked child, which counts the reads of each
// value (one byte per value in memory shared with the parent; counts past
// 254 go to a side table) and a checksum of its events, keeping its log a
// chunk at a time. The parent then runs the same call itself: now each read
// knows whether it is its value's last (its count runs out), so an
// OnlineReplay consumes each chunk as it fills, and live values are named by
// slots handed out again as values die. The numbers are the default's. A
// call that does not repeat itself (it reads the clock, a file it writes,
// another thread) gives another event stream: the parent refuses it.
#include "recording.h"

#include "attribution.h"
#include "online_replay.h"

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unordered_map>

namespace bytedmd {
namespace {

constexpr std::size_t kChunkWords = std::size_t(1) << 20; // 4 MiB of log at a time
constexpr std::uint64_t kMaxValues = word::kMaxStreamedKey;
constexpr std::size_t kMaxOverflow = std::size_t(1) << 24; // values read 255 times or more
/// Keys below this count their reads past 254 in an array, not a hash map:
/// the inputs come first and are read most (naive matmul N = 1024 reads
/// each input 1,024 times, 1.6 x 10^9 reads past 254).
constexpr Word kDenseOverflow = Word(1) << 24;
constexpr std::size_t kMaxResults = std::size_t(1) << 20;
constexpr std::size_t kMaxInputs = std::size_t(1) << 26; // their groups (and lazy ones' keys)
constexpr std::uint32_t kNeverDies = ~std::uint32_t(0);

/// What the first execution leaves for the second, in a shared mapping.
struct Shared {
  int done;           // 1: finished; 2: failed (error says why)
  char error[1024];
  std::uint64_t hash, values, reads, overflowCount, resultCount;
  std::uint64_t events;         // STOREs and READ batches, as the replay counts them
  std::uint64_t inputCount;     // inputs, with their parameter groups in stack order
  std::uint64_t lazyInputCount; // inputs found as loaded, their keys in stack order
  int lazy;                     // 1: every input is in that list
};
struct Overflow {
  Word key;
  std::uint32_t count;
};

/// Where the shared mapping's parts start.
struct Layout {
  static constexpr std::size_t kHeader = 4096;
  static constexpr std::size_t counts = kHeader;
  static constexpr std::size_t overflow = (counts + kMaxValues + 1 + 4095) & ~std::size_t(4095);
  static constexpr std::size_t results = overflow + kMaxOverflow * sizeof(Overflow);
  static constexpr std::size_t lazyInputs = results + kMaxResults * sizeof(Word);
  static constexpr std::size_t inputGroups = lazyInputs + kMaxInputs * sizeof(Word);
  static constexpr std::size_t size = inputGroups + kMaxInputs * sizeof(std::uint32_t);
};

/// Local key -> slot for the live values (open addressing, linear probing,
/// deletion by backward shift): O(live) memory.
class SlotTable {
public:
  SlotTable() { rehash(1024); }
  OnlineReplay::Slot find(Word k) const {
    for (std::size_t i = home(k);; i = (i + 1) & mask_) {
      if (keys_[i] == k)
        return slots_[i];
      if (keys_[i] == 0)
        return 0;
    }
  }
  void insert(Word k, OnlineReplay::Slot s) {
    if (2 * (size_ + 1) > keys_.size())
      rehash(2 * keys_.size());
    std::size_t i = home(k);
    while (keys_[i] != 0)
      i = (i + 1) & mask_;
    keys_[i] = k;
    slots_[i] = s;
    ++size_;
  }
  void erase(Word k) {
    std::size_t i = home(k);
    while (keys_[i] != k)
      i = (i + 1) & mask_;
    // Backward shift: pull later entries of the run into the hole when
    // their home is not between the hole and them.
    for (std::size_t j = (i + 1) & mask_; keys_[j] != 0; j = (j + 1) & mask_) {
      const std::size_t h = home(keys_[j]);
      if (((j - h) & mask_) >= ((j - i) & mask_)) {
        keys_[i] = keys_[j];
        slots_[i] = slots_[j];
        i = j;
      }
    }
    keys_[i] = 0;
    --size_;
  }

private:
  // Fibonacci hashing: the product's top bits. (Its middle bits made runs
  // of hundreds of slots at N = 1024: half the time went to probing.)
  std::size_t home(Word k) const { return std::size_t((std::uint64_t(k) * 0x9E3779B97F4A7C15ull) >> shift_); }
  void rehash(std::size_t capacity) {
    std::vector<Word> keys(capacity, 0);
    std::vector<OnlineReplay::Slot> slots(capacity, 0);
    keys.swap(keys_);
    slots.swap(slots_);
    mask_ = capacity - 1;
    shift_ = 64;
    for (std::size_t c = capacity; c > 1; c >>= 1)
      --shift_;
    size_ = 0;
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] != 0)
        insert(keys[i], slots[i]);
  }
  std::vector<Word> keys_;
  std::vector<OnlineReplay::Slot> slots_;
  std::size_t mask_ = 0, size_ = 0;
  unsigned shift_ = 64;
};

/// Local key -> slot for the live values, by where the key is: the inputs
/// (keys 1..D, declared before the body) keep slot = key, and a bit says
/// whether each is still live; the last 2^16 keys in a ring, where most
/// values live and die (temporaries); the older ones still alive in a hash
/// table. Lookups stay in cache (the inputs' bits are 1/32 of a slot array).
class LiveKeys {
public:
  OnlineReplay::Slot find(Word k, Word next) const {
    if (k < inputs_)
      return (inputLive_[k >> 6] >> (k & 63)) & 1 ? k : 0;
    if (next - k < kRing)
      return ring_[k & (kRing - 1)].key == k ? ring_[k & (kRing - 1)].slot : 0;
    return table_.find(k);
  }
  /// A live input (before the body; keys 1, 2, ... in order), in slot k.
  void input(Word k) {
    inputs_ = k + 1;
    if (inputLive_.size() <= k >> 6)
      inputLive_.resize(std::size_t(k >> 6) + 1, 0);
    inputLive_[k >> 6] |= std::uint64_t(1) << (k & 63);
  }
  /// An input placed before the body whose key the body allocates later
  /// (found through a pointer): kept aside until arrive(k).
  void place(Word k, OnlineReplay::Slot s) { table_.insert(k, s); }
  /// The body reached placed input k (its INPUT word): it joins the ring
  /// like a stored value. Its slot, or 0 when it was not placed live.
  OnlineReplay::Slot arrive(Word k) {
    const OnlineReplay::Slot s = table_.find(k);
    if (s != 0)
      table_.erase(k);
    store(k, s);
    return s;
  }
  /// A value stored by the body: the newest key, with its slot (0: it is
  /// dead already). Either way key k - kRing now looks in the table, so a
  /// live value there moves to it.
  void store(Word k, OnlineReplay::Slot s) {
    Entry &e = ring_[k & (kRing - 1)];
    if (e.key != 0)
      table_.insert(e.key, e.slot);
    e = {s != 0 ? k : 0, s};
  }
  void erase(Word k, Word next) {
    if (k < inputs_)
      inputLive_[k >> 6] &= ~(std::uint64_t(1) << (k & 63));
    else if (next - k < kRing && ring_[k & (kRing - 1)].key == k)
      ring_[k & (kRing - 1)].key = 0;
    else
      table_.erase(k);
  }

private:
  static constexpr Word kRing = 1u << 16;
  struct Entry {
    Word key = 0;
    OnlineReplay::Slot slot = 0;
  };
  Word inputs_ = 0;                      // keys below it are inputs
  std::vector<std::uint64_t> inputLive_; // a bit per input key
  std::vector<Entry> ring_ = std::vector<Entry>(kRing);
  SlotTable table_;
};

inline void mix(std::uint64_t &hash, Word w) { hash = (hash ^ w) * 0x100000001b3ull; }

} // namespace

/// One streaming measurement's state (MeasurementState::stream).
struct StreamState {
  int pass = 0;                   // 1: the child counts; 2: the parent replays
  char *shared = nullptr;         // Layout::size bytes, shared with the child
  int progressFd = 2;             // stderr, kept open in the child
  bool terminal = false;
  std::uint64_t hash = 0xcbf29ce484222325ull;
  std::uint64_t reads = 0, nextProgress = std::uint64_t(1) << 26;
  Word next = 0;                  // values numbered as the log allocates them
  bool bodyStarted = false;
  std::string failure;            // the first thing this pass cannot do
  // Pass 1: reads past 254, by key.
  std::vector<std::uint32_t> denseOverflow; // keys below kDenseOverflow
  std::unordered_map<Word, std::uint64_t> overflow;
  // Pass 2.
  std::unordered_map<Word, std::uint32_t> bigCounts; // from the child's side table
  OnlineReplay replay;
  LiveKeys table;
  std::vector<OnlineReplay::Slot> freeSlots;
  OnlineReplay::Slot fresh = 0;
  std::vector<OnlineReplay::Slot> slots;
  std::vector<std::uint8_t> last;
  // Pass 2's breakdowns (BYTEDMD_ATTRIBUTION, on by default), gathered as
  // the in-memory replay gathers them.
  bool attribute = false;
  Attribution attributed;
  AttributionState attribution;
  std::vector<std::uint64_t> costs = std::vector<std::uint64_t>(word::kMaxOperands);
  std::uint64_t events = 0;           // STOREs and READ batches so far (both passes)
  // Pass 2's chunks go to a replay thread (the second core) while the call
  // records the next: buffers of one size, full ones in order, empty ones
  // back to the recorder.
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::pair<Word *, std::size_t>> full;
  std::vector<Word *> empty, buffers;
  std::size_t capacity = 0;
  bool closed = false;
  std::thread worker;

  Shared &header() { return *reinterpret_cast<Shared *>(shared); }
  std::uint8_t *counts() { return reinterpret_cast<std::uint8_t *>(shared + Layout::counts); }
  Overflow *overflowTable() { return reinterpret_cast<Overflow *>(shared + Layout::overflow); }
  Word *results() { return reinterpret_cast<Word *>(shared + Layout::results); }
  Word *lazyInputs() { return reinterpret_cast<Word *>(shared + Layout::lazyInputs); }
  std::uint32_t *inputGroups() {
    return reinterpret_cast<std::uint32_t *>(shared + Layout::inputGroups);
  }
  bool lazy() { return header().lazy != 0; }

  /// The second pass's count of reads of value k (the first pass's answer).
  std::uint32_t countOf(Word k) {
    const std::uint8_t c = counts()[k];
    if (c < 255)
      return c;
    auto it = bigCounts.find(k);
    return it == bigCounts.end() ? 255 : it->second;
  }
  OnlineReplay::Slot take() {
    if (!freeSlots.empty()) {
      const OnlineReplay::Slot s = freeSlots.back();
      freeSlots.pop_back();
      return s;
    }
    return ++fresh;
  }
  /// Slot s now holds an input of the i-th parameter group in stack order
  /// (input true), or a value of the body.
  void origin(OnlineReplay::Slot s, bool input, std::uint64_t i) {
    if (attribute)
      replay.tag(s) = input ? origin::ofGroup(inputGroups()[i]) : 0;
  }
  /// A READ batch's charges: its reads of inputs to their parameters (the
  /// slots still hold them), its cost to the scope and the op.
  void attributeBatch(unsigned op, unsigned m, std::uint64_t cost) {
    Attribution::InputShare *shares = attributed.inputs.data();
    for (unsigned j = 0; j < m; ++j)
      if (std::uint16_t &o = replay.tag(slots[j]); o != 0)
        origin::charge(shares, o, costs[j]);
    attribution.batch(op, m, cost);
  }
  /// Starts the breakdowns of a replay of `events` events whose inputs have
  /// the first pass's parameter groups.
  void beginAttribution(std::uint64_t events, std::uint64_t inputCount) {
    attribute = true;
    attribution.begin(attributed, events);
    origin::countInputs(attributed, inputGroups(), inputCount);
  }
  /// After a STORE event (an input's or the body's).
  void afterStore() {
    ++events;
    if (attribute)
      attribution.live(replay.liveCount());
  }
  /// An input, in stack order (the i-th), stored in slot s: its reads left.
  void input(OnlineReplay::Slot s, std::uint64_t i, std::uint32_t count) {
    replay.input(s, count != 0);
    origin(s, true, i);
    afterStore();
    if (count == 0)
      freeSlots.push_back(s);
    else
      replay.readsLeft(s) = count;
  }
  /// A new value: its slot, or none when nothing reads it.
  void stored(Word k) {
    const std::uint32_t count = countOf(k);
    const OnlineReplay::Slot s = take();
    replay.store(s, count == 0);
    origin(s, false, 0);
    afterStore();
    if (count == 0) {
      freeSlots.push_back(s);
      table.store(k, 0);
      return;
    }
    replay.readsLeft(s) = count; // kNeverDies: a result
    table.store(k, s);
  }
  void countPast254(Word k) {
    if (k >= kDenseOverflow) {
      ++overflow[k];
      return;
    }
    if (k >= denseOverflow.size()) // at most 64 MiB
      denseOverflow.resize(std::min<std::size_t>(
                               std::max<std::size_t>(std::size_t(k) + 1, 2 * denseOverflow.size()),
                               kDenseOverflow),
                           0);
    if (denseOverflow[k] != ~std::uint32_t(0))
      ++denseOverflow[k];
  }
  void progress(const char *what) {
    if (!terminal || reads < nextProgress)
      return;
    nextProgress = reads + (std::uint64_t(1) << 26);
    dprintf(progressFd, "\rbytedmd: streaming, %s: %llu reads\033[K", what,
            static_cast<unsigned long long>(reads));
  }
  void fail(const std::string &why) {
    if (failure.empty())
      failure = why;
  }
};

namespace {

/// Pass 1: count each value's reads.
void countChunk(StreamState &st, const Word *w, std::size_t n) {
  std::uint8_t *counts = st.counts();
  for (std::size_t i = 0; i < n;) {
    const Word h = w[i++];
    mix(st.hash, h);
    switch (word::kind(h)) {
    case word::kRead: {
      const unsigned m = word::operands(h);
      for (unsigned j = 0; j < m; ++j) {
        const Word k = w[i + j];
        mix(st.hash, k);
        if (counts[k] < 255)
          ++counts[k];
        else
          st.countPast254(k);
      }
      i += m;
      st.reads += m;
      ++st.events;
      if (word::hasOutput(h)) {
        ++st.next;
        ++st.events;
      }
      break;
    }
    case word::kInput:
      ++st.next;
      ++st.events;
      break;
    case word::kStore:
      st.next += word::payload(h);
      st.events += word::payload(h);
      break;
    default:
      break;
    }
  }
  st.progress("first execution");
}

/// Pass 2: replay, each read knowing whether it is its value's last.
void replayChunk(StreamState &st, const Word *w, std::size_t n) {
  if (!st.failure.empty())
    return; // refused at the end; its state means nothing now
  for (std::size_t i = 0; i < n;) {
    const Word h = w[i++];
    mix(st.hash, h);
    switch (word::kind(h)) {
    case word::kRead: {
      st.bodyStarted = true;
      const unsigned m = word::operands(h);
      st.slots.resize(m);
      st.last.resize(m);
      for (unsigned j = 0; j < m; ++j) {
        const Word k = w[i + j];
        mix(st.hash, k);
        const OnlineReplay::Slot s = st.table.find(k, st.next);
        if (s == 0) { // read more often than the first execution read it
          st.fail("a value was read more often than in the first execution");
          st.slots.resize(j);
          break;
        }
        st.slots[j] = s;
        std::uint32_t &left = st.replay.readsLeft(s);
        st.last[j] = left != kNeverDies && --left == 0;
        if (st.last[j])
          st.table.erase(k, st.next);
      }
      if (st.slots.size() != m)
        return;
      const std::uint64_t cost = st.replay.batch(st.slots.data(), st.last.data(), m,
                                                 st.attribute ? st.costs.data() : nullptr);
      if (st.attribute)
        st.attributeBatch(word::op(h), m, cost);
      for (unsigned j = 0; j < m; ++j)
        if (st.last[j])
          st.freeSlots.push_back(st.slots[j]);
      i += m;
      st.reads += m;
      ++st.events;
      if (word::hasOutput(h)) {
        st.replay.instruction();
        st.stored(++st.next);
      }
      if (st.attribute)
        st.attribution.advance(st.events, st.replay.liveCount());
      break;
    }
    case word::kInput: {
      if (st.lazy()) { // placed at the start (placeLazyInputs)
        st.table.arrive(++st.next);
        break;
      }
      if (st.bodyStarted) {
        st.fail("an input was declared after the call's first instruction");
        return;
      }
      // Before the body no slot has been freed: input k takes fresh slot k.
      const Word k = ++st.next;
      const OnlineReplay::Slot s = ++st.fresh;
      const std::uint32_t count = st.countOf(k);
      st.input(s, k - 1, count);
      if (count != 0)
        st.table.input(k);
      break;
    }
    case word::kStore:
      st.bodyStarted = true;
      for (Word c = word::payload(h); c != 0; --c)
        st.stored(++st.next);
      if (st.attribute)
        st.attribution.advance(st.events, st.replay.liveCount());
      break;
    case word::kLocation:
      if (!word::isScope(h))
        st.replay.location(word::payload(h));
      else if (st.attribute)
        st.attribution.scope(word::payload(h) & word::kMaxScopeId);
      break;
    }
  }
  st.progress("second execution, replaying");
}

/// What a pass does with a chunk of the log.
void consume(StreamState &st, const Word *w, std::size_t n) {
  if (st.pass == 1)
    countChunk(st, w, n);
  else
    replayChunk(st, w, n);
}

/// The second core's thread: chunks in the order they filled (counted in
/// the first execution, replayed in the second).
void chunkWorker(StreamState &st) {
  QuietAllocations quiet;
  for (;;) {
    std::pair<Word *, std::size_t> chunk;
    {
      std::unique_lock<std::mutex> lock(st.mutex);
      st.changed.wait(lock, [&] { return !st.full.empty() || st.closed; });
      if (st.full.empty())
        return;
      chunk = st.full.front();
      st.full.pop_front();
    }
    consume(st, chunk.first, chunk.second);
    {
      std::lock_guard<std::mutex> lock(st.mutex);
      st.empty.push_back(chunk.first);
    }
    st.changed.notify_all();
  }
}

/// Hands the recorder's full buffer to the chunk thread and gives it an
/// empty one (three in all: one recording, two replaying or waiting).
void handOver(Recorder &r, StreamState &st) {
  if (!st.worker.joinable()) {
    st.capacity = std::size_t(r.limit - r.buffer);
    st.buffers.push_back(r.buffer);
    for (int i = 0; i < 2; ++i) {
      auto *b = static_cast<Word *>(std::malloc(st.capacity * sizeof(Word)));
      if (b == nullptr)
        fatal("streaming: out of memory for the log's chunks");
      st.buffers.push_back(b);
      st.empty.push_back(b);
    }
    st.worker = std::thread(chunkWorker, std::ref(st));
  }
  Word *next = nullptr;
  {
    std::unique_lock<std::mutex> lock(st.mutex);
    st.full.emplace_back(r.buffer, std::size_t(r.cursor - r.buffer));
    st.changed.notify_all();
    st.changed.wait(lock, [&] { return !st.empty.empty(); });
    next = st.empty.back();
    st.empty.pop_back();
  }
  r.buffer = r.cursor = next;
  r.limit = next + st.capacity;
}

/// The last chunk: consumes it after the others, stops the thread, and
/// leaves the recorder one buffer (the others are freed).
void finishPipe(Recorder &r, StreamState &st) {
  if (!st.worker.joinable()) {
    consume(st, r.buffer, std::size_t(r.cursor - r.buffer));
    r.cursor = r.buffer;
    return;
  }
  {
    std::lock_guard<std::mutex> lock(st.mutex);
    st.full.emplace_back(r.buffer, std::size_t(r.cursor - r.buffer));
    st.closed = true;
  }
  st.changed.notify_all();
  st.worker.join();
  for (Word *b : st.buffers)
    if (b != r.buffer)
      std::free(b);
  r.cursor = r.buffer;
}

/// Inputs found through pointers are allocated keys as the body first
/// loads them, but stand on the stack from the start in their sorted order
/// (semantics.md, "Inputs"): the first execution listed them in that order,
/// and they are placed before the second replays anything.
void placeLazyInputs(StreamState &st) {
  const Word *keys = st.lazyInputs();
  for (std::uint64_t i = 0; i < st.header().lazyInputCount; ++i) {
    const std::uint32_t count = st.countOf(keys[i]);
    const OnlineReplay::Slot s = st.take();
    st.input(s, i, count);
    if (count != 0)
      st.table.place(keys[i], s);
  }
}

/// Whether the second execution found the inputs the first listed.
bool sameLazyInputs(StreamState &st, const std::vector<Word> &inputs) {
  const Shared &in = st.header();
  return in.lazyInputCount == inputs.size() &&
         std::equal(inputs.begin(), inputs.end(), st.lazyInputs());
}

[[noreturn]] void childExit(StreamState &st, const std::string &error) {
  Shared &out = st.header();
  std::strncpy(out.error, error.c_str(), sizeof out.error - 1);
  out.done = error.empty() ? 1 : 2;
  ::_exit(0);
}

} // namespace

bool streamingChild = false;

void streamBegin(Recorder &r) {
  const Settings &config = registry().settings;
  if (!config.variants.empty() || !config.irPath.empty())
    fatal("BYTEDMD_STREAM=1 replays the default model only: measure without it for variants "
          "(BYTEDMD_VARIANTS, --variant) or the IR (BYTEDMD_IR, --ir)");
  QuietAllocations quiet;
  void *shared = ::mmap(nullptr, Layout::size, PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (shared == MAP_FAILED)
    fatal(std::string("streaming: cannot map the read counts: ") + std::strerror(errno));
  auto *st = new StreamState;
  st->shared = static_cast<char *>(shared);
  st->terminal = ::isatty(2) != 0;
  r.state->stream = st;
  std::fflush(nullptr); // the child must not print what the parent has buffered
  const pid_t child = ::fork();
  if (child < 0)
    fatal(std::string("streaming: cannot fork the first execution: ") + std::strerror(errno));
  if (child == 0) {
    // The first execution: its own output goes nowhere, its progress to the
    // terminal; it ends in streamEnd, never at exit.
    streamingChild = true;
    st->pass = 1;
    st->progressFd = ::dup(2);
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, 1);
      ::dup2(null, 2);
    }
    return;
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  Shared &in = st->header();
  if (!WIFEXITED(status) || in.done == 0)
    fatal(std::string("streaming: the first execution of '") + functionName(r) + "' " +
          (WIFSIGNALED(status) ? "was killed by signal " + std::to_string(WTERMSIG(status))
                               : std::string("ended before its measurement did")) +
          "; measure without BYTEDMD_STREAM to see why");
  if (in.done == 2)
    fatal(std::string("streaming: ") + in.error);
  if (st->terminal)
    dprintf(2, "\rbytedmd: streaming, first execution done: %llu reads\033[K",
            static_cast<unsigned long long>(in.reads));
  const Overflow *big = st->overflowTable();
  for (std::uint64_t i = 0; i < in.overflowCount; ++i)
    st->bigCounts[big[i].key] = big[i].count;
  for (std::uint64_t i = 0; i < in.resultCount; ++i) {
    const Word k = st->results()[i];
    st->counts()[k] = 255;
    st->bigCounts[k] = kNeverDies;
  }
  st->pass = 2;
  const ReplayOptions options = replayOptions(config);
  st->replay.begin(options);
  if (options.attribution)
    st->beginAttribution(in.events, in.inputCount);
  if (in.lazy)
    placeLazyInputs(*st);
}

bool streamDrain(Recorder &r) {
  StreamState *st = r.state ? r.state->stream : nullptr;
  if (st == nullptr || r.id == 0)
    return false;
  if (std::size_t(r.limit - r.buffer) < kChunkWords)
    return false; // let the buffer grow to a chunk first
  // The replay's own memory is not the measured program's: no shadow marks.
  QuietAllocations quiet;
  handOver(r, *st);
  return true;
}

bool streamEnd(Recorder &r, MeasurementRecord &record) {
  MeasurementState &s = *r.state;
  StreamState *st = s.stream;
  if (st == nullptr)
    return false;
  QuietAllocations quiet;
  if (st->pass == 1) {
    finishPipe(r, *st);
    if (s.inputs.size() > kMaxInputs)
      childExit(*st, std::string("'") + functionName(r) + "' has more inputs than streaming keeps (" +
                         std::to_string(kMaxInputs) + "): measure it without streaming");
    std::size_t n = st->overflow.size();
    for (const std::uint32_t extra : st->denseOverflow)
      n += extra != 0;
    if (n > kMaxOverflow || s.results.size() > kMaxResults)
      childExit(*st, "more values read 255 times or more, or more results, than streaming keeps");
    Shared &out = st->header();
    Overflow *big = st->overflowTable();
    n = 0;
    const auto keep = [&](Word k, std::uint64_t extra) {
      big[n++] = {k, std::uint32_t(std::min<std::uint64_t>(255 + extra, kNeverDies - 1))};
    };
    for (Word k = 0; k < st->denseOverflow.size(); ++k)
      if (st->denseOverflow[k] != 0)
        keep(k, st->denseOverflow[k]);
    for (const auto &[k, extra] : st->overflow)
      keep(k, extra);
    for (std::size_t i = 0; i < s.results.size(); ++i)
      st->results()[i] = s.results[i];
    // Each input's parameter, in stack order (endMeasurement set them).
    for (std::size_t i = 0; i < s.inputs.size(); ++i)
      st->inputGroups()[i] = i < s.inputParameters.size() ? s.inputParameters[i] : 0;
    out.inputCount = s.inputs.size();
    out.events = st->events;
    if (s.lazyInputs) { // endMeasurement sorted them
      std::copy(s.inputs.begin(), s.inputs.end(), st->lazyInputs());
      out.lazyInputCount = s.inputs.size();
      out.lazy = 1;
    }
    out.overflowCount = n;
    out.resultCount = s.results.size();
    out.hash = st->hash;
    out.values = st->next;
    out.reads = st->reads;
    childExit(*st, "");
  }
  finishPipe(r, *st);
  const Shared &in = st->header();
  if (st->failure.empty() && (st->hash != in.hash || st->next != in.values))
    st->fail("its events differ from the first execution's");
  if (st->failure.empty() && in.lazy && !sameLazyInputs(*st, s.inputs))
    st->fail("its inputs differ from the first execution's");
  if (!st->failure.empty())
    fatal(std::string("streaming: the measured call of '") + functionName(r) +
          "' did not repeat itself (" + st->failure +
          "): BYTEDMD_STREAM=1 runs it twice and needs the same events both times (no "
          "clock, random seed, input file or other thread that changes between them); "
          "measure it without streaming");
  record.stats = st->replay.finish();
  if (st->attribute) {
    st->attribution.finish(st->events, st->replay.histogram(), record.stats.reads,
                           record.stats.cost);
    record.stats.attribution = std::move(st->attributed);
  }
  if (st->terminal)
    dprintf(2, "\r\033[K");
  ::munmap(st->shared, Layout::size);
  delete st;
  s.stream = nullptr;
  return true;
}

} // namespace bytedmd
