// static_memory.h - which memory a measurement may read for free without a key.
//
// A load that finds nothing of the measurement in flight read memory that
// existed before it. semantics.md ("No silent path") lets that be free only
// when it is not data of the parameters: a global table, a constant. Static
// data lives in the loaded objects' segments, and the callers' data a
// measurement can name on this thread's stack it reaches through inputs
// declared as such; anything else (the heap, a mapping) that no input
// declared was reached through a pointer: a pointer field of a parameter, a
// pointer to pointers, a pointer parameter copied into a local. Those loads
// are counted, never taken as free.
#ifndef BYTEDMD_STATIC_MEMORY_H
#define BYTEDMD_STATIC_MEMORY_H

#include <cstdint>

namespace bytedmd {

/// Takes the loaded objects' segments afresh (a measurement's start: a
/// library opened since is then known).
void refreshStaticMemory();

/// Whether a load at `address` that found no key may be free: static data
/// of a loaded object, or this thread's stack.
bool freeWithoutKey(std::uintptr_t address);

} // namespace bytedmd

#endif // BYTEDMD_STATIC_MEMORY_H
