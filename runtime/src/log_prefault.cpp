// log_prefault.cpp - the event log's pages faulted in ahead of the recorder.
#include "log_prefault.h"

#include <algorithm>
#include <cstdint>
#include <sys/mman.h>
#include <unistd.h>

namespace bytedmd {

void populate(Word *begin, Word *end) { populateBytes(begin, end); }

void populateBytes(void *begin, void *end) {
  static const std::uintptr_t page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
  // Whole pages inside the range: a partly written page is the recorder's.
  const std::uintptr_t first = (reinterpret_cast<std::uintptr_t>(begin) + page - 1) & ~(page - 1);
  const std::uintptr_t last = reinterpret_cast<std::uintptr_t>(end) & ~(page - 1);
  if (first >= last)
    return;
#ifdef MADV_POPULATE_WRITE
  if (::madvise(reinterpret_cast<void *>(first), last - first, MADV_POPULATE_WRITE) == 0)
    return;
#endif
  for (std::uintptr_t p = first; p < last; p += page) {
    volatile char *c = reinterpret_cast<volatile char *>(p);
    *c = *c;
  }
}

Word *LogPrefault::advance(Word *buffer, Word *cursor, Word *end, std::size_t needed,
                           ForwardLiveness *liveness) {
  if (std::size_t(end - buffer) < 2 * window_)
    return end;
  if (helper_.joinable()) // the window the recorder is about to write
    helper_.join();
  if (std::size_t(end - cursor) <= std::max(needed, window_))
    return end;
  Word *limit = cursor + std::max(needed, window_);
  Word *ahead = limit + std::min(window_, std::size_t(end - limit));
  // The helper touches only words past the limit: the recorder writes none
  // of them before it calls advance (or wait) again.
  helper_ = std::thread(populate, limit, ahead);
  if (liveness != nullptr)
    follow(*liveness, buffer, std::size_t(cursor - buffer));
  return limit;
}

void LogPrefault::follow(ForwardLiveness &liveness, const Word *buffer, std::size_t recorded) {
  if (follower_.joinable()) {
    if (!followed_.load(std::memory_order_acquire))
      return; // still walking: the next window's walk takes these words in
    follower_.join();
  }
  // It reads only words before the cursor, which the recorder has written
  // and does not write again; the buffer stays put until wait().
  followed_.store(false, std::memory_order_relaxed);
  follower_ = std::thread([this, &liveness, buffer, recorded] {
    liveness.feed(buffer, recorded);
    followed_.store(true, std::memory_order_release);
  });
}

void LogPrefault::wait() {
  if (helper_.joinable())
    helper_.join();
  if (follower_.joinable())
    follower_.join();
}

} // namespace bytedmd
