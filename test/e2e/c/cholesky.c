/* cholesky.c - in-place Cholesky factorisation, the square root through a
 * macro. */
#include "bench.h"

#ifndef N
#define N 4
#endif
#define _PB_N BENCH_LOOP_BOUND(N, n)

void kernel_cholesky(int n, DATA_TYPE A[N][N]) {
  int i, j, k;
  for (i = 0; i < _PB_N; i++) {
    for (j = 0; j < i; j++) {
      for (k = 0; k < j; k++)
        A[i][j] -= A[i][k] * A[j][k];
      A[i][j] /= A[j][j];
    }
    for (k = 0; k < i; k++)
      A[i][i] -= A[i][k] * A[i][k];
    A[i][i] = SQRT_FUN(A[i][i]);
  }
}

int main(void) {
  DATA_TYPE A[N][N];
  int i, j;
  /* A symmetric, diagonally dominant matrix: positive definite. */
  for (i = 0; i < N; i++)
    for (j = 0; j < N; j++)
      A[i][j] = i == j ? N + 1.0 : 1.0 / (1 + i + j);
  kernel_cholesky(N, A);
  bench_print_array("A", &A[0][0], N * N);
  return 0;
}
