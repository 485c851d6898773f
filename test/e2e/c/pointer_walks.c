/* pointer_walks.c - kernels that walk their data the way C code does: a
 * pointer parameter copied into a local and stepped (*p++) or stepped itself
 * (x++), the rows of a
 * double ** and of a C array parameter taken into a row pointer, and an
 * array of structs read by field (ps[i].m, p->x). An element first read is
 * an input of the parameter it was reached from, in address order
 * (docs/semantics.md, "Inputs"). */
#include "bench.h"

#ifndef N
#define N 4
#endif
#ifndef M
#define M 3
#endif
#define _PB_N BENCH_LOOP_BOUND(N, n)
#define _PB_M BENCH_LOOP_BOUND(M, m)

struct particle {
  DATA_TYPE x, y, m;
};

DATA_TYPE kernel_dot_walk(int n, const DATA_TYPE *x, const DATA_TYPE *y) {
  const DATA_TYPE *p = x, *q = y;
  const DATA_TYPE *end = x + _PB_N;
  DATA_TYPE s = SCALAR_VAL(0.0);
  while (p != end)
    s += *p++ * *q++;
  return s;
}

void kernel_row_sums(int m, int n, DATA_TYPE **A, DATA_TYPE *y) {
  int i, j;
  for (i = 0; i < _PB_M; i++) {
    const DATA_TYPE *row = A[i];
    DATA_TYPE s = row[0];
    for (j = 1; j < _PB_N; j++)
      s = s + row[j];
    y[i] = s;
  }
}

void kernel_row_walk(int m, int n, DATA_TYPE A[M][N], DATA_TYPE x[N], DATA_TYPE y[M]) {
  int i, j;
  for (i = 0; i < _PB_M; i++) {
    DATA_TYPE *row = A[i];
    DATA_TYPE *xp = &x[0];
    y[i] = SCALAR_VAL(0.0);
    for (j = 0; j < _PB_N; j++, xp++)
      y[i] += row[j] * *xp;
  }
}

void kernel_centroid(int n, const struct particle *ps, DATA_TYPE *out) {
  int i;
  DATA_TYPE mx = SCALAR_VAL(0.0), total = SCALAR_VAL(0.0);
  for (i = 0; i < _PB_N; i++) {
    const struct particle *p = ps + i;
    mx += p->m * p->x;
    total += ps[i].m;
  }
  out[0] = mx / total;
}

void kernel_scale_walk(int n, DATA_TYPE *x, const DATA_TYPE *y, DATA_TYPE a) {
  while (n-- > 0) {
    *x = *x * a + *y++;
    x++;
  }
}

int main(void) {
  DATA_TYPE x[N], y[N], sums[M], out[1];
  DATA_TYPE grid[M][N];
  DATA_TYPE *block = (DATA_TYPE *)bench_alloc_data(M * N, sizeof(DATA_TYPE));
  DATA_TYPE *rows[M];
  struct particle ps[N];
  int i, j;
  for (i = 0; i < N; i++) {
    x[i] = 1 + i / (DATA_TYPE)N;
    y[i] = 2 - i / (DATA_TYPE)N;
    ps[i].x = i;
    ps[i].y = N - i;
    ps[i].m = 1 + (i % 2);
  }
  for (i = 0; i < M; i++) {
    rows[i] = block + i * N; /* the rows in one block: address order is row-major */
    for (j = 0; j < N; j++) {
      rows[i][j] = (DATA_TYPE)((i + j) % N) / (5 * M);
      grid[i][j] = rows[i][j] + 1;
    }
  }
  out[0] = kernel_dot_walk(N, x, y);
  bench_print_array("dot", out, 1);
  kernel_row_sums(M, N, rows, sums);
  bench_print_array("sums", sums, M);
  kernel_row_walk(M, N, grid, x, sums);
  bench_print_array("walk", sums, M);
  kernel_centroid(N, ps, out);
  bench_print_array("centroid", out, 1);
  kernel_scale_walk(N, x, y, 1.5);
  bench_print_array("scaled", x, N);
  free(block);
  return 0;
}
