/* gemm.c - C = alpha * A * B + beta * C, a kernel as the suites write it. */
#include "bench.h"

#ifndef NI
#define NI 4
#endif
#ifndef NJ
#define NJ 5
#endif
#ifndef NK
#define NK 3
#endif
#define _PB_NI BENCH_LOOP_BOUND(NI, ni)
#define _PB_NJ BENCH_LOOP_BOUND(NJ, nj)
#define _PB_NK BENCH_LOOP_BOUND(NK, nk)

static void init_array(int ni, int nj, int nk, DATA_TYPE *alpha, DATA_TYPE *beta,
                       DATA_TYPE C[NI][NJ], DATA_TYPE A[NI][NK], DATA_TYPE B[NK][NJ]) {
  int i, j;
  *alpha = 1.5;
  *beta = 1.2;
  for (i = 0; i < ni; i++)
    for (j = 0; j < nj; j++)
      C[i][j] = (DATA_TYPE)((i * j + 1) % ni) / ni;
  for (i = 0; i < ni; i++)
    for (j = 0; j < nk; j++)
      A[i][j] = (DATA_TYPE)(i * (j + 1) % nk) / nk;
  for (i = 0; i < nk; i++)
    for (j = 0; j < nj; j++)
      B[i][j] = (DATA_TYPE)(i * (j + 2) % nj) / nj;
}

void kernel_gemm(int ni, int nj, int nk, DATA_TYPE alpha, DATA_TYPE beta, DATA_TYPE C[NI][NJ],
                 DATA_TYPE A[NI][NK], DATA_TYPE B[NK][NJ]) {
  int i, j, k;
  for (i = 0; i < _PB_NI; i++) {
    for (j = 0; j < _PB_NJ; j++)
      C[i][j] *= beta;
    for (k = 0; k < _PB_NK; k++)
      for (j = 0; j < _PB_NJ; j++)
        C[i][j] += alpha * A[i][k] * B[k][j];
  }
}

int main(void) {
  int ni = NI, nj = NJ, nk = NK;
  DATA_TYPE alpha, beta;
  DATA_TYPE(*C)[NJ] = (DATA_TYPE(*)[NJ])bench_alloc_data(NI * NJ, sizeof(DATA_TYPE));
  DATA_TYPE(*A)[NK] = (DATA_TYPE(*)[NK])bench_alloc_data(NI * NK, sizeof(DATA_TYPE));
  DATA_TYPE(*B)[NJ] = (DATA_TYPE(*)[NJ])bench_alloc_data(NK * NJ, sizeof(DATA_TYPE));
  init_array(ni, nj, nk, &alpha, &beta, C, A, B);
  kernel_gemm(ni, nj, nk, alpha, beta, C, A, B);
  bench_print_array("C", &C[0][0], NI * NJ);
  free(C);
  free(A);
  free(B);
  return 0;
}
