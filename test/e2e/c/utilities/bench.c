/* bench.c - allocation and printing for the kernels (instrumented with them,
 * measured never: bytedmd run measures only the --function named). */
#include "bench.h"

void *bench_alloc_data(unsigned long long n, int elt_size) {
  void *p = malloc(n * (unsigned long long)elt_size);
  if (p == NULL) {
    fprintf(stderr, "bench: out of memory\n");
    exit(1);
  }
  return p;
}

void bench_print_array(const char *name, const DATA_TYPE *a, int n) {
  int i;
  printf("%s:", name);
  for (i = 0; i < n; i++)
    printf(" " DATA_PRINTF_MODIFIER, a[i]);
  printf("\n");
}
