// static_memory.cpp - the loaded objects' segments and this thread's stack.
#include "static_memory.h"

#include "recording.h"

#include <algorithm>
#include <link.h>
#include <mutex>
#include <pthread.h>
#include <utility>
#include <vector>

namespace bytedmd {
namespace {

using Range = std::pair<std::uintptr_t, std::uintptr_t>; // [first, second)

struct Segments {
  std::mutex mutex;
  std::vector<Range> ranges; // sorted by start
};
Segments &segments() {
  static Segments *s = new Segments; // outlives every thread's last load
  return *s;
}

int addObject(dl_phdr_info *info, std::size_t, void *out) {
  auto &ranges = *static_cast<std::vector<Range> *>(out);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) &p = info->dlpi_phdr[i];
    if (p.p_type == PT_LOAD && p.p_memsz != 0) {
      const std::uintptr_t start = info->dlpi_addr + p.p_vaddr;
      ranges.emplace_back(start, start + p.p_memsz);
    }
  }
  return 0;
}

bool inStaticSegment(std::uintptr_t a) {
  Segments &s = segments();
  std::lock_guard<std::mutex> lock(s.mutex);
  auto it = std::upper_bound(s.ranges.begin(), s.ranges.end(), Range{a, ~std::uintptr_t(0)});
  return it != s.ranges.begin() && a < std::prev(it)->second;
}

/// This thread's stack, asked once per thread.
struct Stack {
  std::uintptr_t low = 0, high = 0;
  bool known = false;
};
thread_local Stack stack;

bool onThisStack(std::uintptr_t a) {
  Stack &s = stack;
  if (!s.known) {
    s.known = true;
    QuietAllocations quiet; // glibc reads /proc/self/maps for the main thread
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void *base = nullptr;
      std::size_t size = 0;
      if (pthread_attr_getstack(&attr, &base, &size) == 0) {
        s.low = reinterpret_cast<std::uintptr_t>(base);
        s.high = s.low + size;
      }
      pthread_attr_destroy(&attr);
    }
  }
  return a >= s.low && a < s.high;
}

} // namespace

void refreshStaticMemory() {
  QuietAllocations quiet; // the runtime's own blocks, not the program's
  std::vector<Range> ranges;
  dl_iterate_phdr(addObject, &ranges);
  std::sort(ranges.begin(), ranges.end());
  Segments &s = segments();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.ranges.swap(ranges);
}

bool freeWithoutKey(std::uintptr_t address) {
  return inStaticSegment(address) || onThisStack(address);
}

} // namespace bytedmd
