// registry.cpp - what all threads share: settings, source locations, finished measurements.
//
// Touched at the start and end of each measurement and at a location's first
// use, never per event.
#include "recording.h"

#include "recorder.h"

#include <algorithm>
#include <cstdlib>

namespace bytedmd {
namespace {

/// Measurements in flight on any thread, for the cross-thread write check:
/// slot i holds a measurement id (0 = free) and whether another thread wrote
/// over one of its keys.
constexpr unsigned kMaxConcurrent = 64;
std::atomic<std::uint64_t> inFlight[kMaxConcurrent];
std::atomic<bool> overwritten[kMaxConcurrent];
std::atomic<unsigned> inFlightCount{0};

} // namespace

Registry &registry() {
  static Registry *r = new Registry; // never destroyed: used by the exit handler
  return *r;
}

[[noreturn]] void fatal(const std::string &message) {
  std::fflush(stdout);
  std::fprintf(stderr, "bytedmd: error: %s\n", message.c_str());
  std::_Exit(kExitRuntimeError);
}

void loadSettingsLocked(Registry &reg) {
  if (reg.settingsRead)
    return;
  std::string error;
  if (!settingsFromEnvironment(&reg.settings, &error))
    fatal(error);
  reg.settingsRead = true;
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
  if (id > word::kMaxScopeId)
    fatal("more than 2^28 source locations");
  __atomic_store_n(&where->__id, id, __ATOMIC_RELEASE);
  return id;
}

Word registerScope(bool region, const char *name) {
  Registry &reg = registry();
  std::lock_guard<std::mutex> lock(reg.mutex);
  const std::string text = name != nullptr ? name : "<unnamed>";
  auto [it, added] = reg.scopeIds.try_emplace({region, text}, Word(reg.scopes.size() + 1));
  if (added) {
    if (it->second > word::kMaxScopeId)
      fatal("more than 2^28 functions and regions");
    reg.scopes.push_back({region, text});
  }
  return it->second;
}

int claimInFlightSlot(std::uint64_t id) {
  for (unsigned i = 0; i < kMaxConcurrent; ++i) {
    std::uint64_t free = 0;
    if (inFlight[i].compare_exchange_strong(free, id)) {
      overwritten[i].store(false);
      inFlightCount.fetch_add(1);
      return int(i);
    }
  }
  return -1;
}

bool releaseInFlightSlot(int slot) {
  const bool wasOverwritten = overwritten[slot].load();
  inFlight[slot].store(0);
  inFlightCount.fetch_sub(1);
  return wasOverwritten;
}

void inFlightLostValues(std::uint64_t id, std::uint64_t belowEpoch) {
  for (unsigned i = 0; i < kMaxConcurrent; ++i) {
    const std::uint64_t other = inFlight[i].load();
    if (other != 0 && other != id && shadowEpoch(other) < belowEpoch)
      overwritten[i].store(true);
  }
}

void inFlightLost(std::uint64_t id) {
  for (unsigned i = 0; i < kMaxConcurrent; ++i)
    if (inFlight[i].load() == id)
      overwritten[i].store(true);
}

void inFlightOwnerClash(std::uint64_t id) {
  int self = -1;
  bool clash = false;
  for (unsigned i = 0; i < kMaxConcurrent; ++i) {
    const std::uint64_t other = inFlight[i].load();
    if (other == id) {
      self = int(i);
    } else if (other != 0 && shadowOwner(other) == shadowOwner(id)) {
      overwritten[i].store(true);
      clash = true;
    }
  }
  if (clash && self >= 0)
    overwritten[self].store(true);
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

} // namespace bytedmd

extern "C" {

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

} // extern "C"
