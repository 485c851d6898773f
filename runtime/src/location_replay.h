// location_replay.h - the stack=locations variant: an LRU stack of memory
// locations, as in Ding and Smith's DMD analysis, instead of values.
//
// Its input is the measurement's memory accesses in program order: every
// load of a tracked value from memory (a read) and every store of one (a
// write). Temporaries that never reach memory are not on this stack. A read
// costs its location's depth, like a value read; a write moves the location
// to the top for free. Inputs' locations are placed first, in the inputs'
// order. With liveness, a location leaves once the value it holds will not
// be read again (after its last read, or at once when a value written there
// is never read), unless it holds a result at the end; without, it stays.
// Each access is its own event: an instruction's loads happen one by one.
#ifndef BYTEDMD_LOCATION_REPLAY_H
#define BYTEDMD_LOCATION_REPLAY_H

#include "event_log.h"
#include "replay.h"

#include <cstdint>
#include <vector>

namespace bytedmd {

/// One memory access: the address, and the local key of the value loaded or
/// stored, with kAccessWrite set for a store.
struct Access {
  std::uintptr_t address;
  Word key;
};
constexpr Word kAccessWrite = 1u << 31;

struct LocationReplayInput {
  const std::vector<Access> *accesses = nullptr;
  const Word *inputs = nullptr; ///< input keys, deepest first (as EventLogView)
  std::size_t inputCount = 0;
  const Word *results = nullptr;
  std::size_t resultCount = 0;
};

/// Replays the accesses on a stack of locations. Uses bytesPerElement,
/// liveness, sqrtCost, cacheSizes and traceLimit from options (not
/// nativeBytes). stats.inputs counts the input locations placed; reads of a
/// location that was never placed or written (none in rewritten code) are
/// priced one below the bottom of the stack and counted in *coldReads.
ReplayStats replayLocations(const LocationReplayInput &in, const ReplayOptions &options,
                            std::uint64_t *coldReads);

} // namespace bytedmd

#endif // BYTEDMD_LOCATION_REPLAY_H
