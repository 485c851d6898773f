// shadow.cpp - location -> key, as page tables over the address space.
//
// Word slots: one per 4 bytes of address (a double takes one and leaves
// one unused). A word that holds values narrower than 4 bytes (char, bool,
// short) is split: its bytes then have slots of their own in a second table,
// so every value owns its key whatever its width. Leaves cover 64 KiB of
// addresses and come from calloc'd memory, so untouched parts cost no
// physical pages.
//
// A slot holds a key and the value bits stored with it; a load whose bits
// differ found memory rewritten behind the tool's back and is untracked. A
// key's low half can also say, for the measurement in its high half:
//   0           written by the measurement with an untracked value;
//   kFresh      created during the measurement (heap, fresh locals) and not
//               written by rewritten code since. A load that finds it read
//               data no rewritten code wrote: it is counted as unattributed
//               (semantics.md, "No silent path").
#include "recording.h"

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

constexpr Word kFresh = 0xffffffffu;
/// Written by the measurement with untracked values whose bits the slot
/// does not know (a struct initialised as a whole). Keys below it, up to
/// word::kMaxStreamedKey, are values.
constexpr Word kWrittenUnknown = 0xfffffffeu;
static_assert(word::kMaxStreamedKey < kWrittenUnknown, "value keys below the marks");
/// A word whose bytes have slots of their own (no measurement has this id).
constexpr bytedmd_key kSplit = ~bytedmd_key(0);

/// A usable key: a value of some measurement (not a mark, not a split).
inline bool isValueKey(bytedmd_key key) { return Word(key) - 1u < kWrittenUnknown - 1u; }
/// A mark of what a measurement wrote or created.
inline bool isMark(bytedmd_key key) { return key != kSplit && !isValueKey(key) && key != 0; }

constexpr unsigned kLeafBits = 16; // 64 KiB of addresses
constexpr unsigned kMidBits = 16;
constexpr unsigned kTopBits = 48 - kLeafBits - kMidBits;

/// A page table of slots, one per 2^SlotBits bytes of address. Shared by all
/// threads (a location's key is a property of the memory); leaf creation is
/// the only write to the directories and uses a CAS.
template <unsigned SlotBits> class Table {
public:
  Slot *find(std::uintptr_t a) {
    const std::uintptr_t page = a >> kLeafBits;
    LeafCache &cache = cache_;
    if (__builtin_expect(page == cache.page, 1))
      return slotIn(cache.leaf, a);
    Mid *mid = __atomic_load_n(&top_[topIndex(a)], __ATOMIC_ACQUIRE);
    if (mid == nullptr)
      return nullptr;
    Leaf *leaf = __atomic_load_n(&mid->leaves[midIndex(a)], __ATOMIC_ACQUIRE);
    if (leaf == nullptr)
      return nullptr;
    cache.page = page;
    cache.leaf = leaf;
    return slotIn(leaf, a);
  }
  __attribute__((noinline)) Slot *create(std::uintptr_t a) {
    Mid **midSlot = &top_[topIndex(a)];
    Mid *mid = __atomic_load_n(midSlot, __ATOMIC_ACQUIRE);
    if (mid == nullptr)
      mid = createOnce(midSlot);
    Leaf **leafSlot = &mid->leaves[midIndex(a)];
    Leaf *leaf = __atomic_load_n(leafSlot, __ATOMIC_ACQUIRE);
    if (leaf == nullptr)
      leaf = createOnce(leafSlot);
    return slotIn(leaf, a);
  }
  Slot *findOrCreate(std::uintptr_t a) {
    Slot *s = find(a);
    return s != nullptr ? s : create(a);
  }
  /// Slots [a, end) of one leaf, or null when the leaf does not exist.
  Slot *run(std::uintptr_t a) { return find(a); }
  static std::uintptr_t leafEnd(std::uintptr_t a) {
    return (a | ((std::uintptr_t(1) << kLeafBits) - 1)) + 1;
  }

private:
  static constexpr std::size_t kSlots = (std::size_t(1) << kLeafBits) >> SlotBits;
  struct Leaf {
    Slot slots[kSlots];
  };
  struct Mid {
    Leaf *leaves[1u << kMidBits];
  };
  /// The last leaf this thread used: most accesses (a function's locals, an
  /// array walked in order) stay within one leaf, so a hit skips two loads.
  /// Leaves are never freed, so a cached pointer stays valid.
  struct LeafCache {
    std::uintptr_t page = ~std::uintptr_t(0);
    Leaf *leaf = nullptr;
  };
  static std::size_t topIndex(std::uintptr_t a) {
    return (a >> (kLeafBits + kMidBits)) & ((1u << kTopBits) - 1);
  }
  static std::size_t midIndex(std::uintptr_t a) { return (a >> kLeafBits) & ((1u << kMidBits) - 1); }
  static Slot *slotIn(Leaf *leaf, std::uintptr_t a) {
    return &leaf->slots[(a & ((std::uintptr_t(1) << kLeafBits) - 1)) >> SlotBits];
  }
  template <class T> static T *createOnce(T **slot) {
    T *fresh = static_cast<T *>(std::calloc(1, sizeof(T)));
    if (fresh == nullptr) {
      std::fprintf(stderr, "bytedmd: error: out of memory for shadow state\n");
      std::_Exit(kExitRuntimeError);
    }
    T *expected = nullptr;
    if (__atomic_compare_exchange_n(slot, &expected, fresh, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
      return fresh;
    std::free(fresh);
    return expected;
  }

  Mid *top_[1u << kTopBits];
  static thread_local LeafCache cache_ __attribute__((tls_model("initial-exec")));
};
template <unsigned SlotBits>
thread_local typename Table<SlotBits>::LeafCache Table<SlotBits>::cache_;

Table<2> words; // a slot per 4 bytes
Table<0> bytes; // a slot per byte, used where a word is split

std::atomic<bool> anyStored{false};

thread_local std::uint64_t staleLoads __attribute__((tls_model("initial-exec"))) = 0;
thread_local std::uint64_t unattributedLoads __attribute__((tls_model("initial-exec"))) = 0;
/// The tag (id << 32) of this thread's measurement in flight, 0 when none.
thread_local std::uint64_t measuring __attribute__((tls_model("initial-exec"))) = 0;
/// Set while the runtime allocates for itself: those blocks are not the
/// program's memory.
thread_local bool quiet __attribute__((tls_model("initial-exec"))) = false;

inline bool current(bytedmd_key key) { return measuring != 0 && (key >> 32) == (measuring >> 32); }

/// The rare part of a load: a mark other than a plain write, or bits that
/// changed. Counts what the No-silent-path rule and the bits check ask for.
__attribute__((noinline)) bytedmd_key foundOther(const Slot &s, std::uint64_t bits) {
  const bytedmd_key key = s.key;
  if (key == kSplit || !current(key))
    return 0; // nothing this measurement knows of
  if (Word(key) == kFresh || (Word(key) == 0 && s.bits != bits)) {
    // Created and never written by rewritten code, or written with an
    // untracked value since overwritten where the tool cannot see.
    ++unattributedLoads;
    noteUnattributedLoad();
  } else if (isValueKey(key)) {
    ++staleLoads; // this measurement's value, changed where the tool cannot see
  }
  return 0;
}

/// What a load finds in a slot: its key, or 0 for anything else. A value
/// with its bits, or a write (a loop counter's), costs one compare more.
inline bytedmd_key found(const Slot &s, std::uint64_t bits) {
  const bytedmd_key key = s.key;
  if (__builtin_expect(s.bits == bits, 1)) {
    if (__builtin_expect(isValueKey(key), 1))
      return key;
    if (Word(key) != kFresh)
      return 0; // written untracked (or never written)
  }
  return foundOther(s, bits);
}

/// A store of an untracked value by the measurement marks the location as
/// written by it (never an input, never unattributed).
inline bytedmd_key stored(bytedmd_key key) { return key != 0 ? key : measuring; }

void writeSlot(Slot *s, bytedmd_key key, std::uint64_t bits) {
  // Overwriting a key of another thread's measurement in flight: that
  // measurement lost a value behind its back (checked only while two
  // measurements run at once, so single-threaded programs pay one load).
  const bytedmd_key old = s->key;
  if (isValueKey(old) && bytedmd_concurrent_measurements() > 1 && !current(old))
    bytedmd_foreign_write(old);
  s->key = key;
  s->bits = bits;
}

/// The byte slot of a narrow value at a, splitting its word first.
Slot *splitByte(std::uintptr_t a) {
  Slot *w = words.findOrCreate(a);
  if (w->key != kSplit) {
    // The word's mark (written, fresh) holds for each of its bytes, their
    // bits unknown; a value key does not (its bytes are being overwritten
    // one by one).
    const bytedmd_key mark =
        !isMark(w->key) ? 0 : Word(w->key) == kFresh ? w->key : (w->key | kWrittenUnknown);
    const std::uintptr_t first = a & ~std::uintptr_t(3);
    for (std::uintptr_t b = first; b < first + 4; ++b)
      *bytes.findOrCreate(b) = {mark, 0};
    w->key = kSplit;
  }
  return bytes.findOrCreate(a);
}

/// The byte slot of a narrow value at a, or null when its word is not split
/// (then the word's own slot speaks for it, if it holds a mark).
Slot *byteSlot(std::uintptr_t a, Slot *&word) {
  word = words.find(a);
  return word != nullptr && word->key == kSplit ? bytes.find(a) : nullptr;
}

/// Sets every word of [a, a + size) to `key` (a mark, or 0 to forget).
void fill(std::uintptr_t a, std::size_t size, bytedmd_key key) {
  const std::uintptr_t end = a + size;
  a &= ~std::uintptr_t(3);
  while (a < end) {
    const std::uintptr_t stop = end < Table<2>::leafEnd(a) ? end : Table<2>::leafEnd(a);
    Slot *first = key == 0 ? words.run(a) : words.findOrCreate(a);
    if (first != nullptr)
      for (std::size_t i = 0, n = (stop - a + 3) >> 2; i < n; ++i)
        first[i] = {key, 0};
    a = stop;
  }
}

} // namespace

// Set by the recorder while a measurement with a stack=locations variant is
// in flight on this thread.
thread_local bool recordingAccesses __attribute__((tls_model("initial-exec"))) = false;

// recording.h: the measurement in flight, for the marks.
void shadowMeasuring(std::uint64_t tag) { measuring = tag; }
std::uint64_t shadowUnattributedLoads() { return unattributedLoads; }
QuietAllocations::QuietAllocations() : was_(quiet) { quiet = true; }
QuietAllocations::~QuietAllocations() { quiet = was_; }

} // namespace bytedmd

using bytedmd::Slot;

extern "C" {

bytedmd_key bytedmd_shadow_load(const void *address, uint64_t bits) {
  const Slot *s = bytedmd::words.find(reinterpret_cast<std::uintptr_t>(address));
  return s != nullptr && bytedmd::isValueKey(s->key) && s->bits == bits ? s->key : 0;
}

bytedmd_key bytedmd_shadow_load_narrow(const void *address, uint64_t bits) {
  Slot *word;
  const Slot *s = bytedmd::byteSlot(reinterpret_cast<std::uintptr_t>(address), word);
  return s != nullptr && bytedmd::isValueKey(s->key) && s->bits == bits ? s->key : 0;
}

void bytedmd_shadow_store(const void *address, bytedmd_key key, uint64_t bits) {
  const std::uintptr_t a = reinterpret_cast<std::uintptr_t>(address);
  Slot *s = bytedmd::words.find(a);
  if (s == nullptr) {
    if (key == 0)
      return; // nothing to forget
    s = bytedmd::words.create(a);
    bytedmd::anyStored.store(true, std::memory_order_relaxed);
  }
  bytedmd::writeSlot(s, key, bits);
}

void bytedmd_shadow_store_narrow(const void *address, bytedmd_key key, uint64_t bits) {
  bytedmd::anyStored.store(true, std::memory_order_relaxed);
  bytedmd::writeSlot(bytedmd::splitByte(reinterpret_cast<std::uintptr_t>(address)), key, bits);
}

int bytedmd_shadow_touched(const void *address, int narrow) {
  const std::uintptr_t a = reinterpret_cast<std::uintptr_t>(address);
  Slot *word;
  const Slot *s = narrow ? bytedmd::byteSlot(a, word) : bytedmd::words.find(a);
  if (narrow && s == nullptr)
    s = word; // a mark on the whole word
  return s != nullptr && s->key != bytedmd::kSplit && bytedmd::current(s->key);
}

bytedmd_key bytedmd_load(const void *address, uint64_t bits) {
  const Slot *s = bytedmd::words.find(reinterpret_cast<std::uintptr_t>(address));
  if (s == nullptr)
    return 0;
  const bytedmd_key key = bytedmd::found(*s, bits);
  if (__builtin_expect(bytedmd::recordingAccesses, 0) && key != 0)
    bytedmd::recordAccess(address, key, false);
  return key;
}

bytedmd_key bytedmd_load_narrow(const void *address, uint64_t bits) {
  Slot *word;
  const Slot *s = bytedmd::byteSlot(reinterpret_cast<std::uintptr_t>(address), word);
  if (s == nullptr)
    s = word; // not split: only a mark on the whole word can speak for it
  if (s == nullptr || (s == word && bytedmd::isValueKey(s->key)))
    return 0;
  const bytedmd_key key = bytedmd::found(*s, bits);
  if (__builtin_expect(bytedmd::recordingAccesses, 0) && key != 0)
    bytedmd::recordAccess(address, key, false);
  return key;
}

void bytedmd_store(const void *address, bytedmd_key key, uint64_t bits) {
  key = bytedmd::stored(key);
  bytedmd_shadow_store(address, key, bits);
  if (__builtin_expect(bytedmd::recordingAccesses, 0) && bytedmd::isValueKey(key))
    bytedmd::recordAccess(address, key, true);
}

void bytedmd_store_narrow(const void *address, bytedmd_key key, uint64_t bits) {
  key = bytedmd::stored(key);
  bytedmd_shadow_store_narrow(address, key, bits);
  if (__builtin_expect(bytedmd::recordingAccesses, 0) && bytedmd::isValueKey(key))
    bytedmd::recordAccess(address, key, true);
}

void bytedmd_shadow_forget(const void *address, size_t size) {
  if (!bytedmd::anyStored.load(std::memory_order_relaxed) || size == 0)
    return;
  bytedmd::fill(reinterpret_cast<std::uintptr_t>(address), size, 0);
}

void bytedmd_shadow_created(const void *address, size_t size, int how) {
  if (size == 0)
    return;
  if (bytedmd::measuring == 0)
    return bytedmd_shadow_forget(address, size);
  bytedmd::anyStored.store(true, std::memory_order_relaxed);
  // Zeros are known bits (every value's bits are 0); other writes are not.
  const bytedmd::Word mark = how == BYTEDMD_CREATED_FRESH     ? bytedmd::kFresh
                             : how == BYTEDMD_CREATED_ZEROED ? 0
                                                             : bytedmd::kWrittenUnknown;
  bytedmd::fill(reinterpret_cast<std::uintptr_t>(address), size, bytedmd::measuring | mark);
}

uint64_t bytedmd_shadow_stale_loads(void) { return bytedmd::staleLoads; }

void bytedmd_shadow_results(const void *address, size_t size) {
  const std::uintptr_t start = reinterpret_cast<std::uintptr_t>(address) & ~std::uintptr_t(3);
  const std::uintptr_t end = reinterpret_cast<std::uintptr_t>(address) + size;
  for (std::uintptr_t a = start; a < end; a += 4) {
    const Slot *w = bytedmd::words.find(a);
    if (w == nullptr)
      continue;
    if (w->key != bytedmd::kSplit) {
      if (bytedmd::isValueKey(w->key) && bytedmd::current(w->key))
        bytedmd_results(&w->key, 1);
      continue;
    }
    for (std::uintptr_t b = a; b < a + 4 && b < end; ++b)
      if (const Slot *s = bytedmd::bytes.find(b);
          s && bytedmd::isValueKey(s->key) && bytedmd::current(s->key))
        bytedmd_results(&s->key, 1);
  }
}

void bytedmd_shadow_copy(void *to, const void *from, size_t size) {
  const std::uintptr_t src = reinterpret_cast<std::uintptr_t>(from);
  const std::uintptr_t dst = reinterpret_cast<std::uintptr_t>(to);
  // Word by word: copies are short (a struct's fields), and source and
  // destination may be aligned differently within their leaves.
  for (std::size_t off = 0; off < size; off += 4) {
    const Slot *s = bytedmd::words.find(src + off);
    if (s != nullptr && s->key == bytedmd::kSplit) {
      for (std::size_t b = 0; b < 4 && off + b < size; ++b) {
        const Slot *sb = bytedmd::bytes.find(src + off + b);
        bytedmd::writeSlot(bytedmd::splitByte(dst + off + b), sb ? sb->key : 0, sb ? sb->bits : 0);
      }
    } else if (s != nullptr && s->key != 0) {
      bytedmd_shadow_store(reinterpret_cast<const void *>(dst + off), s->key, s->bits);
    } else if (Slot *d = bytedmd::words.find(dst + off)) {
      d->key = 0;
    }
  }
}

} // extern "C"

// Memory the program allocates during a measurement is created by it:
// fresh until rewritten code writes it. Freed memory forgets its keys, so a
// later allocation at the same address never resurrects them.
void operator delete(void *p) noexcept {
  if (p != nullptr)
    bytedmd_shadow_forget(p, malloc_usable_size(p));
  std::free(p);
}
void operator delete[](void *p) noexcept { operator delete(p); }
void operator delete(void *p, std::size_t) noexcept { operator delete(p); }
void operator delete[](void *p, std::size_t) noexcept { operator delete(p); }
void operator delete(void *p, std::align_val_t) noexcept { operator delete(p); }
void operator delete[](void *p, std::align_val_t) noexcept { operator delete(p); }
void operator delete(void *p, std::size_t, std::align_val_t) noexcept { operator delete(p); }
void operator delete[](void *p, std::size_t, std::align_val_t) noexcept { operator delete(p); }

static void *created(void *p, std::size_t n) {
  if (p == nullptr)
    throw std::bad_alloc();
  if (__builtin_expect(bytedmd::measuring != 0 && !bytedmd::quiet, 0))
    bytedmd_shadow_created(p, n, BYTEDMD_CREATED_FRESH);
  return p;
}
void *operator new(std::size_t n) { return created(std::malloc(n == 0 ? 1 : n), n); }
void *operator new[](std::size_t n) { return operator new(n); }
void *operator new(std::size_t n, std::align_val_t alignment) {
  const std::size_t a = static_cast<std::size_t>(alignment);
  return created(std::aligned_alloc(a, (n + a - 1) / a * a), n);
}
void *operator new[](std::size_t n, std::align_val_t alignment) {
  return operator new(n, alignment);
}
