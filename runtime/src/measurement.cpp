// measurement.cpp - a measurement's start and end: the replays of its log, and its record.
#include "recording.h"
#include "static_memory.h"

#include "ir.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <unistd.h>

namespace bytedmd {
namespace {

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

/// Frees a thread's buffers when it exits (registered at its first
/// measurement, so threads that measure nothing pay nothing).
struct ThreadCleanup {
  Recorder *recorder;
  ~ThreadCleanup() {
    std::free(recorder->buffer);
    delete recorder->state;
    recorder->buffer = recorder->cursor = recorder->limit = nullptr;
    recorder->state = nullptr;
  }
};

/// Measurements up to this many events keep them in the report.
constexpr std::size_t kEventsInReport = 4000;

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
  void argument(Word, std::uint32_t) {} // (events are the default replay's)
};

/// What each location's instruction computes, by location id (null: none).
/// The caller holds reg.mutex: other threads add locations.
std::vector<const char *> siteNamesLocked(const Registry &reg) {
  std::vector<const char *> names(reg.locations.size() + 1, nullptr);
  for (std::size_t i = 0; i < reg.locations.size(); ++i)
    names[i + 1] = reg.locations[i]->__name;
  return names;
}

/// Inputs found through pointers join the initial stack in parameter, then
/// address, order.
void sortLazyInputs(MeasurementState &s) {
  std::vector<std::size_t> order(s.inputs.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return s.inputOrder[a] < s.inputOrder[b];
  });
  std::vector<Word> sorted;
  sorted.reserve(order.size());
  s.inputGroups.clear();
  for (std::size_t i : order) {
    sorted.push_back(s.inputs[i]);
    s.inputGroups.push_back(std::uint32_t(s.inputOrder[i] >> kOrderShift));
  }
  s.inputs.swap(sorted);
}

EventLogView logOf(const Recorder &r) {
  const MeasurementState &s = *r.state;
  EventLogView log;
  log.words = r.buffer;
  log.size = std::size_t(r.cursor - r.buffer);
  log.inputs = s.inputs.data();
  log.inputCount = s.inputs.size();
  log.inputGroups = s.inputGroups.size() == s.inputs.size() ? s.inputGroups.data() : nullptr;
  log.inputParameters = s.inputParameters.data();
  log.results = s.results.data();
  log.resultCount = s.results.size();
  log.values = r.next;
  return log;
}

/// What the report says of loads that broke the No-silent-path rule: of
/// memory the measurement created (`created`), and of memory that existed
/// before it outside static data (`before`).
std::string unattributedDiagnostic(std::uint64_t created, std::uint64_t before, Word site) {
  const bytedmd_location *where = nullptr;
  if (site != 0) {
    Registry &reg = registry();
    std::lock_guard<std::mutex> lock(reg.mutex);
    if (site <= reg.locations.size())
      where = reg.locations[site - 1];
  }
  std::string text = "bytedmd: " + std::to_string(created + before) + " loads read memory";
  if (created != 0)
    text += std::string(before != 0 ? " (" + std::to_string(created) + ")" : "") +
            " that the measurement created but only code the tool does not see wrote (a "
            "library routine, an uninstrumented function)";
  if (created != 0 && before != 0)
    text += ", or";
  if (before != 0)
    text += std::string(created != 0 ? " (" + std::to_string(before) + ")" : "") +
            " that existed before the measurement, outside static data, and that no input "
            "declares: data reached through a pointer the tool does not follow (a pointer "
            "field or a pointer to pointers of a parameter, a pointer parameter copied into a "
            "local), or a global's heap block";
  if (where != nullptr && where->__file != nullptr)
    text += "; the first at " + std::string(where->__file) + ":" + std::to_string(where->__line);
  return text + "; those values were taken as untracked";
}

/// The record's identity and diagnostics; frees the in-flight slot.
MeasurementRecord startRecord(const Recorder &r) {
  MeasurementState &s = *r.state;
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
  if (s.slot >= 0 && releaseInFlightSlot(s.slot))
    record.diagnostics.push_back(
        "bytedmd: another thread wrote to memory holding this measurement's values while it "
        "ran; those values were lost");
  if (s.slot < 0) // not in the table: nothing could have told it
    record.diagnostics.push_back(
        "bytedmd: more than 64 measurements were in flight at once; this one's values were not "
        "guarded against other threads' writes and the shadow's clears: measure fewer threads "
        "at once");
  s.slot = -1;
  record.staleLoads = bytedmd_shadow_stale_loads() - s.staleLoadsAtStart;
  if (record.staleLoads != 0)
    record.diagnostics.push_back(
        "bytedmd: " + std::to_string(record.staleLoads) +
        " loads found a tracked location rewritten by code the tool does not see (a "
        "library call, memset, another thread); those values were read as untracked");
  const std::uint64_t created = shadowUnattributedLoads() - s.unattributedLoadsAtStart;
  const std::uint64_t before = shadowUndeclaredLoads() - s.undeclaredLoadsAtStart;
  record.unattributedLoads = created + before;
  if (record.unattributedLoads != 0)
    record.diagnostics.push_back(unattributedDiagnostic(created, before, s.unattributedSite));
  record.approximate = !record.diagnostics.empty();
  return record;
}

} // namespace

ReplayOptions replayOptions(const Settings &config) {
  ReplayOptions options;
  options.attribution = config.attribution; // variants turn it off
  options.bytesPerElement = config.bytesPerElement;
  options.traceLimit = config.traceLimit;
  if (config.replayThreads == 1)
    options.splitWords = 0;
  if (!config.cacheSizes.empty())
    options.cacheSizes = &config.cacheSizes;
  if (progress.terminal) {
    options.progress = &Progress::replayed;
    options.progressContext = &progress;
  }
  return options;
}

namespace {

/// The default model's replay: with the events kept for a small measurement,
/// with the IR text when it is asked for (a small log is then replayed
/// twice), else plain.
void replayDefault(MeasurementState &s, const EventLogView &log, const ReplayOptions &options,
                   MeasurementRecord &record) {
  Registry &reg = registry();
  const Settings &config = reg.settings;
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
      // The two-stack variant's own IR follows, since its reads are priced
      // elsewhere (@argD); the report's variant numbers come from replayVariants.
      for (const VariantSpec &spec : reg.settings.variants) {
        if (!spec.twoStack)
          continue;
        std::fputs("# variant two-stack\n", reg.ir);
        IrWriter variant(reg.ir, log.values, options.bytesPerElement);
        if (config.irNames)
          variant.useNames(&s.inputNames, &siteNames);
        ReplayOptions twoStack = options;
        twoStack.twoStack = true;
        twoStack.perSite = false;
        twoStack.attribution = false;
        twoStack.progress = nullptr;
        variant.total(s.replay.run(log, twoStack, variant).cost);
        if (!variant.ok())
          reg.irFailed = true;
      }
      return;
    }
  }
  if (small)
    return;
  // Only when the pass walked some of the log beside the recording: walking
  // all of it here, before the replay starts, would be slower than the
  // replay's own pass, which runs beside the second half's scan.
  if (s.followLiveness && s.liveness.done() != 0) {
    s.liveness.feed(log.words, log.size); // the events since the last window
    record.stats = s.replay.run(log, options, s.liveness);
  } else {
    record.stats = s.replay.run(log, options);
  }
}

/// Record once, replay once more per variant.
void replayVariants(MeasurementState &s, const EventLogView &log, const ReplayOptions &options,
                    MeasurementRecord &record) {
  for (const VariantSpec &spec : registry().settings.variants) {
    ReplayOptions variant = options;
    variant.liveness = spec.liveness;
    variant.sqrtCost = spec.sqrtCost;
    variant.nativeBytes = spec.nativeBytes;
    variant.twoStack = spec.twoStack;
    variant.perSite = false;
    variant.attribution = false;
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
}

/// Sums the reads per source location into lines, and keeps the record.
void keepRecord(MeasurementRecord record, const char *parameterNames) {
  Registry &reg = registry();
  std::lock_guard<std::mutex> lock(reg.mutex);
  // Sites are (file, line, column) or lines; the report sums a line.
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
  record.breakdown = breakdownOf(record.stats, {record.function, &reg.scopes, parameterNames});
  record.stats.attribution = Attribution{}; // named now; the record keeps only that
  reg.finished.push_back(std::move(record));
}

/// Clears what the last measurement on this thread left in its state.
void resetState(MeasurementState &s, const bytedmd_function *fn) {
  s.function = fn;
  s.inputs.clear();
  s.inputOrder.clear();
  s.inputGroups.clear();
  s.group = 0;
  s.position = 0;
  s.lazyInputs = false;
  s.results.clear();
  s.inputNames.clear();
  s.diagnostics.clear();
  s.accesses.clear();
  s.unattributedSite = 0;
  s.unattributedSeen = false;
  s.parameterNames = nullptr;
  s.hasSize = false;
  s.size = 0;
}

} // namespace

const char *functionName(const Recorder &r) {
  return r.state && r.state->function && r.state->function->__name ? r.state->function->__name
                                                                   : "<unknown>";
}

void recordedWords(std::size_t words) { progress.recorded(words); }

void beginMeasurement(Recorder &r, const bytedmd_function *fn) {
  Registry &reg = registry();
  if (r.state == nullptr) {
    r.state = new MeasurementState;
    thread_local ThreadCleanup cleanup{&r};
    (void)cleanup;
  }
  MeasurementState &s = *r.state;
  resetState(s, fn);
  const char *name = fn && fn->__name ? fn->__name : "<unknown>";
  {
    std::lock_guard<std::mutex> lock(reg.mutex);
    loadSettingsLocked(reg);
    s.sequence = reg.nextId.fetch_add(1);
    s.call = reg.calls[name]++;
    s.wantsAccesses = false;
    for (const VariantSpec &v : reg.settings.variants)
      s.wantsAccesses = s.wantsAccesses || v.locations;
    s.followLiveness = reg.settings.replayThreads > 1 && !reg.settings.stream &&
                       reg.settings.irPath.empty();
  }
  s.liveness.reset();
  bytedmd_recording_accesses = s.wantsAccesses;
  if (s.sequence >= (std::uint64_t(1) << 32))
    fatal("more than 2^32 measurements in one run");
  s.staleLoadsAtStart = bytedmd_shadow_stale_loads();
  s.unattributedLoadsAtStart = shadowUnattributedLoads();
  s.undeclaredLoadsAtStart = shadowUndeclaredLoads();
  refreshStaticMemory();
  progress.begin(name);
  s.slot = claimInFlightSlot(s.sequence);
  r.id = s.sequence;
  r.tag = s.sequence << 32;
  r.next = 0;
  r.maxKey = reg.settings.stream ? word::kMaxStreamedKey : word::kMaxLocalKey;
  r.scopes = reg.settings.attribution;
  bytedmd_location_now = 0;
  r.siteWanted = false;
  settleLog(r);
  r.cursor = r.buffer;
  s.hasSize = r.hasPendingSize;
  s.size = r.pendingSize;
  r.hasPendingSize = false;
  shadowMeasuring(r.tag);
  if (reg.settings.stream)
    streamBegin(r);
}

namespace {
/// The replays of a measurement's whole log: the default, then each variant.
void replayLog(Recorder &r, MeasurementRecord &record) {
  MeasurementState &s = *r.state;
  const EventLogView log = logOf(r);
  // Settings were read when the measurement began; they never change after.
  const ReplayOptions options = replayOptions(registry().settings);
  try {
    replayDefault(s, log, options, record);
    replayVariants(s, log, options, record);
  } catch (const std::bad_alloc &) {
    fatal(std::string("out of memory replaying the measurement of '") + record.function + "' (" +
          std::to_string(log.size) + " event words, " + std::to_string(log.values) +
          " values); measure it with --stream (BYTEDMD_STREAM=1), a smaller problem size, "
          "or free memory");
  } catch (const std::exception &e) {
    fatal(std::string("internal error replaying '") + record.function + "': " + e.what());
  }
}
} // namespace

void endMeasurement(Recorder &r) {
  MeasurementState &s = *r.state;
  bytedmd_recording_accesses = false;
  shadowMeasuring(0);
  settleLog(r);
  r.siteWanted = false;
  if (s.lazyInputs)
    sortLazyInputs(s);
  s.inputParameters.clear();
  if (s.lazyInputs) {
    s.inputParameters = s.inputGroups;
  } else {
    for (std::uint64_t order : s.inputOrder)
      s.inputParameters.push_back(std::uint32_t(order >> kOrderShift));
  }
  MeasurementRecord record = startRecord(r);
  // A streaming measurement was replayed as it ran; the others replay their log.
  if (!streamEnd(r, record))
    replayLog(r, record);
  record.hasSize = s.hasSize;
  record.size = s.size;
  keepRecord(std::move(record), s.parameterNames);
  progress.end();
  r.id = 0;
  r.tag = 0;
  r.cursor = r.buffer;
}

} // namespace bytedmd
