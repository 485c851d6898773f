/* nussinov.c - a dynamic program over a char sequence (one byte a base),
 * with the suite's max_score and match macros. */
#include "bench.h"

#ifndef N
#define N 5
#endif
#define _PB_N BENCH_LOOP_BOUND(N, n)

typedef char base;
#define match(b1, b2) (((b1) + (b2)) == 3 ? 1 : 0)
#define max_score(s1, s2) ((s1 >= s2) ? s1 : s2)

void kernel_nussinov(int n, base seq[N], int table[N][N]) {
  int i, j, k;
  for (i = _PB_N - 1; i >= 0; i--) {
    for (j = i + 1; j < _PB_N; j++) {
      if (j - 1 >= 0)
        table[i][j] = max_score(table[i][j], table[i][j - 1]);
      if (i + 1 < _PB_N)
        table[i][j] = max_score(table[i][j], table[i + 1][j]);
      if (j - 1 >= 0 && i + 1 < _PB_N) {
        if (i < j - 1)
          table[i][j] = max_score(table[i][j], table[i + 1][j - 1] + match(seq[i], seq[j]));
        else
          table[i][j] = max_score(table[i][j], table[i + 1][j - 1]);
      }
      for (k = i + 1; k < j; k++)
        table[i][j] = max_score(table[i][j], table[i][k] + table[k + 1][j]);
    }
  }
}

int main(void) {
  base seq[N];
  int table[N][N];
  int i, j;
  for (i = 0; i < N; i++)
    seq[i] = (base)((i + 1) % 4);
  for (i = 0; i < N; i++)
    for (j = 0; j < N; j++)
      table[i][j] = 0;
  kernel_nussinov(N, seq, table);
  for (i = 0; i < N; i++) {
    for (j = 0; j < N; j++)
      printf("%d ", table[i][j]);
    printf("\n");
  }
  return 0;
}
