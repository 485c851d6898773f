// recorder.cpp - the entry set: per-thread event recording, and the replay and
// bookkeeping at the end of each measurement.
#include "recorder.h"

#include "bytedmd/runtime.h"
#include "event_log.h"
#include "ir.h"
#include "location_replay.h"
#include "replay.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

#define BYTEDMD_LIKELY(x) __builtin_expect(!!(x), 1)
#define BYTEDMD_UNLIKELY(x) __builtin_expect(!!(x), 0)

namespace bytedmd {

/// shadow.cpp's switch for bytedmd_load and bytedmd_store: record accesses.
extern thread_local bool recordingAccesses __attribute__((tls_model("initial-exec")));

namespace {

/// Exit status when the runtime cannot go on (out of memory, bad settings)
/// or cannot write its outputs: EX_SOFTWARE and EX_IOERR from sysexits.h.
constexpr int kExitRuntimeError = 70;
constexpr int kExitOutputError = 74;

/// What a measurement keeps besides its event words: rare events, kept in
/// ordinary containers off the hot path.
struct MeasurementState {
  const bytedmd_function *function = nullptr;
  std::uint64_t sequence = 0;
  std::uint32_t call = 0;
  std::uint64_t staleLoadsAtStart = 0;
  int slot = -1; // index in inFlight, or -1
  std::vector<Word> inputs;
  std::vector<std::uint64_t> inputOrder; // (group << 40) | position, parallel to inputs
  std::uint32_t group = 0;
  std::uint64_t position = 0; // within the group, for inputs declared in order
  bool lazyInputs = false;    // some inputs were found late: sort before replay
  std::vector<Word> results;
  std::vector<std::string> inputNames; // by local key, when names are wanted
  struct Diagnostic {
    const bytedmd_location *where;
    const char *message;
  };
  std::vector<Diagnostic> diagnostics;
  Replay replay; // reused: buffers stay warm across this thread's measurements
  bool wantsAccesses = false;   // a stack=locations variant is asked for
  std::vector<Access> accesses; // then: the memory accesses, in program order
};

/// The per-thread recorder. Plain data with constant initialisation, so a
/// thread_local access is one TLS-relative load, with no guard call.
struct Recorder {
  Word *cursor;      // next free word of the event buffer
  Word *limit;       // end of the buffer
  Word *buffer;      // start of the buffer (malloc'd, kept between measurements)
  std::uint64_t id;  // the measurement in flight; 0 when none
  std::uint64_t tag; // id << 32: the high half of this measurement's keys
  Word next;         // the last local key allocated
  Word location;     // the location id last written to the log
  MeasurementState *state;
};

thread_local Recorder tls __attribute__((tls_model("initial-exec")));

/// Frees a thread's buffers when it exits (registered at its first
/// measurement, so threads that measure nothing pay nothing).
struct ThreadCleanup {
  ~ThreadCleanup() {
    std::free(tls.buffer);
    delete tls.state;
    tls.buffer = tls.cursor = tls.limit = nullptr;
    tls.state = nullptr;
  }
};

/// Measurements in flight on any thread, for the cross-thread write check:
/// slot i holds a measurement id (0 = free) and whether another thread wrote
/// over one of its keys.
constexpr unsigned kMaxConcurrent = 64;
std::atomic<std::uint64_t> inFlight[kMaxConcurrent];
std::atomic<bool> overwritten[kMaxConcurrent];
std::atomic<unsigned> inFlightCount{0};

/// Shared across threads, touched only at the start and end of a measurement.
struct Registry {
  std::mutex mutex;
  std::atomic<std::uint64_t> nextId{1};
  bool settingsRead = false;
  Settings settings;
  std::map<std::string, std::uint32_t> calls; // function -> calls started
  std::vector<MeasurementRecord> finished;
  std::vector<const bytedmd_location *> locations;                        // id - 1 -> site
  std::map<std::pair<std::string, std::uint32_t>, std::uint32_t> lineIds; // (file, line) -> id
  std::FILE *ir = nullptr;
  std::string irTemporary;
  bool irFailed = false;
};

Registry &registry() {
  static Registry *r = new Registry; // never destroyed: used by the exit handler
  return *r;
}

[[noreturn]] void fatal(const std::string &message) {
  std::fflush(stdout);
  std::fprintf(stderr, "bytedmd: error: %s\n", message.c_str());
  std::_Exit(kExitRuntimeError);
}

const char *functionName(const Recorder &r) {
  return r.state && r.state->function && r.state->function->__name ? r.state->function->__name
                                                                 : "<unknown>";
}

void loadSettingsLocked(Registry &reg) {
  if (reg.settingsRead)
    return;
  std::string error;
  if (!settingsFromEnvironment(&reg.settings, &error))
    fatal(error);
  reg.settingsRead = true;
}

/// Keys of the measurement in flight carry its id in their high half; any
/// other key (0, stale, another thread's) is untracked here.
inline Word localKey(const Recorder &r, bytedmd_key key) {
  return (key >> 32) == r.id ? Word(key) : 0;
}

/// Progress on stderr for measurements that run longer than a second, and
/// only when stderr is a terminal (never in logs or CI output).
struct Progress {
  bool terminal = ::isatty(2) != 0;
  bool shown = false;
  std::chrono::steady_clock::time_point start;
  std::chrono::steady_clock::time_point last;
  const char *function = "";

  void begin(const char *name) {
    shown = false;
    function = name;
    start = last = std::chrono::steady_clock::now();
  }
  bool due() {
    if (!terminal)
      return false;
    const auto now = std::chrono::steady_clock::now();
    if (now - start < std::chrono::seconds(1) || now - last < std::chrono::milliseconds(200))
      return false;
    last = now;
    return true;
  }
  void recorded(std::size_t words) {
    if (!due())
      return;
    std::fprintf(stderr, "\rbytedmd: measuring %s: %zu event words recorded\033[K", function,
                 words);
    shown = true;
  }
  static void replayed(void *self, double fraction) {
    Progress &p = *static_cast<Progress *>(self);
    if (!p.due())
      return;
    std::fprintf(stderr, "\rbytedmd: measuring %s: replay %.0f%%\033[K", p.function,
                 100 * fraction);
    p.shown = true;
  }
  void end() {
    if (shown)
      std::fprintf(stderr, "\r\033[K");
    shown = false;
  }
};
thread_local Progress progress;

__attribute__((noinline, cold)) void growBuffer(Recorder &r, std::size_t needed) {
  const std::size_t used = std::size_t(r.cursor - r.buffer);
  progress.recorded(used);
  const std::size_t capacity = std::size_t(r.limit - r.buffer);
  // The replay counts events in 32 bits; a log this long cannot be replayed.
  constexpr std::size_t kMaxWords = std::size_t(1) << 32;
  if (used + needed > kMaxWords - 1)
    fatal(std::string("the measurement of '") + functionName(r) +
          "' recorded more than 2^32 event words (16 GiB); measure a smaller problem size");
  std::size_t grown = capacity < (1u << 16) ? (1u << 16) : capacity * 2;
  if (grown > kMaxWords)
    grown = kMaxWords;
  // Linux overcommits: a realloc that succeeds can still end in the OOM
  // killer. Stop with a reason while the log and the replay's 8 bytes per
  // value would still fit in physical memory, instead of being killed later.
  static const std::size_t physical =
      std::size_t(::sysconf(_SC_PHYS_PAGES)) * std::size_t(::sysconf(_SC_PAGESIZE));
  const std::size_t needs = grown * sizeof(Word) + std::size_t(r.next) * 8;
  void *p =
      physical != 0 && needs > physical ? nullptr : std::realloc(r.buffer, grown * sizeof(Word));
  if (p == nullptr)
    fatal(std::string("out of memory recording the measurement of '") + functionName(r) +
          "' after " + std::to_string(used) + " event words (" +
          std::to_string(used * sizeof(Word) >> 20) + " MiB of log, " +
          std::to_string(physical >> 20) +
          " MiB of memory in all); measure a smaller problem size or free memory");
  r.buffer = static_cast<Word *>(p);
  r.cursor = r.buffer + used;
  r.limit = r.buffer + grown;
}

inline void reserveWords(Recorder &r, std::size_t n) {
  if (BYTEDMD_UNLIKELY(std::size_t(r.limit - r.cursor) < n))
    growBuffer(r, n);
}

__attribute__((noinline, cold)) void tooManyValues(const Recorder &r) {
  fatal(std::string("the measurement of '") + functionName(r) +
        "' allocated more than 2^31 values; measure a smaller problem size");
}

inline Word allocate(Recorder &r) {
  if (BYTEDMD_UNLIKELY(r.next >= word::kMaxLocalKey))
    tooManyValues(r);
  return ++r.next;
}

/// Records an input; `order` (group << 40 | position) places it on the
/// initial stack.
bytedmd_key declareInput(Recorder &r, std::uint64_t order, std::uint32_t sizeLog2) {
  reserveWords(r, 1);
  *r.cursor++ = word::kInput | (sizeLog2 & word::kSizeMask);
  const Word k = allocate(r);
  r.state->inputs.push_back(k);
  r.state->inputOrder.push_back(order);
  return r.tag | k;
}

__attribute__((noinline)) std::uint32_t registerLocation(bytedmd_location *where) {
  Registry &reg = registry();
  std::lock_guard<std::mutex> lock(reg.mutex);
  std::uint32_t id = __atomic_load_n(&where->__id, __ATOMIC_ACQUIRE);
  if (id != 0)
    return id; // another thread got here first
  // Costs are per line: without names in the IR, every instruction of a line
  // shares one id, so alternating instructions of one line (s = s + a * b)
  // write no location words between them.
  const std::string file = where->__file ? where->__file : "";
  if (!reg.settings.irNames) {
    auto it = reg.lineIds.find({file, where->__line});
    if (it != reg.lineIds.end()) {
      __atomic_store_n(&where->__id, it->second, __ATOMIC_RELEASE);
      return it->second;
    }
  }
  reg.locations.push_back(where);
  id = std::uint32_t(reg.locations.size());
  reg.lineIds.emplace(std::make_pair(file, where->__line), id);
  if (id > word::kPayloadMask)
    fatal("more than 2^29 source locations");
  __atomic_store_n(&where->__id, id, __ATOMIC_RELEASE);
  return id;
}

void openIrLocked(Registry &reg) {
  if (reg.ir != nullptr || reg.irFailed)
    return;
  reg.irTemporary = reg.settings.irPath + ".tmp." + std::to_string(::getpid());
  reg.ir = std::fopen(reg.irTemporary.c_str(), "wb");
  if (reg.ir == nullptr) {
    reg.irFailed = true;
    std::fprintf(stderr, "bytedmd: error: cannot create IR file '%s': %s\n",
                 reg.irTemporary.c_str(), std::strerror(errno));
  }
}

std::string describe(const bytedmd_location *where, const char *message) {
  std::string text;
  if (where != nullptr && where->__file != nullptr) {
    text = std::string(where->__file) + ":" + std::to_string(where->__line) + ":" +
           std::to_string(where->__column) + ": ";
  }
  return text + (message ? message : "unmodeled construct");
}

/// Collects a small measurement's events for the report (the HTML page).
struct EventCollector {
  std::vector<MeasurementRecord::Event> events;
  std::vector<std::uint32_t> number; // local key -> store order
  std::uint32_t stored = 0;
  // With names on: inputs by local key, instructions by location id.
  const std::vector<std::string> *inputNames = nullptr;
  const std::vector<const char *> *siteNames = nullptr;
  Word site = 0;
  explicit EventCollector(Word values) : number(std::size_t(values) + 1, 0) {}
  void store(Word key) {
    number[key] = ++stored;
    MeasurementRecord::Event e;
    e.values.push_back(stored);
    e.name = sourceName(inputNames, siteNames, key, site);
    events.push_back(std::move(e));
  }
  void batch() {
    MeasurementRecord::Event e;
    e.read = true;
    events.push_back(std::move(e));
  }
  void read(Word key, std::uint32_t depth) {
    events.back().values.push_back(number[key]);
    events.back().depths.push_back(depth);
  }
  void instruction(unsigned op, const Word *, const std::uint32_t *, unsigned) {
    events.back().op = bytedmd_op_name(bytedmd_op(op));
  }
  void location(Word id) { site = id; }
};

/// What each location's instruction computes, by location id (null: none).
/// The caller holds reg.mutex: other threads add locations.
std::vector<const char *> siteNamesLocked(const Registry &reg) {
  std::vector<const char *> names(reg.locations.size() + 1, nullptr);
  for (std::size_t i = 0; i < reg.locations.size(); ++i)
    names[i + 1] = reg.locations[i]->__name;
  return names;
}

/// Measurements up to this many events keep them in the report.
constexpr std::size_t kEventsInReport = 4000;

void endMeasurement(Recorder &r) {
  MeasurementState &s = *r.state;
  Registry &reg = registry();
  recordingAccesses = false;
  if (s.lazyInputs) {
    // Inputs found through pointers join the initial stack in parameter, then
    // address, order.
    std::vector<std::size_t> order(s.inputs.size());
    for (std::size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return s.inputOrder[a] < s.inputOrder[b];
    });
    std::vector<Word> sorted;
    sorted.reserve(order.size());
    for (std::size_t i : order)
      sorted.push_back(s.inputs[i]);
    s.inputs.swap(sorted);
  }
  EventLogView log;
  log.words = r.buffer;
  log.size = std::size_t(r.cursor - r.buffer);
  log.inputs = s.inputs.data();
  log.inputCount = s.inputs.size();
  log.results = s.results.data();
  log.resultCount = s.results.size();
  log.values = r.next;

  MeasurementRecord record;
  record.sequence = s.sequence;
  record.call = s.call;
  record.function = functionName(r);
  if (s.function != nullptr) {
    record.file = s.function->__where.__file ? s.function->__where.__file : "";
    record.line = s.function->__where.__line;
  }
  for (const MeasurementState::Diagnostic &d : s.diagnostics)
    record.diagnostics.push_back(describe(d.where, d.message));
  if (s.slot >= 0) {
    if (overwritten[s.slot].load())
      record.diagnostics.push_back(
          "bytedmd: another thread wrote to memory holding this measurement's values while it "
          "ran; those values were lost");
    inFlight[s.slot].store(0);
    inFlightCount.fetch_sub(1);
    s.slot = -1;
  }
  record.staleLoads = bytedmd_shadow_stale_loads() - s.staleLoadsAtStart;
  if (record.staleLoads != 0)
    record.diagnostics.push_back(
        "bytedmd: " + std::to_string(record.staleLoads) +
        " loads found a tracked location rewritten by code the tool does not see (a "
        "library call, memset, another thread); those values were read as untracked");
  record.approximate = !record.diagnostics.empty();

  // Settings were read when the measurement began; they never change after.
  const Settings &config = reg.settings;
  ReplayOptions options;
  options.bytesPerElement = config.bytesPerElement;
  options.traceLimit = config.traceLimit;
  if (!config.cacheSizes.empty())
    options.cacheSizes = &config.cacheSizes;
  if (progress.terminal) {
    options.progress = &Progress::replayed;
    options.progressContext = &progress;
  }
  try {
    // Small: keep the events for the report (the HTML page animates them).
    // With the IR on too, a small log is simply replayed twice.
    const bool small = log.size + log.inputCount <= kEventsInReport;
    if (small) {
      EventCollector collector(log.values);
      std::vector<const char *> siteNames;
      if (config.irNames) {
        {
          std::lock_guard<std::mutex> lock(reg.mutex);
          siteNames = siteNamesLocked(reg);
        }
        s.inputNames.resize(std::size_t(log.values) + 1);
        collector.inputNames = &s.inputNames;
        collector.siteNames = &siteNames;
      }
      record.stats = s.replay.run(log, options, collector);
      record.events = std::move(collector.events);
      for (std::size_t i = 0; i < log.resultCount; ++i)
        record.resultValues.push_back(collector.number[log.results[i]]);
    }
    if (!config.irPath.empty()) {
      // The IR file is shared: one measurement's text at a time.
      std::lock_guard<std::mutex> lock(reg.mutex);
      openIrLocked(reg);
      if (reg.ir != nullptr) {
        IrWriter ir(reg.ir, log.values, options.bytesPerElement);
        const std::vector<const char *> siteNames = siteNamesLocked(reg);
        if (config.irNames) {
          s.inputNames.resize(std::size_t(log.values) + 1);
          ir.useNames(&s.inputNames, &siteNames);
        }
        record.stats = s.replay.run(log, options, ir);
        ir.total(record.stats.cost);
        if (!ir.ok())
          reg.irFailed = true;
      } else if (!small) {
        record.stats = s.replay.run(log, options);
      }
    } else if (!small) {
      record.stats = s.replay.run(log, options);
    }
    // Record once, replay once more per variant.
    for (const VariantSpec &spec : config.variants) {
      ReplayOptions variant = options;
      variant.liveness = spec.liveness;
      variant.sqrtCost = spec.sqrtCost;
      variant.nativeBytes = spec.nativeBytes;
      variant.perSite = false;
      variant.progress = nullptr;
      MeasurementRecord::Variant v{spec.name(), spec, {}, 0};
      if (spec.locations) {
        LocationReplayInput in;
        in.accesses = &s.accesses;
        in.inputs = log.inputs;
        in.inputCount = log.inputCount;
        in.results = log.results;
        in.resultCount = log.resultCount;
        v.stats = replayLocations(in, variant, &v.coldReads);
      } else {
        v.stats = s.replay.run(log, variant);
      }
      record.variants.push_back(std::move(v));
    }
  } catch (const std::bad_alloc &) {
    fatal(std::string("out of memory replaying the measurement of '") + record.function + "' (" +
          std::to_string(log.size) + " event words, " + std::to_string(log.values) +
          " values); measure a smaller problem size or free memory");
  } catch (const std::exception &e) {
    fatal(std::string("internal error replaying '") + record.function + "': " + e.what());
  }

  {
    std::lock_guard<std::mutex> lock(reg.mutex);
    // Per source line: sites are (file, line, column); the report sums a line.
    std::map<std::pair<std::string, std::uint32_t>, MeasurementRecord::Line> lines;
    for (std::size_t id = 0; id < record.stats.sites.size(); ++id) {
      const ReplayStats::Site &site = record.stats.sites[id];
      if (site.reads == 0)
        continue;
      const bytedmd_location *where =
          id == 0 || id > reg.locations.size() ? nullptr : reg.locations[id - 1];
      const std::string file = where && where->__file ? where->__file : "";
      const std::uint32_t line = where ? where->__line : 0;
      MeasurementRecord::Line &l = lines[{file, line}];
      l.file = file;
      l.line = line;
      l.reads += site.reads;
      l.cost += site.cost;
    }
    for (auto &entry : lines)
      record.lines.push_back(entry.second);
    record.stats.sites.clear();
    reg.finished.push_back(std::move(record));
  }
  progress.end();
  r.id = 0;
  r.tag = 0;
  r.cursor = r.buffer;
}

extern "C" void writeOutputsAtExit() {
  if (!writeOutputs()) {
    std::fflush(nullptr);
    std::_Exit(kExitOutputError);
  }
}

/// Registers the exit handler as soon as the runtime is linked in, so a
/// program that measures nothing still writes an (empty) report.
struct ExitHook {
  ExitHook() { std::atexit(writeOutputsAtExit); }
} exitHook;

} // namespace

void recordAccess(const void *address, bytedmd_key key, bool write) {
  Recorder &r = tls;
  const Word k = localKey(r, key);
  if (k == 0)
    return; // another measurement's value, or none in flight
  try {
    r.state->accesses.push_back({reinterpret_cast<std::uintptr_t>(address),
                                 k | (write ? kAccessWrite : 0)});
  } catch (const std::bad_alloc &) {
    fatal(std::string("out of memory recording the memory accesses of '") + functionName(r) +
          "' for a stack=locations variant (" + std::to_string(r.state->accesses.size()) +
          " so far, 16 bytes each); measure a smaller problem size or drop that variant");
  }
}

std::vector<MeasurementRecord> finishedMeasurements() {
  Registry &reg = registry();
  std::lock_guard<std::mutex> lock(reg.mutex);
  std::vector<MeasurementRecord> out = reg.finished;
  std::sort(out.begin(), out.end(), [](const MeasurementRecord &a, const MeasurementRecord &b) {
    return a.sequence < b.sequence;
  });
  return out;
}

const Settings &settings() {
  Registry &reg = registry();
  std::lock_guard<std::mutex> lock(reg.mutex);
  loadSettingsLocked(reg);
  return reg.settings;
}

bool writeOutputs() {
  Registry &reg = registry();
  const Settings &config = settings();
  bool ok = true;
  if (tls.id != 0)
    std::fprintf(stderr,
                 "bytedmd: warning: the program exited during the measurement of '%s'; "
                 "that measurement is not in the report\n",
                 functionName(tls));
  {
    std::lock_guard<std::mutex> lock(reg.mutex);
    if (reg.ir != nullptr) {
      const bool closed = std::fclose(reg.ir) == 0;
      reg.ir = nullptr;
      if (!closed || reg.irFailed) {
        std::fprintf(stderr, "bytedmd: error: cannot write IR file '%s'\n",
                     reg.irTemporary.c_str());
        std::remove(reg.irTemporary.c_str());
        ok = false;
      } else if (std::rename(reg.irTemporary.c_str(), config.irPath.c_str()) != 0) {
        std::fprintf(stderr, "bytedmd: error: cannot write IR file '%s': %s\n",
                     config.irPath.c_str(), std::strerror(errno));
        std::remove(reg.irTemporary.c_str());
        ok = false;
      }
    } else if (reg.irFailed) {
      ok = false;
    }
  }
  std::string error;
  if (!writeFileAtomically(config.reportPath, formatReport(finishedMeasurements(), config),
                           &error)) {
    std::fprintf(stderr,
                 "bytedmd: error: cannot write the report: %s; set BYTEDMD_REPORT to a "
                 "writable path\n",
                 error.c_str());
    ok = false;
  }
  return ok;
}

} // namespace bytedmd

using bytedmd::Recorder;
using bytedmd::tls;
using bytedmd::Word;
namespace word = bytedmd::word;

extern "C" {

/// The entry set's version (runtime.h): what instrumented code links against.
const char BYTEDMD_ABI_SYMBOL = BYTEDMD_ABI_VERSION;

int bytedmd_enter(const bytedmd_function *fn) {
  Recorder &r = tls;
  if (r.id != 0)
    return 0;
  bytedmd::Registry &reg = bytedmd::registry();
  if (r.state == nullptr) {
    r.state = new bytedmd::MeasurementState;
    thread_local bytedmd::ThreadCleanup cleanup;
    (void)cleanup;
  }
  bytedmd::MeasurementState &s = *r.state;
  s.function = fn;
  s.inputs.clear();
  s.inputOrder.clear();
  s.group = 0;
  s.position = 0;
  s.lazyInputs = false;
  s.results.clear();
  s.inputNames.clear();
  s.diagnostics.clear();
  s.accesses.clear();
  {
    std::lock_guard<std::mutex> lock(reg.mutex);
    bytedmd::loadSettingsLocked(reg);
    s.sequence = reg.nextId.fetch_add(1);
    s.call = reg.calls[fn && fn->__name ? fn->__name : "<unknown>"]++;
    s.wantsAccesses = false;
    for (const bytedmd::VariantSpec &v : reg.settings.variants)
      s.wantsAccesses = s.wantsAccesses || v.locations;
  }
  bytedmd::recordingAccesses = s.wantsAccesses;
  if (s.sequence >= (std::uint64_t(1) << 32))
    bytedmd::fatal("more than 2^32 measurements in one run");
  s.staleLoadsAtStart = bytedmd_shadow_stale_loads();
  bytedmd::progress.begin(fn && fn->__name ? fn->__name : "<unknown>");
  s.slot = -1;
  for (unsigned i = 0; i < bytedmd::kMaxConcurrent && s.slot < 0; ++i) {
    std::uint64_t free = 0;
    if (bytedmd::inFlight[i].compare_exchange_strong(free, s.sequence)) {
      bytedmd::overwritten[i].store(false);
      s.slot = int(i);
      bytedmd::inFlightCount.fetch_add(1);
    }
  }
  r.id = s.sequence;
  r.tag = s.sequence << 32;
  r.next = 0;
  r.location = 0;
  r.cursor = r.buffer;
  return 1;
}

void bytedmd_leave(int opened) {
  Recorder &r = tls;
  if (!opened || r.id == 0)
    return;
  bytedmd::endMeasurement(r);
}

int bytedmd_measuring(void) { return tls.id != 0; }

void bytedmd_set_variant(const char *variant) {
  bytedmd::Registry &reg = bytedmd::registry();
  std::lock_guard<std::mutex> lock(reg.mutex);
  bytedmd::loadSettingsLocked(reg);
  reg.settings.variant = variant ? variant : "reference";
}

unsigned bytedmd_concurrent_measurements(void) {
  return bytedmd::inFlightCount.load(std::memory_order_relaxed);
}

void bytedmd_foreign_write(bytedmd_key key) {
  const std::uint64_t id = key >> 32;
  for (unsigned i = 0; i < bytedmd::kMaxConcurrent; ++i)
    if (bytedmd::inFlight[i].load(std::memory_order_relaxed) == id) {
      bytedmd::overwritten[i].store(true);
      return;
    }
}

int bytedmd_names_wanted(void) { return bytedmd::settings().irNames; }

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
  return bytedmd::declareInput(r, (std::uint64_t(s.group) << 40) | s.position++, log2_bytes);
}

bytedmd_key bytedmd_input(void) { return bytedmd_input_sized(0); }

void bytedmd_input_group(void) {
  Recorder &r = tls;
  if (r.id == 0)
    return;
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
      r, (std::uint64_t(group) << 40) | (offset & ((std::uint64_t(1) << 40) - 1)), log2_bytes);
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
  if (id == r.location)
    return;
  bytedmd::reserveWords(r, 1);
  *r.cursor++ = word::kLocation | id;
  r.location = id;
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
