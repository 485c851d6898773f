// entries.cpp - the hot entries: inputs, instructions, reads and locations, into this thread's log.
//
// Each appends words to the thread's event log with no lock, no call and no
// allocation but the log's amortised growth; the thread's recorder lives here
// so that they read it with one TLS-relative load.
#include "recording.h"

#include "log_prefault.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <unistd.h>

/// The entry set's version (runtime.h): what instrumented code links against.
extern "C" const char BYTEDMD_ABI_SYMBOL = BYTEDMD_ABI_VERSION;

namespace bytedmd {

/// outputs.cpp registers the exit hook that writes the report. A static
/// library links a file only when a symbol of it is needed, and instrumented
/// code names none of outputs.cpp's: this reference links it with the
/// entries, so a program that measures nothing still writes its report.
extern const char outputsLinked;
__attribute__((used)) static const char *const linkOutputs = &outputsLinked;

namespace {

thread_local Recorder tls __attribute__((tls_model("initial-exec")));

// While the log's pages are faulted in ahead (log_prefault.h), r.limit is a
// window's end and this is the buffer's; null otherwise.
thread_local Word *bufferEnd __attribute__((tls_model("initial-exec"))) = nullptr;
thread_local LogPrefault prefault; // (its guard is paid once per window)

/// Sets r.limit a window past the cursor in [r.buffer, end), the next
/// window faulting in on the helper; a streaming measurement keeps end.
void windowTo(Recorder &r, Word *end, std::size_t needed) {
  const bool streaming = r.state != nullptr && r.state->stream != nullptr;
  QuietAllocations quiet; // the helper's state is the runtime's memory
  ForwardLiveness *liveness =
      r.state != nullptr && r.state->followLiveness ? &r.state->liveness : nullptr;
  r.limit = streaming ? end : prefault.advance(r.buffer, r.cursor, end, needed, liveness);
  bufferEnd = r.limit == end ? nullptr : end;
}

__attribute__((noinline, cold)) void growBuffer(Recorder &r, std::size_t needed) {
  if (streamDrain(r)) // a streaming measurement keeps one chunk of log
    return;
  const std::size_t used = std::size_t(r.cursor - r.buffer);
  recordedWords(used);
  if (bufferEnd != nullptr && std::size_t(bufferEnd - r.cursor) >= needed)
    return windowTo(r, bufferEnd, needed); // the end of a window, not of the buffer
  settleLog(r);
  const std::size_t capacity = std::size_t(r.limit - r.buffer);
  // The replay counts events in 32 bits; a log this long cannot be replayed.
  constexpr std::size_t kMaxWords = std::size_t(1) << 32;
  if (used + needed > kMaxWords - 1)
    fatal(std::string("the measurement of '") + functionName(r) +
          "' recorded more than 2^32 event words (16 GiB); measure it with --stream "
          "(BYTEDMD_STREAM=1), which keeps no log, or a smaller problem size");
  std::size_t grown = capacity < (1u << 16) ? (1u << 16) : capacity * 2;
  if (grown > kMaxWords)
    grown = kMaxWords;
  // Linux overcommits: a realloc that succeeds can still end in the OOM
  // killer. Stop with a reason while the log and what the replay adds (a bit
  // per word; 4 bytes, a bit and, for bytes=native, a byte per value; with
  // the liveness pass beside the recording, the second half's 4 bytes per
  // value too) would still fit in physical memory, instead of being killed
  // later.
  static const std::size_t physical =
      std::size_t(::sysconf(_SC_PHYS_PAGES)) * std::size_t(::sysconf(_SC_PAGESIZE));
  const std::size_t perValue = r.state != nullptr && r.state->followLiveness ? 9 : 5;
  const std::size_t needs = grown * sizeof(Word) + grown / 8 + std::size_t(r.next) * perValue +
                            std::size_t(r.next) / 8;
  void *p =
      physical != 0 && needs > physical ? nullptr : std::realloc(r.buffer, grown * sizeof(Word));
  if (p == nullptr)
    fatal(std::string("out of memory recording the measurement of '") + functionName(r) +
          "' after " + std::to_string(used) + " event words (" +
          std::to_string(used * sizeof(Word) >> 20) + " MiB of log, " +
          std::to_string(physical >> 20) +
          " MiB of memory in all); measure it with --stream (BYTEDMD_STREAM=1), which keeps "
          "no log, or a smaller problem size");
  r.buffer = static_cast<Word *>(p);
  r.cursor = r.buffer + used;
  windowTo(r, r.buffer + grown, needed);
}

inline void reserveWords(Recorder &r, std::size_t n) {
  if (BYTEDMD_UNLIKELY(std::size_t(r.limit - r.cursor) < n))
    growBuffer(r, n);
}

__attribute__((noinline, cold)) void tooManyValues(const Recorder &r) {
  if (r.maxKey == word::kMaxLocalKey)
    fatal(std::string("the measurement of '") + functionName(r) +
          "' allocated more than 2^31 values, more than the event log holds; measure it with "
          "--stream (BYTEDMD_STREAM=1), which goes to 2^32 - 3, or a smaller problem size");
  fatal(std::string("the measurement of '") + functionName(r) +
        "' allocated more than 2^32 - 3 values; measure a smaller problem size");
}

inline Word allocate(Recorder &r) {
  if (BYTEDMD_UNLIKELY(r.next >= r.maxKey))
    tooManyValues(r);
  return ++r.next;
}

/// Records an input; `order` (group << kOrderShift | position) places it on the
/// initial stack.
bytedmd_key declareInput(Recorder &r, std::uint64_t order, std::uint32_t sizeLog2) {
  reserveWords(r, 1);
  *r.cursor++ = word::kInput | (sizeLog2 & word::kSizeMask);
  const Word k = allocate(r);
  r.state->inputs.push_back(k);
  r.state->inputOrder.push_back(order);
  return r.tag | k;
}

/// Function scope ids by the address of their bytedmd_function, per thread,
/// so a call of an instrumented function takes no lock (a miss asks the
/// registry). Regions are cached by name below.
struct ScopeCache {
  const void *address[64];
  Word id[64];
};
thread_local ScopeCache scopeCache __attribute__((tls_model("initial-exec")));

Word functionScope(const bytedmd_function *address, const char *name) {
  const std::size_t slot = (reinterpret_cast<std::uintptr_t>(address) >> 4) % 64;
  ScopeCache &c = scopeCache;
  if (BYTEDMD_LIKELY(c.address[slot] == address))
    return c.id[slot];
  const Word id = registerScope(false, name);
  c.address[slot] = address;
  c.id[slot] = id;
  return id;
}

/// Region scope ids by name, per thread: the name's address and its text
/// (a region's name may live in a buffer that changes), so entering a
/// region in a loop takes no lock and allocates nothing. Longer names ask.
struct RegionCache {
  static constexpr std::size_t kText = 48;
  const char *name[16];
  char text[16][kText];
  Word id[16];
};
thread_local RegionCache regionCache __attribute__((tls_model("initial-exec")));

Word regionScope(const char *name) {
  const std::size_t slot = (reinterpret_cast<std::uintptr_t>(name) >> 4) % 16;
  RegionCache &c = regionCache;
  if (BYTEDMD_LIKELY(c.name[slot] == name && std::strcmp(c.text[slot], name) == 0))
    return c.id[slot];
  QuietAllocations quiet; // the registry's strings are the runtime's
  const Word id = registerScope(true, name);
  const std::size_t length = std::strlen(name);
  if (length < RegionCache::kText) {
    std::memcpy(c.text[slot], name, length + 1);
    c.name[slot] = name;
    c.id[slot] = id;
  }
  return id;
}

void writeScope(Recorder &r, Word id) {
  reserveWords(r, 1);
  *r.cursor++ = word::scope(id);
}

} // namespace

void settleLog(Recorder &r) {
  prefault.wait();
  if (bufferEnd != nullptr)
    r.limit = bufferEnd;
  bufferEnd = nullptr;
}

Recorder &threadRecorder() { return tls; }

void recordAccess(const void *address, bytedmd_key key, bool write) {
  Recorder &r = tls;
  const Word k = localKey(r, key);
  if (k == 0)
    return; // another measurement's value, or none in flight
  QuietAllocations quiet; // the log of accesses is the runtime's memory
  try {
    r.state->accesses.push_back({reinterpret_cast<std::uintptr_t>(address),
                                 k | (write ? kAccessWrite : 0)});
  } catch (const std::bad_alloc &) {
    fatal(std::string("out of memory recording the memory accesses of '") + functionName(r) +
          "' for a stack=locations variant (" + std::to_string(r.state->accesses.size()) +
          " so far, 16 bytes each); measure a smaller problem size or drop that variant");
  }
}

void noteUnattributedLoad() {
  Recorder &r = tls;
  MeasurementState &s = *r.state;
  if (s.unattributedSeen)
    return;
  // The instruction that reads the value names its location next; until it
  // does, the last one stands (a read on the same line names none).
  s.unattributedSeen = true;
  s.unattributedSite = bytedmd_location_now;
  r.siteWanted = true;
  bytedmd_location_now = 0; // the next instruction's location is written, and taken
}

} // namespace bytedmd

using bytedmd::Recorder;
using bytedmd::tls;
using bytedmd::Word;
namespace word = bytedmd::word;

extern "C" {

// The thread's current location, beside the recorder rather than in it: the
// inline wrappers compare against it to skip bytedmd_at (runtime.h).
__thread uint32_t bytedmd_location_now __attribute__((tls_model("initial-exec"))) = 0;
// Set while a measurement with a stack=locations variant is in flight on
// this thread: the loads, stores and keyed locals record their accesses.
__thread int bytedmd_recording_accesses __attribute__((tls_model("initial-exec"))) = 0;

void bytedmd_access(const void *address, bytedmd_key key, int write) {
  if (key != 0)
    bytedmd::recordAccess(address, key, write != 0);
}

int bytedmd_enter(const bytedmd_function *fn) {
  Recorder &r = tls;
  if (r.id != 0)
    return 0;
  bytedmd::beginMeasurement(r, fn);
  return 1;
}

void bytedmd_leave(int opened) {
  Recorder &r = tls;
  if (!opened || r.id == 0)
    return;
  bytedmd::endMeasurement(r);
}

int bytedmd_measuring(void) { return tls.id != 0; }

int bytedmd_scope_enter(const bytedmd_function *fn) {
  Recorder &r = tls;
  if (r.id == 0 || fn == nullptr || !r.scopes)
    return 0;
  bytedmd::writeScope(r, bytedmd::functionScope(fn, fn->__name));
  return 1;
}

void bytedmd_scope_leave(void) {
  Recorder &r = tls;
  if (r.id != 0)
    bytedmd::writeScope(r, 0);
}

int bytedmd_region_enter(const char *name) {
  Recorder &r = tls;
  if (r.id == 0 || name == nullptr || !r.scopes)
    return 0;
  bytedmd::writeScope(r, bytedmd::regionScope(name));
  return 1;
}

void bytedmd_region_leave(void) { bytedmd_scope_leave(); }

void bytedmd_set_size(unsigned long long n) {
  Recorder &r = tls;
  if (r.id != 0) {
    r.state->hasSize = true;
    r.state->size = n;
  } else {
    r.hasPendingSize = true;
    r.pendingSize = n;
  }
}

void bytedmd_parameter_names(const char *names) {
  Recorder &r = tls;
  if (r.id != 0)
    r.state->parameterNames = names;
}

void bytedmd_name_input(bytedmd_key key, const char *name) {
  Recorder &r = tls;
  const Word k = bytedmd::localKey(r, key);
  if (k == 0 || name == nullptr)
    return;
  auto &names = r.state->inputNames;
  if (names.size() <= k)
    names.resize(std::size_t(k) + 1);
  names[k] = name;
}

int bytedmd_current(bytedmd_key key) { return tls.id != 0 && (key >> 32) == tls.id; }

bytedmd_call_state *bytedmd_calls(void) {
  static thread_local bytedmd_call_state calls __attribute__((tls_model("initial-exec")));
  return &calls;
}

bytedmd_key bytedmd_input_sized(uint32_t log2_bytes) {
  Recorder &r = tls;
  if (r.id == 0)
    return 0;
  bytedmd::MeasurementState &s = *r.state;
  return bytedmd::declareInput(r, (std::uint64_t(s.group) << bytedmd::kOrderShift) | s.position++,
                               log2_bytes);
}

bytedmd_key bytedmd_input(void) { return bytedmd_input_sized(0); }

void bytedmd_input_group(void) {
  Recorder &r = tls;
  if (r.id == 0)
    return;
  if (BYTEDMD_UNLIKELY(r.state->group + 1 >= (std::uint32_t(1) << (64 - bytedmd::kOrderShift))))
    bytedmd::fatal("a measurement with more than 65,535 parameter groups");
  ++r.state->group;
  r.state->position = 0;
}

uint32_t bytedmd_input_group_current(void) {
  Recorder &r = tls;
  return r.id == 0 ? 0 : r.state->group;
}

bytedmd_key bytedmd_input_at_sized(uint32_t group, uint64_t offset, uint32_t log2_bytes) {
  Recorder &r = tls;
  if (r.id == 0)
    return 0;
  r.state->lazyInputs = true;
  return bytedmd::declareInput(
      r, (std::uint64_t(group) << bytedmd::kOrderShift) |
          (offset & ((std::uint64_t(1) << bytedmd::kOrderShift) - 1)),
      log2_bytes);
}

bytedmd_key bytedmd_input_at(uint32_t group, uint64_t offset) {
  return bytedmd_input_at_sized(group, offset, 0);
}

void bytedmd_inputs(bytedmd_key *keys, size_t n) {
  for (size_t i = 0; i < n; ++i)
    keys[i] = bytedmd_input();
}

bytedmd_key bytedmd_instruction(uint32_t op, const bytedmd_key *keys, size_t n) {
  Recorder &r = tls;
  if (r.id == 0 || n == 0)
    return 0;
  if (BYTEDMD_UNLIKELY(n > word::kMaxOperands))
    bytedmd::fatal("an instruction with more than 4095 operands");
  bytedmd::reserveWords(r, n + 1);
  Word *header = r.cursor;
  unsigned tracked = 0;
  for (size_t i = 0; i < n; ++i) {
    const Word k = bytedmd::localKey(r, keys[i]);
    header[1 + tracked] = k;
    tracked += k != 0;
  }
  if (tracked == 0)
    return 0;
  *header = word::read(op, tracked, true, op >> 8);
  r.cursor = header + 1 + tracked;
  return r.tag | bytedmd::allocate(r);
}

bytedmd_key bytedmd_unary(uint32_t op, bytedmd_key a) {
  Recorder &r = tls;
  const Word la = bytedmd::localKey(r, a);
  if (la == 0)
    return 0; // also covers "no measurement": r.id == 0 matches no key
  bytedmd::reserveWords(r, 2);
  r.cursor[0] = word::read(op, 1, true, op >> 8);
  r.cursor[1] = la;
  r.cursor += 2;
  return r.tag | bytedmd::allocate(r);
}

bytedmd_key bytedmd_binary(uint32_t op, bytedmd_key a, bytedmd_key b) {
  Recorder &r = tls;
  const Word la = bytedmd::localKey(r, a);
  const Word lb = bytedmd::localKey(r, b);
  if ((la | lb) == 0)
    return 0;
  bytedmd::reserveWords(r, 3);
  Word *p = r.cursor;
  // Branch-free: write both, keep the tracked ones packed in operand order.
  p[1] = la;
  const unsigned first = la != 0;
  p[1 + first] = lb;
  const unsigned tracked = first + (lb != 0);
  p[0] = word::read(op, tracked, true, op >> 8);
  r.cursor = p + 1 + tracked;
  return r.tag | bytedmd::allocate(r);
}

void bytedmd_read(bytedmd_op why, bytedmd_key key) {
  Recorder &r = tls;
  const Word k = bytedmd::localKey(r, key);
  if (k == 0)
    return;
  bytedmd::reserveWords(r, 2);
  r.cursor[0] = word::read(why, 1, false);
  r.cursor[1] = k;
  r.cursor += 2;
}

void bytedmd_results(const bytedmd_key *keys, size_t n) {
  Recorder &r = tls;
  if (r.id == 0)
    return;
  for (size_t i = 0; i < n; ++i)
    if (const Word k = bytedmd::localKey(r, keys[i]))
      r.state->results.push_back(k);
}

void bytedmd_at(bytedmd_location *where) {
  Recorder &r = tls;
  if (r.id == 0 || where == nullptr)
    return;
  std::uint32_t id = __atomic_load_n(&where->__id, __ATOMIC_ACQUIRE);
  if (BYTEDMD_UNLIKELY(id == 0))
    id = bytedmd::registerLocation(where);
  if (id == bytedmd_location_now)
    return;
  if (BYTEDMD_UNLIKELY(r.siteWanted)) { // (location 0 sent it here)
    r.state->unattributedSite = id;
    r.siteWanted = false;
  }
  bytedmd::reserveWords(r, 1);
  *r.cursor++ = word::kLocation | id;
  bytedmd_location_now = id;
}

void bytedmd_diagnostic(const bytedmd_location *where, const char *message) {
  Recorder &r = tls;
  if (r.id == 0)
    return;
  auto &list = r.state->diagnostics;
  for (const auto &d : list)
    if (d.where == where && d.message == message)
      return;
  list.push_back({where, message});
}

} // extern "C"
