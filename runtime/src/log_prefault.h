// log_prefault.h - the event log's pages faulted in ahead of the recorder.
//
// A long measurement writes its log into fresh memory, and each new page
// costs the recording thread a page fault and a zeroed page (a tenth of
// matmul N=256's recording). While it records, the second core is idle: a
// helper thread faults the next window of the buffer in (MADV_POPULATE_WRITE)
// before the recorder gets there. The recorder sees a limit one window past
// its cursor, so it calls back here once per window, never per event, and at
// most one window beyond the cursor is made resident.
//
// When a liveness pass is given (forward_liveness.h), a second helper walks
// the complete events behind the cursor with it, so the replay after the
// recording need not walk the log first. The recorder never waits for that
// one at a window: when it is still busy, its next walk starts at a later
// window and takes in more. Only wait() (before the buffer moves, and at
// the end) waits for it.
#ifndef BYTEDMD_RUNTIME_LOG_PREFAULT_H
#define BYTEDMD_RUNTIME_LOG_PREFAULT_H

#include "event_log.h"
#include "forward_liveness.h"

#include <atomic>
#include <cstddef>
#include <thread>

namespace bytedmd {

class LogPrefault {
public:
  /// Words per window: 16 MiB. A buffer smaller than two windows is not
  /// worth a thread.
  static constexpr std::size_t kWindowWords = std::size_t(1) << 22;

  explicit LogPrefault(std::size_t window = kWindowWords) : window_(window) {}

  /// The limit the recorder should see with its buffer [buffer, end) and
  /// its cursor at `cursor`, needing `needed` words: a window past the
  /// cursor (at least `needed`), while the following window is faulted in
  /// on the helper. `end` for a small buffer, or when the rest fits.
  /// With `liveness`, the words before the cursor (complete events) are fed
  /// to it on a second helper, unless it is still busy; it must outlive the
  /// next wait().
  Word *advance(Word *buffer, Word *cursor, Word *end, std::size_t needed,
                ForwardLiveness *liveness = nullptr);
  /// Waits for the helpers: before the buffer moves or is handed on.
  void wait();

  ~LogPrefault() { wait(); }

private:
  void follow(ForwardLiveness &liveness, const Word *buffer, std::size_t recorded);

  std::size_t window_;
  std::thread helper_;
  std::thread follower_;
  std::atomic<bool> followed_{true}; // the follower has finished its walk
};

/// Makes the whole pages of [begin, end) resident and writable (Linux
/// MADV_POPULATE_WRITE; where the kernel lacks it, each page's first byte is
/// written with its own value). The contents are unchanged.
void populate(Word *begin, Word *end);
/// The same for any bytes [begin, end).
void populateBytes(void *begin, void *end);

} // namespace bytedmd

#endif // BYTEDMD_RUNTIME_LOG_PREFAULT_H
