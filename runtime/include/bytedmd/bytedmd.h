/* bytedmd/bytedmd.h - what users write in their own sources: the annotations.
 *
 * This is the user API. The entry set that instrumented code calls is in
 * bytedmd/runtime.h (which includes this header, so sources that include
 * runtime.h for the annotations keep working); nothing here is called at run
 * time. Before and after, for a size that is not an input:
 *
 *   #include "bytedmd/bytedmd.h"
 *   double sum_first(const std::vector<double> &x, BYTEDMD_UNTRACKED int n);
 *
 * bytedmd-instrument then declares the elements of x as the measurement's
 * inputs, and not n. Only the instrumenter, which parses with Clang, reads
 * the annotations; under other compilers they expand to nothing.
 */
#ifndef BYTEDMD_BYTEDMD_H
#define BYTEDMD_BYTEDMD_H

/* Only the instrumenter reads the annotations, and it parses with Clang;
 * other compilers see nothing (GCC would warn that it ignores them). */
#if defined(__clang__)
#define BYTEDMD_ANNOTATE_(text) __attribute__((annotate(text)))
#else
#define BYTEDMD_ANNOTATE_(text)
#endif

/** Excludes a parameter (for example a size), or a field of every object of
 * its class, from a measurement's inputs. */
#define BYTEDMD_UNTRACKED BYTEDMD_ANNOTATE_("bytedmd_untracked")
/** Marks a function as measured, in addition to --function. */
#define BYTEDMD_MEASURE BYTEDMD_ANNOTATE_("bytedmd_measure")

/* ---- regions and the problem size --------------------------------------- */

/* Reads inside a region are charged to it in the report (`by_region`), by
 * path when regions nest ("train/forward"):
 *
 *   { BYTEDMD_REGION("forward"); ...the forward pass... }
 *   { bytedmd::Region phase("backward"); ... }
 *
 * bytedmd::size(n), inside a measured call or just before it, records the
 * problem size the user means (`size` in the report; `bytedmd html` fits the
 * cost against it). Outside a measurement both do nothing, and in a program
 * that is not instrumented they compile to nothing: the original and the
 * instrumented program compute the same. */
#ifdef __cplusplus
extern "C" {
#endif
/** Entries behind the annotations (the runtime's; not called by hand). */
int bytedmd_region_enter(const char *__name);
void bytedmd_region_leave(void);
void bytedmd_set_size(unsigned long long __n);
#ifdef __cplusplus
} /* extern "C" */

namespace bytedmd {
#ifdef BYTEDMD_INSTRUMENT_HPP /* instrumented code: bytedmd/instrument.hpp came first */
inline namespace measuring {
class Region {
public:
  explicit Region(const char *__name) : __open(bytedmd_region_enter(__name)) {}
  ~Region() {
    if (__open)
      bytedmd_region_leave();
  }
  Region(const Region &) = delete;
  Region &operator=(const Region &) = delete;

private:
  int __open;
};
inline void size(unsigned long long __n) { bytedmd_set_size(__n); }
} // namespace measuring
#else
inline namespace plain {
class Region {
public:
  constexpr explicit Region(const char *) {}
  Region(const Region &) = delete;
  Region &operator=(const Region &) = delete;
};
inline void size(unsigned long long) {}
} // namespace plain
#endif
} // namespace bytedmd

#define BYTEDMD_REGION_NAME_(_Line) bytedmd_region_##_Line
#define BYTEDMD_REGION_AT_(_Line) BYTEDMD_REGION_NAME_(_Line)
#define BYTEDMD_REGION(_Name) ::bytedmd::Region BYTEDMD_REGION_AT_(__LINE__)(_Name)
#endif /* __cplusplus */

#endif /* BYTEDMD_BYTEDMD_H */
