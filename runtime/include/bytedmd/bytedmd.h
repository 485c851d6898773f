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

#endif /* BYTEDMD_BYTEDMD_H */
