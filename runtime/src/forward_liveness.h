// forward_liveness.h - the liveness pass run forwards, beside the recorder.
//
// The replay's own liveness pass walks the log backwards, so it can start
// only when the recording has ended: a fifth of matmul N=256's time after
// it. Walked forwards, liveness needs no future: reading a value makes its
// previous read not its last. So the recorder feeds this pass its complete
// events a window at a time, on the core it leaves idle (log_prefault.h),
// and when the recording ends only the last window is left; the replay then
// takes the bits (Replay::run with `known`) instead of walking the log.
//
// Per value it keeps the log word of the value's latest read (4 bytes: the
// storage becomes the replay's stamps), and per log word a bit, set by a
// read and cleared when its value is read again. It also grows a second
// array of zeroed stamps per value, for a split replay's second half, and
// faults its pages in here, on the idle core, rather than in the replay
// (a quarter of a second for matmul N=256's 33 million values, here). A value read twice in one batch keeps its first
// word, as the backward pass does: that is the one the replay moves or drops.
#ifndef BYTEDMD_FORWARD_LIVENESS_H
#define BYTEDMD_FORWARD_LIVENESS_H

#include "event_log.h"
#include "lru_stack.h"
#include "zeroed_array.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bytedmd {

class ForwardLiveness {
public:
  /// Forgets the last log: the next feed starts at word 0.
  void reset();
  /// Walks words [done(), to) of the log that starts at `words`: complete
  /// events. A malformed log, or no memory, stops the pass for good
  /// (failed()); the replay's own pass then says what is wrong.
  void feed(const Word *words, std::size_t to);

  /// Words walked so far.
  std::size_t done() const { return done_; }
  bool failed() const { return failed_; }
  /// Keys allocated so far.
  Word values() const { return next_; }
  /// STOREs and READ batches so far (the prologue's inputs aside).
  std::uint64_t events() const { return events_; }
  /// Whether the log names a source location.
  bool locations() const { return locations_; }
  /// The keys INPUT markers allocated, in log order.
  const std::vector<Word> &inputMarkers() const { return inputMarkers_; }

  /// Per key: the word of its last read, 0 when it is never read. Taken by
  /// the replay, which zeroes it into its stamps; the pass is empty after.
  ZeroedArray<Stamp> takeLastRead();
  /// Per log word: whether it is its value's last read. Taken like lastRead.
  std::vector<std::uint64_t> takeFinals();
  /// A zeroed stamp per key, for a second stack.
  ZeroedArray<Stamp> takeSpare();

private:
  void walk(const Word *words, std::size_t to);
  void allocate(Word n);

  ZeroedArray<Stamp> lastRead_;      // key -> word of its latest read (0: none)
  ZeroedArray<Stamp> spare_;         // key -> 0
  std::vector<std::uint64_t> finals_; // word -> a read not followed by another
  std::vector<Word> inputMarkers_;
  std::size_t done_ = 0;
  std::size_t spareResident_ = 0; // spare_'s records faulted in
  Word next_ = 0;
  std::uint64_t events_ = 0;
  bool locations_ = false;
  bool failed_ = false;
};

} // namespace bytedmd

#endif // BYTEDMD_FORWARD_LIVENESS_H
