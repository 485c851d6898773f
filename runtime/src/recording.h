// recording.h - what the recorder's four files share: the per-thread recorder, a
// measurement's state, and the registry (entries.cpp, measurement.cpp,
// registry.cpp, outputs.cpp). Others use recorder.h.
#ifndef BYTEDMD_RECORDING_H
#define BYTEDMD_RECORDING_H

#include "bytedmd/runtime.h"
#include "breakdown.h"
#include "event_log.h"
#include "forward_liveness.h"
#include "location_replay.h"
#include "replay.h"
#include "report.h"

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#define BYTEDMD_LIKELY(x) __builtin_expect(!!(x), 1)
#define BYTEDMD_UNLIKELY(x) __builtin_expect(!!(x), 0)

namespace bytedmd {

/// Exit status when the runtime cannot go on (out of memory, bad settings)
/// or cannot write its outputs: EX_SOFTWARE and EX_IOERR from sysexits.h.
constexpr int kExitRuntimeError = 70;
constexpr int kExitOutputError = 74;

/// What a measurement keeps besides its event words: rare events, kept in
/// ordinary containers off the hot path.
/// An input's place on the initial stack: its group (parameter) above, its
/// position or address (under 2^48: user-space addresses fit) below.
constexpr unsigned kOrderShift = 48;

struct MeasurementState {
  const bytedmd_function *function = nullptr;
  std::uint64_t sequence = 0;
  std::uint32_t call = 0;
  std::uint64_t staleLoadsAtStart = 0;
  std::uint64_t unattributedLoadsAtStart = 0;
  std::uint64_t undeclaredLoadsAtStart = 0;
  /// The location id of the first unattributed load (0: none yet), and
  /// whether it is still to be taken from the next instruction's location.
  Word unattributedSite = 0;
  bool unattributedSeen = false;
  int slot = -1; // in the registry's in-flight table, or -1
  std::vector<Word> inputs;
  std::vector<std::uint32_t> inputGroups; // each input's parameter, after sortLazyInputs
  std::vector<std::uint32_t> inputParameters; // each input's parameter, always (attribution)
  const char *parameterNames = nullptr; // "c,b,a": group g is the g-th name
  bool hasSize = false;                 // bytedmd::size(n) was called
  std::uint64_t size = 0;
  std::vector<std::uint64_t> inputOrder; // (group << kOrderShift) | position, parallel to inputs
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
  /// The liveness pass, run beside the recording on the idle core (fed a
  /// window at a time by the log's prefault) when the default replay will
  /// take it: two replay threads, no IR text.
  ForwardLiveness liveness;
  bool followLiveness = false;
  struct StreamState *stream = nullptr; // BYTEDMD_STREAM=1 (streaming.cpp)
  bool wantsAccesses = false;   // a stack=locations variant is asked for
  std::vector<Access> accesses; // then: the memory accesses, in program order
};

/// The per-thread recorder. Plain data with constant initialisation, so a
/// thread_local access is one TLS-relative load, with no guard call. It is
/// defined in entries.cpp, beside the hot entries, which read it directly;
/// the other files reach it through threadRecorder() (an extern
/// thread_local would go through a TLS wrapper call).
struct Recorder {
  Word *cursor;      // next free word of the event buffer
  Word *limit;       // end of the buffer
  Word *buffer;      // start of the buffer (malloc'd, kept between measurements)
  std::uint64_t id;  // the measurement in flight; 0 when none
  std::uint64_t tag; // id << 32: the high half of this measurement's keys
  Word next;         // the last local key allocated
  MeasurementState *state;
  bool siteWanted;   // an unattributed load waits for its instruction's location
  bool hasPendingSize; // bytedmd::size(n) before the measurement
  std::uint64_t pendingSize;
  Word maxKey;         // the last local key this measurement may allocate
  bool scopes;         // SCOPE words wanted: only attribution reads them
};

/// This thread's recorder (entries.cpp).
Recorder &threadRecorder();
/// Stops faulting the log in ahead (log_prefault.h) and gives the recorder
/// its whole buffer again: when a measurement begins and ends.
void settleLog(Recorder &r);

/// Keys of the measurement in flight carry its id in their high half; any
/// other key (0, stale, another thread's) is untracked here.
inline Word localKey(const Recorder &r, bytedmd_key key) {
  return (key >> 32) == r.id ? Word(key) : 0;
}

/// The measured function's name, for messages.
const char *functionName(const Recorder &r);

/// Appends a memory access for the stack=locations variants (entries.cpp).
void recordAccess(const void *address, bytedmd_key key, bool write);

// ---- shadow.cpp ---------------------------------------------------------------

/// The measurement in flight on this thread (its tag, id << 32; 0: none):
/// what the shadow marks memory the measurement writes or creates with.
/// Every 65,535 measurements it clears the shadow (see shadowOwner).
void shadowMeasuring(std::uint64_t tag);
/// How many measurement ids share the shadow's 16-bit owner field at once:
/// ids 1..65,535 are epoch 0, the next 65,535 epoch 1, and so on.
constexpr std::uint64_t kOwnersPerEpoch = 65535;
/// The shadow's 16-bit name for measurement `id` (0 for none, else 1..65,535).
/// Within an epoch an owner names one id; the shadow forgets every key when a
/// new epoch's first measurement begins.
inline std::uint16_t shadowOwner(std::uint64_t id) {
  return id == 0 ? 0 : std::uint16_t((id - 1) % kOwnersPerEpoch + 1);
}
/// The epoch of measurement `id` (not 0).
inline std::uint64_t shadowEpoch(std::uint64_t id) { return (id - 1) / kOwnersPerEpoch; }
/// This thread's unattributed loads so far (semantics.md, "No silent path"):
/// of memory the measurement created, and of memory that existed before it
/// outside static data (static_memory.h), whose diagnostics differ.
std::uint64_t shadowUnattributedLoads();
std::uint64_t shadowUndeclaredLoads();
/// A load found memory the measurement created that no rewritten code wrote
/// (entries.cpp: counts it and keeps the first site).
void noteUnattributedLoad();
/// While one lives, this thread's allocations are the runtime's own, not
/// memory the measured program creates.
class QuietAllocations {
public:
  QuietAllocations();
  ~QuietAllocations();
  QuietAllocations(const QuietAllocations &) = delete;
  QuietAllocations &operator=(const QuietAllocations &) = delete;

private:
  bool was_;
};

// ---- measurement.cpp ---------------------------------------------------------

/// Starts a measurement of fn on this thread (none is in flight).
void beginMeasurement(Recorder &r, const bytedmd_function *fn);
/// Ends it: replays the log, keeps the record, and frees the recorder for
/// the next measurement.
void endMeasurement(Recorder &r);
/// The log holds this many words (for the progress line).
void recordedWords(std::size_t words);

/// The default replay's options from the settings (measurement.cpp); the
/// online replay uses those it knows (not the progress callback).
ReplayOptions replayOptions(const Settings &config);

// ---- streaming.cpp -----------------------------------------------------------

/// BYTEDMD_STREAM=1, at the start of a measurement: forks the first
/// execution (which returns here as the child and counts reads), waits for
/// it, and returns as the second, which replays as it records.
void streamBegin(Recorder &r);
/// The log buffer is full: a streaming measurement consumes and empties it
/// (true); otherwise the log grows (false).
bool streamDrain(Recorder &r);
/// At a streaming measurement's end: the first execution hands over and
/// exits; the second checks it repeated the first and fills record.stats.
/// False when the measurement is not streaming.
bool streamEnd(Recorder &r, MeasurementRecord &record);
/// True in a streaming first execution (it writes no report).
extern bool streamingChild;

// ---- registry.cpp ------------------------------------------------------------


/// Shared across threads, touched only at the start and end of a measurement
/// (and once per source location).
struct Registry {
  std::mutex mutex;
  std::atomic<std::uint64_t> nextId{1};
  bool settingsRead = false;
  Settings settings;
  std::map<std::string, std::uint32_t> calls; // function -> calls started
  std::vector<MeasurementRecord> finished;
  std::vector<const bytedmd_location *> locations;                        // id - 1 -> site
  std::map<std::pair<std::string, std::uint32_t>, std::uint32_t> lineIds; // (file, line) -> id
  std::vector<ScopeName> scopes;                                          // id - 1 -> scope
  std::map<std::pair<bool, std::string>, Word> scopeIds;
  std::FILE *ir = nullptr;
  std::string irTemporary;
  bool irFailed = false;
};

Registry &registry();

/// Prints "bytedmd: error: message" and exits with kExitRuntimeError.
[[noreturn]] void fatal(const std::string &message);

/// Reads the settings from the environment, once (the caller holds the
/// registry's mutex); a bad value is fatal.
void loadSettingsLocked(Registry &reg);

/// Gives `where` its id (one per source line unless names are wanted).
std::uint32_t registerLocation(bytedmd_location *where);

/// The id of the function or region called `name` (one per name and kind,
/// shared by all threads; 1 ..).
Word registerScope(bool region, const char *name);

/// A slot in the table of measurements in flight on all threads (for the
/// cross-thread write check), or -1 when all are taken.
int claimInFlightSlot(std::uint64_t id);
/// Frees the slot; true when another thread wrote over one of its keys.
bool releaseInFlightSlot(int slot);
/// The shadow forgot every key: each measurement in flight other than `id`
/// whose epoch is below `belowEpoch` (every one: ~0) lost its values.
void inFlightLostValues(std::uint64_t id, std::uint64_t belowEpoch);
/// Measurement `id`, in flight, lost its values.
void inFlightLost(std::uint64_t id);
/// Measurement `id` begins while one 65,535 starts older, with the same
/// shadow owner, is still in flight: their keys cannot be told apart, so
/// both are marked as having lost values.
void inFlightOwnerClash(std::uint64_t id);

// ---- outputs.cpp -------------------------------------------------------------

/// Opens the IR file, once (the caller holds the registry's mutex).
void openIrLocked(Registry &reg);

} // namespace bytedmd

#endif // BYTEDMD_RECORDING_H
