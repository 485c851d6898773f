/* jacobi1d.c - a three-point stencil, TSTEPS sweeps over two arrays. */
#include "bench.h"

#ifndef N
#define N 6
#endif
#ifndef TSTEPS
#define TSTEPS 2
#endif
#define _PB_N BENCH_LOOP_BOUND(N, n)
#define _PB_TSTEPS BENCH_LOOP_BOUND(TSTEPS, tsteps)

void kernel_jacobi_1d(int tsteps, int n, DATA_TYPE A[N], DATA_TYPE B[N]) {
  int t, i;
  for (t = 0; t < _PB_TSTEPS; t++) {
    for (i = 1; i < _PB_N - 1; i++)
      B[i] = 0.33333 * (A[i - 1] + A[i] + A[i + 1]);
    for (i = 1; i < _PB_N - 1; i++)
      A[i] = 0.33333 * (B[i - 1] + B[i] + B[i + 1]);
  }
}

int main(void) {
  DATA_TYPE *A = (DATA_TYPE *)bench_alloc_data(N, sizeof(DATA_TYPE));
  DATA_TYPE *B = (DATA_TYPE *)bench_alloc_data(N, sizeof(DATA_TYPE));
  int i;
  for (i = 0; i < N; i++) {
    A[i] = ((DATA_TYPE)i + 2) / N;
    B[i] = ((DATA_TYPE)i + 3) / N;
  }
  kernel_jacobi_1d(TSTEPS, N, A, B);
  bench_print_array("A", A, N);
  free(A);
  free(B);
  return 0;
}
