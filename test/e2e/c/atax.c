/* atax.c - y = A^T (A x), with tmp and y written before they are read. */
#include "bench.h"

#ifndef M
#define M 3
#endif
#ifndef N
#define N 4
#endif
#define _PB_M BENCH_LOOP_BOUND(M, m)
#define _PB_N BENCH_LOOP_BOUND(N, n)

void kernel_atax(int m, int n, DATA_TYPE A[M][N], DATA_TYPE x[N], DATA_TYPE y[N],
                 DATA_TYPE tmp[M]) {
  int i, j;
  for (i = 0; i < _PB_N; i++)
    y[i] = 0;
  for (i = 0; i < _PB_M; i++) {
    tmp[i] = SCALAR_VAL(0.0);
    for (j = 0; j < _PB_N; j++)
      tmp[i] = tmp[i] + A[i][j] * x[j];
    for (j = 0; j < _PB_N; j++)
      y[j] = y[j] + A[i][j] * tmp[i];
  }
}

int main(void) {
  DATA_TYPE A[M][N], x[N], y[N], tmp[M];
  int i, j;
  for (i = 0; i < N; i++)
    x[i] = 1 + (i / (DATA_TYPE)N);
  for (i = 0; i < M; i++)
    for (j = 0; j < N; j++)
      A[i][j] = (DATA_TYPE)((i + j) % N) / (5 * M);
  kernel_atax(M, N, A, x, y, tmp);
  bench_print_array("y", y, N);
  return 0;
}
