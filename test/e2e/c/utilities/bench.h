/* bench.h - a harness in the style of the C kernel suites that data-locality
 * papers measure: sizes by -D, a data type macro, loop bounds through two
 * macro levels, constants and math functions through macros. The kernels
 * beside it are measured unmodified (test/e2e/c_kernels_test.cpp). */
#ifndef BENCH_H
#define BENCH_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef DATA_TYPE
#define DATA_TYPE double
#define DATA_PRINTF_MODIFIER "%0.6f "
#endif

#define SCALAR_VAL(x) x
#define SQRT_FUN(x) sqrt(x)
#define EXP_FUN(x) exp(x)
#define POW_FUN(x, y) pow(x, y)

/* Loop bounds are the kernel's size parameters (with -DBENCH_USE_SCALAR_LB
 * they would be the size macros themselves). */
#define BENCH_LOOP_BOUND(x, y) y

void *bench_alloc_data(unsigned long long n, int elt_size);
void bench_print_array(const char *name, const DATA_TYPE *a, int n);

#endif
