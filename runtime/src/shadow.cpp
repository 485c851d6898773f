// shadow.cpp - location -> key, as a page table over the address space.
//
// Keys live in 4-byte slots (one per 4 bytes of address space): a double
// takes one slot and leaves one unused. A leaf covers 64 KiB of addresses;
// two directory levels cover 48-bit addresses. Leaves come from calloc'd
// memory, so the untouched parts of a leaf cost no physical pages. Each slot
// keeps the bits stored with the key: a load whose bits differ found memory
// rewritten behind the tool's back (library code, a memset) and is untracked.
#include "bytedmd/runtime.h"

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <new>

namespace bytedmd {
namespace {

struct Slot {
  bytedmd_key key;
  std::uint64_t bits;
};

constexpr unsigned kLeafBits = 16; // 64 KiB of addresses
constexpr std::size_t kLeafSlots = (1u << kLeafBits) / 4;
constexpr unsigned kMidBits = 16;
constexpr unsigned kTopBits = 48 - kLeafBits - kMidBits;

struct Leaf {
  Slot slots[kLeafSlots];
};
struct Mid {
  Leaf *leaves[1u << kMidBits];
};

// Shared by all threads: a location's key is a property of the memory. Leaf
// creation is the only write to the directories and uses a CAS.
Mid *top[1u << kTopBits];

// The last leaf this thread used: most loads and stores (a function's locals,
// an array walked in order) stay within one 64 KiB leaf, so a hit skips the
// two directory loads. Leaves are never freed, so a cached pointer stays valid.
struct LeafCache {
  std::uintptr_t page = ~std::uintptr_t(0);
  Leaf *leaf = nullptr;
};
thread_local LeafCache cache __attribute__((tls_model("initial-exec")));

thread_local std::uint64_t staleLoads __attribute__((tls_model("initial-exec"))) = 0;

inline Slot *slotIn(Leaf *leaf, std::uintptr_t a) {
  return &leaf->slots[(a & ((1u << kLeafBits) - 1)) >> 2];
}

inline Slot *find(std::uintptr_t a) {
  const std::uintptr_t page = a >> kLeafBits;
  if (__builtin_expect(page == cache.page, 1))
    return slotIn(cache.leaf, a);
  Mid *mid = __atomic_load_n(&top[(a >> (kLeafBits + kMidBits)) & ((1u << kTopBits) - 1)],
                             __ATOMIC_ACQUIRE);
  if (mid == nullptr)
    return nullptr;
  Leaf *leaf =
      __atomic_load_n(&mid->leaves[(a >> kLeafBits) & ((1u << kMidBits) - 1)], __ATOMIC_ACQUIRE);
  if (leaf == nullptr)
    return nullptr;
  cache.page = page;
  cache.leaf = leaf;
  return slotIn(leaf, a);
}

template <class T> T *createOnce(T **slot) {
  T *fresh = static_cast<T *>(std::calloc(1, sizeof(T)));
  if (fresh == nullptr) {
    std::fprintf(stderr, "bytedmd: error: out of memory for shadow state\n");
    std::_Exit(70);
  }
  T *expected = nullptr;
  if (__atomic_compare_exchange_n(slot, &expected, fresh, false, __ATOMIC_ACQ_REL,
                                  __ATOMIC_ACQUIRE))
    return fresh;
  std::free(fresh);
  return expected;
}

__attribute__((noinline)) Slot *create(std::uintptr_t a) {
  Mid **midSlot = &top[(a >> (kLeafBits + kMidBits)) & ((1u << kTopBits) - 1)];
  Mid *mid = __atomic_load_n(midSlot, __ATOMIC_ACQUIRE);
  if (mid == nullptr)
    mid = createOnce(midSlot);
  Leaf **leafSlot = &mid->leaves[(a >> kLeafBits) & ((1u << kMidBits) - 1)];
  Leaf *leaf = __atomic_load_n(leafSlot, __ATOMIC_ACQUIRE);
  if (leaf == nullptr)
    leaf = createOnce(leafSlot);
  return &leaf->slots[(a & ((1u << kLeafBits) - 1)) >> 2];
}

std::atomic<bool> anyStored{false};

} // namespace

} // namespace bytedmd

using bytedmd::Slot;

extern "C" bytedmd_key bytedmd_shadow_load(const void *address, uint64_t bits) {
  const Slot *slot = bytedmd::find(reinterpret_cast<std::uintptr_t>(address));
  if (slot == nullptr || slot->key == 0)
    return 0;
  if (__builtin_expect(slot->bits == bits, 1))
    return slot->key;
  // Different bits: code the tool cannot see wrote here since. A key of this
  // measurement would have been charged for the wrong value: count it.
  if (bytedmd_current(slot->key))
    ++bytedmd::staleLoads;
  return 0;
}

extern "C" void bytedmd_shadow_store(const void *address, bytedmd_key key, uint64_t bits) {
  const std::uintptr_t a = reinterpret_cast<std::uintptr_t>(address);
  Slot *slot = bytedmd::find(a);
  if (slot == nullptr) {
    if (key == 0)
      return; // nothing to forget
    slot = bytedmd::create(a);
    bytedmd::anyStored.store(true, std::memory_order_relaxed);
  }
  // Overwriting a key of another thread's measurement in flight: that
  // measurement lost a value behind its back (checked only while two
  // measurements run at once, so single-threaded programs pay one load).
  const bytedmd_key old = slot->key;
  if (old != 0 && bytedmd_concurrent_measurements() > 1 && !bytedmd_current(old))
    bytedmd_foreign_write(old);
  slot->key = key;
  slot->bits = bits;
}

namespace bytedmd {
// Set by the recorder while a measurement with a stack=locations variant is
// in flight on this thread.
thread_local bool recordingAccesses __attribute__((tls_model("initial-exec"))) = false;
void recordAccess(const void *address, bytedmd_key key, bool write);
} // namespace bytedmd

extern "C" bytedmd_key bytedmd_load(const void *address, uint64_t bits) {
  const bytedmd_key key = bytedmd_shadow_load(address, bits);
  if (__builtin_expect(bytedmd::recordingAccesses, 0) && key != 0)
    bytedmd::recordAccess(address, key, false);
  return key;
}

extern "C" void bytedmd_store(const void *address, bytedmd_key key, uint64_t bits) {
  bytedmd_shadow_store(address, key, bits);
  if (__builtin_expect(bytedmd::recordingAccesses, 0) && key != 0)
    bytedmd::recordAccess(address, key, true);
}

extern "C" void bytedmd_shadow_forget(const void *address, size_t size) {
  if (!bytedmd::anyStored.load(std::memory_order_relaxed) || size == 0)
    return;
  std::uintptr_t a = reinterpret_cast<std::uintptr_t>(address) & ~std::uintptr_t(3);
  const std::uintptr_t end = reinterpret_cast<std::uintptr_t>(address) + size;
  while (a < end) {
    const std::uintptr_t leafEnd = (a | ((std::uintptr_t(1) << bytedmd::kLeafBits) - 1)) + 1;
    const std::uintptr_t stop = end < leafEnd ? end : leafEnd;
    if (Slot *first = bytedmd::find(a)) {
      std::memset(static_cast<void *>(first), 0, ((stop - a + 3) >> 2) * sizeof(Slot));
    }
    a = stop;
  }
}

extern "C" uint64_t bytedmd_shadow_stale_loads(void) { return bytedmd::staleLoads; }

extern "C" void bytedmd_shadow_results(const void *address, size_t size) {
  const std::uintptr_t start = reinterpret_cast<std::uintptr_t>(address) & ~std::uintptr_t(3);
  const std::uintptr_t end = reinterpret_cast<std::uintptr_t>(address) + size;
  for (std::uintptr_t a = start; a < end; a += 4)
    if (const Slot *slot = bytedmd::find(a); slot && bytedmd_current(slot->key))
      bytedmd_results(&slot->key, 1);
}

extern "C" void bytedmd_shadow_copy(void *to, const void *from, size_t size) {
  const std::uintptr_t src = reinterpret_cast<std::uintptr_t>(from);
  const std::uintptr_t dst = reinterpret_cast<std::uintptr_t>(to);
  // Slot by slot: copies are short (a vector's elements), and source and
  // destination may be aligned differently within their leaves.
  for (std::size_t off = 0; off < size; off += 4) {
    const Slot *s = bytedmd::find(src + off);
    if (s != nullptr && s->key != 0) {
      bytedmd_shadow_store(reinterpret_cast<const void *>(dst + off), s->key, s->bits);
    } else if (Slot *d = bytedmd::find(dst + off)) {
      d->key = 0;
    }
  }
}

// Freed heap memory forgets its keys, so a later allocation at the same
// address never resurrects them.
void operator delete(void *p) noexcept {
  if (p != nullptr)
    bytedmd_shadow_forget(p, malloc_usable_size(p));
  std::free(p);
}
void operator delete[](void *p) noexcept { operator delete(p); }
void operator delete(void *p, std::size_t) noexcept { operator delete(p); }
void operator delete[](void *p, std::size_t) noexcept { operator delete(p); }
void *operator new(std::size_t n) {
  void *p = std::malloc(n == 0 ? 1 : n);
  if (p == nullptr)
    throw std::bad_alloc();
  return p;
}
void *operator new[](std::size_t n) { return operator new(n); }
