// shadow.cpp - location -> key, as page tables over the address space.
//
// Word slots: one per 4 bytes of address (a double takes two and leaves
// one unused). A word that holds values narrower than 4 bytes (char, bool,
// short) is split: its bytes then have slots of their own in a second table,
// so every value owns its key whatever its width. Leaves cover 64 KiB of
// addresses and come from calloc'd memory, so untouched parts cost no
// physical pages.
//
// A slot is 8 bytes, so a double's shadow is 16 bytes and a matrix walked by
// columns keeps more of it in cache. It holds a key's low half, the key's
// measurement as its 16-bit owner (shadowOwner in recording.h), and 16 bits
// folded from the value bits stored with it; a load whose bits fold
// differently found memory rewritten behind the tool's back and is
// untracked. (A rewrite that folds alike goes unseen once in 65,536, as a
// rewrite with equal bits always went unseen.) Owners name one measurement
// id per epoch of 65,535 measurements; the first measurement of an epoch
// clears the shadow, so an owner never finds a key of an older id. A key's
// low half can also say, for its measurement:
//   0           written by the measurement with an untracked value;
//   kFresh      created during the measurement (heap, fresh locals) and not
//               written by rewritten code since. A load that finds it read
//               data no rewritten code wrote: it is counted as unattributed
//               (semantics.md, "No silent path").
#include "recording.h"
#include "static_memory.h"

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <mutex>
#include <new>
#include <sys/mman.h>
#include <unistd.h>

namespace bytedmd {
namespace {

struct Slot {
  Word local;          // the key's low half (a value, or a mark)
  std::uint16_t owner; // the key's measurement, shadowOwner(id); 0: none
  std::uint16_t check; // fold(bits) of the value stored
};
static_assert(sizeof(Slot) == 8, "a slot per 4 bytes of address stays 8 bytes");

constexpr Word kFresh = 0xffffffffu;
/// Written by the measurement with untracked values whose bits the slot
/// does not know (a struct initialised as a whole). Keys below it, up to
/// word::kMaxStreamedKey, are values.
constexpr Word kWrittenUnknown = 0xfffffffeu;
static_assert(word::kMaxStreamedKey < kWrittenUnknown, "value keys below the marks");
/// A word whose bytes have slots of their own: no owner, the fresh mark.
constexpr Slot kSplit = {~Word(0), 0, 0};
inline bool isSplit(const Slot &s) { return s.owner == 0 && s.local == kSplit.local; }

/// Zeroes [p, p + n) without making untouched pages resident: whole pages
/// are given back (they read as zeros again), the edges are written.
void zero(void *p, std::size_t n) {
  static const std::uintptr_t page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
  const std::uintptr_t a = reinterpret_cast<std::uintptr_t>(p), end = a + n;
  const std::uintptr_t first = (a + page - 1) & ~(page - 1), last = end & ~(page - 1);
  if (first >= last ||
      ::madvise(reinterpret_cast<void *>(first), last - first, MADV_DONTNEED) != 0) {
    std::memset(p, 0, n);
    return;
  }
  std::memset(p, 0, first - a);
  std::memset(reinterpret_cast<void *>(last), 0, end - last);
}

/// A usable key: a value of some measurement (not a mark).
inline bool isValueKey(bytedmd_key key) { return Word(key) - 1u < kWrittenUnknown - 1u; }
/// A mark of what a measurement wrote or created.
inline bool isMark(bytedmd_key key) { return !isValueKey(key) && key != 0; }

/// 16 bits of a value's 64, mixed so that every input bit reaches them (a
/// double's low mantissa bits are often zero).
inline std::uint16_t fold(std::uint64_t bits) {
  return std::uint16_t((bits * 0x9e3779b97f4a7c15ull) >> 48);
}

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
  /// Forgets every slot (leaves stay: other threads cache them).
  void clear() {
    for (Mid *mid : top_)
      if (mid != nullptr)
        for (Leaf *leaf : mid->leaves)
          if (leaf != nullptr)
            zero(leaf, sizeof(Leaf));
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
thread_local std::uint64_t undeclaredLoads __attribute__((tls_model("initial-exec"))) = 0;
/// The tag (id << 32) of this thread's measurement in flight, 0 when none,
/// and its owner (0 when none).
thread_local std::uint64_t measuring __attribute__((tls_model("initial-exec"))) = 0;
thread_local std::uint16_t measuringOwner __attribute__((tls_model("initial-exec"))) = 0;
/// The id each owner names now (slots keep owners; keys need ids).
std::atomic<std::uint32_t> ownerIds[kOwnersPerEpoch + 1];
/// The epoch whose first measurement last cleared the shadow.
std::atomic<std::uint64_t> clearedEpoch{0};
/// Set while the runtime allocates for itself: those blocks are not the
/// program's memory.
thread_local bool quiet __attribute__((tls_model("initial-exec"))) = false;

inline bool currentOwner(const Slot &s) { return s.owner == measuringOwner && s.owner != 0; }

/// The key a slot holds (not a split one): its low half under its owner's id.
inline bytedmd_key keyOf(const Slot &s) {
  if (__builtin_expect(currentOwner(s), 1))
    return measuring | s.local;
  if (s.owner == 0)
    return 0;
  return (bytedmd_key(ownerIds[s.owner].load(std::memory_order_relaxed)) << 32) | s.local;
}

/// The slot for `key` (0: nothing) stored with a value of `bits`.
inline Slot slotOf(bytedmd_key key, std::uint64_t bits) {
  const std::uint64_t id = key >> 32;
  std::uint16_t owner = measuringOwner;
  if (__builtin_expect(id != (measuring >> 32) || measuring == 0, 0)) {
    owner = shadowOwner(id);
    if (owner != 0) {
      // A key from before the last clear would pass for a newer id's: it is
      // stored as nothing. Any other names its id for its owner.
      if (shadowEpoch(id) < clearedEpoch.load(std::memory_order_relaxed))
        return {0, 0, fold(bits)};
      ownerIds[owner].store(std::uint32_t(id), std::memory_order_relaxed);
    }
  }
  return {Word(key), owner, fold(bits)};
}

/// The rare part of a load: a mark other than a plain write, or bits that
/// changed. Counts what the No-silent-path rule and the bits check ask for.
__attribute__((noinline)) bytedmd_key foundOther(const Slot &s, std::uint16_t check) {
  if (isSplit(s) || !currentOwner(s))
    return 0; // nothing this measurement knows of
  const Word key = s.local;
  if (key == kFresh || (key == 0 && s.check != check)) {
    // Created and never written by rewritten code, or written with an
    // untracked value since overwritten where the tool cannot see.
    ++unattributedLoads;
    noteUnattributedLoad();
  } else if (isValueKey(key)) {
    ++staleLoads; // this measurement's value, changed where the tool cannot see
  }
  return 0;
}

/// A load found nothing of the measurement in flight: the memory existed
/// before it. Free when static data or this thread's stack; anywhere else
/// it was reached through a pointer no input declares (static_memory.h).
__attribute__((noinline)) void foundBefore(std::uintptr_t address) {
  if (measuring == 0 || freeWithoutKey(address))
    return;
  ++undeclaredLoads;
  noteUnattributedLoad();
}

/// What a load finds in a slot: its key, or 0 for anything else. A value
/// with its bits, or a write (a loop counter's), costs one compare more.
inline bytedmd_key found(const Slot &s, std::uint64_t bits) {
  const std::uint16_t check = fold(bits);
  if (__builtin_expect(s.check == check, 1)) {
    if (__builtin_expect(isValueKey(s.local) && s.owner != 0, 1))
      return keyOf(s);
    if (s.local != kFresh)
      return 0; // written untracked (or never written)
  }
  return foundOther(s, check);
}

/// A load's value key in a slot (not split), or 0.
inline bytedmd_key valueIn(const Slot &s, std::uint64_t bits) {
  return s.owner != 0 && isValueKey(s.local) && s.check == fold(bits) ? keyOf(s) : 0;
}

/// Declares the slot's key a result when it is a value of this measurement.
void resultIn(const Slot &s) {
  if (isValueKey(s.local) && currentOwner(s)) {
    const bytedmd_key key = keyOf(s);
    bytedmd_results(&key, 1);
  }
}

/// A store of an untracked value by the measurement marks the location as
/// written by it (never an input, never unattributed).
inline bytedmd_key stored(bytedmd_key key) { return key != 0 ? key : measuring; }

void writeSlot(Slot *s, Slot to) {
  // Overwriting a key of another thread's measurement in flight: that
  // measurement lost a value behind its back (checked only while two
  // measurements run at once, so single-threaded programs pay one load).
  const Slot old = *s;
  if (isValueKey(old.local) && old.owner != 0 && bytedmd_concurrent_measurements() > 1 &&
      !currentOwner(old))
    bytedmd_foreign_write(keyOf(old));
  *s = to;
}
void writeSlot(Slot *s, bytedmd_key key, std::uint64_t bits) { writeSlot(s, slotOf(key, bits)); }

/// The byte slot of a narrow value at a, splitting its word first.
Slot *splitByte(std::uintptr_t a) {
  Slot *w = words.findOrCreate(a);
  if (!isSplit(*w)) {
    // The word's mark (written, fresh) holds for each of its bytes, their
    // bits unknown; a value key does not (its bytes are being overwritten
    // one by one).
    const bytedmd_key key = keyOf(*w);
    const bytedmd_key mark = !isMark(key) ? 0 : Word(key) == kFresh ? key : (key | kWrittenUnknown);
    const std::uintptr_t first = a & ~std::uintptr_t(3);
    for (std::uintptr_t b = first; b < first + 4; ++b)
      *bytes.findOrCreate(b) = slotOf(mark, 0);
    *w = kSplit;
  }
  return bytes.findOrCreate(a);
}

/// The byte slot of a narrow value at a, or null when its word is not split
/// (then the word's own slot speaks for it, if it holds a mark).
Slot *byteSlot(std::uintptr_t a, Slot *&word) {
  word = words.find(a);
  return word != nullptr && isSplit(*word) ? bytes.find(a) : nullptr;
}

/// Sets every word of [a, a + size) to `key` (a mark, or 0 to forget).
void fill(std::uintptr_t a, std::size_t size, bytedmd_key key) {
  const std::uintptr_t end = a + size;
  a &= ~std::uintptr_t(3);
  while (a < end) {
    const std::uintptr_t stop = end < Table<2>::leafEnd(a) ? end : Table<2>::leafEnd(a);
    Slot *first = key == 0 ? words.run(a) : words.findOrCreate(a);
    const Slot to = slotOf(key, 0);
    if (first != nullptr)
      for (std::size_t i = 0, n = (stop - a + 3) >> 2; i < n; ++i)
        first[i] = to;
    a = stop;
  }
}

/// The first measurement of a new epoch clears the shadow: its owners are
/// about to name new ids, and no slot may keep an older one's key.
std::mutex clearing;

/// Forgets every key. The epoch is published first, so stores of an older
/// epoch's keys from then on store nothing (slotOf); the measurements in
/// flight (but `id`) of an epoch below `belowEpoch` lose their values and
/// are told so.
void clearShadow(std::uint64_t epoch, std::uint64_t id, std::uint64_t belowEpoch) {
  if (epoch > clearedEpoch.load(std::memory_order_relaxed))
    clearedEpoch.store(epoch, std::memory_order_release);
  words.clear();
  bytes.clear();
  inFlightLostValues(id, belowEpoch);
}

/// The first measurement of a new epoch clears the shadow: its owners are
/// about to name new ids, and no slot may keep an older one's key.
void forgetEarlierEpochs(std::uint64_t id) {
  const std::uint64_t epoch = shadowEpoch(id);
  if (epoch <= clearedEpoch.load(std::memory_order_acquire))
    return;
  std::lock_guard<std::mutex> lock(clearing);
  if (epoch <= clearedEpoch.load(std::memory_order_relaxed))
    return;
  clearShadow(epoch, id, epoch); // the new epoch's measurements have stored nothing yet
}

/// A measurement of an older epoch than the last clear's kept storing its
/// own keys after that clear, under an owner a newer id will name: at its
/// end they go too (it was marked as having lost values at the clear, or
/// at its start when it began after it).
void forgetIfOverrun(std::uint64_t id) {
  if (shadowEpoch(id) >= clearedEpoch.load(std::memory_order_acquire))
    return;
  std::lock_guard<std::mutex> lock(clearing);
  clearShadow(clearedEpoch.load(std::memory_order_relaxed), id, ~std::uint64_t(0));
}

} // namespace


// recording.h: the measurement in flight, for the marks.
void shadowMeasuring(std::uint64_t tag) {
  const std::uint64_t ended = measuring >> 32;
  measuring = tag;
  measuringOwner = shadowOwner(tag >> 32);
  if (tag == 0) {
    if (ended != 0)
      forgetIfOverrun(ended);
    return;
  }
  const std::uint64_t id = tag >> 32;
  forgetEarlierEpochs(id);
  ownerIds[measuringOwner].store(std::uint32_t(id), std::memory_order_relaxed);
  if (shadowEpoch(id) < clearedEpoch.load(std::memory_order_acquire))
    inFlightLost(id); // began after a newer epoch's clear: its keys may alias
  if (bytedmd_concurrent_measurements() > 1)
    inFlightOwnerClash(id);
}
std::uint64_t shadowUnattributedLoads() { return unattributedLoads; }
std::uint64_t shadowUndeclaredLoads() { return undeclaredLoads; }
QuietAllocations::QuietAllocations() : was_(quiet) { quiet = true; }
QuietAllocations::~QuietAllocations() { quiet = was_; }

} // namespace bytedmd

using bytedmd::Slot;

extern "C" {

bytedmd_key bytedmd_shadow_load(const void *address, uint64_t bits) {
  const Slot *s = bytedmd::words.find(reinterpret_cast<std::uintptr_t>(address));
  return s != nullptr ? bytedmd::valueIn(*s, bits) : 0;
}

bytedmd_key bytedmd_shadow_load_narrow(const void *address, uint64_t bits) {
  Slot *word;
  const Slot *s = bytedmd::byteSlot(reinterpret_cast<std::uintptr_t>(address), word);
  return s != nullptr ? bytedmd::valueIn(*s, bits) : 0;
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
  return s != nullptr && !bytedmd::isSplit(*s) && bytedmd::currentOwner(*s);
}

bytedmd_key bytedmd_load(const void *address, uint64_t bits) {
  const std::uintptr_t a = reinterpret_cast<std::uintptr_t>(address);
  const Slot *s = bytedmd::words.find(a);
  if (s == nullptr) {
    bytedmd::foundBefore(a);
    return 0;
  }
  const bytedmd_key key = bytedmd::found(*s, bits);
  if (__builtin_expect(!bytedmd::currentOwner(*s), 0) && !bytedmd::isSplit(*s))
    bytedmd::foundBefore(a);
  if (__builtin_expect(bytedmd_recording_accesses, 0) && key != 0)
    bytedmd::recordAccess(address, key, false);
  return key;
}

bytedmd_key bytedmd_load_narrow(const void *address, uint64_t bits) {
  Slot *word;
  const Slot *s = bytedmd::byteSlot(reinterpret_cast<std::uintptr_t>(address), word);
  if (s == nullptr)
    s = word; // not split: only a mark on the whole word can speak for it
  if (s == nullptr) {
    bytedmd::foundBefore(reinterpret_cast<std::uintptr_t>(address));
    return 0;
  }
  if (s == word && (bytedmd::isSplit(*s) || bytedmd::isValueKey(s->local)))
    return 0;
  const bytedmd_key key = bytedmd::found(*s, bits);
  if (__builtin_expect(!bytedmd::currentOwner(*s), 0))
    bytedmd::foundBefore(reinterpret_cast<std::uintptr_t>(address));
  if (__builtin_expect(bytedmd_recording_accesses, 0) && key != 0)
    bytedmd::recordAccess(address, key, false);
  return key;
}

void bytedmd_store(const void *address, bytedmd_key key, uint64_t bits) {
  key = bytedmd::stored(key);
  bytedmd_shadow_store(address, key, bits);
  if (__builtin_expect(bytedmd_recording_accesses, 0) && bytedmd::isValueKey(key))
    bytedmd::recordAccess(address, key, true);
}

void bytedmd_store_narrow(const void *address, bytedmd_key key, uint64_t bits) {
  key = bytedmd::stored(key);
  bytedmd_shadow_store_narrow(address, key, bits);
  if (__builtin_expect(bytedmd_recording_accesses, 0) && bytedmd::isValueKey(key))
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
    if (!bytedmd::isSplit(*w)) {
      bytedmd::resultIn(*w);
      continue;
    }
    for (std::uintptr_t b = a; b < a + 4 && b < end; ++b)
      if (const Slot *s = bytedmd::bytes.find(b))
        bytedmd::resultIn(*s);
  }
}

void bytedmd_shadow_copy(void *to, const void *from, size_t size) {
  const std::uintptr_t src = reinterpret_cast<std::uintptr_t>(from);
  const std::uintptr_t dst = reinterpret_cast<std::uintptr_t>(to);
  // Word by word: copies are short (a struct's fields), and source and
  // destination may be aligned differently within their leaves.
  for (std::size_t off = 0; off < size; off += 4) {
    const Slot *s = bytedmd::words.find(src + off);
    if (s != nullptr && bytedmd::isSplit(*s)) {
      for (std::size_t b = 0; b < 4 && off + b < size; ++b) {
        const Slot *sb = bytedmd::bytes.find(src + off + b);
        bytedmd::writeSlot(bytedmd::splitByte(dst + off + b), sb ? *sb : Slot{});
      }
    } else if (s != nullptr && s->owner != 0) {
      bytedmd::anyStored.store(true, std::memory_order_relaxed);
      bytedmd::writeSlot(bytedmd::words.findOrCreate(dst + off), *s);
    } else if (Slot *d = bytedmd::words.find(dst + off)) {
      *d = Slot{};
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
