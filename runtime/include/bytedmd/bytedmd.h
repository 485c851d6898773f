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
 * inputs, and not n. Under a compiler that does not know the annotate
 * attribute (GCC), the annotations are ignored with a warning; only the
 * instrumenter, which parses with Clang, reads them.
 */
#ifndef BYTEDMD_BYTEDMD_H
#define BYTEDMD_BYTEDMD_H

/** Excludes a parameter (for example a size) from a measurement's inputs. */
#define BYTEDMD_UNTRACKED __attribute__((annotate("bytedmd_untracked")))
/** Marks a function as measured, in addition to --function. */
#define BYTEDMD_MEASURE __attribute__((annotate("bytedmd_measure")))

#endif /* BYTEDMD_BYTEDMD_H */
