/* hostile.c - a kernel compiled with the size macros users pass
 * (-DN=4 -DT=2 -DB=3 -DM=5 -DK=7): none may break the instrumented file. */
#include <stdio.h>

void kernel_mv(int n, int m, double A[N][M], double x[M], double y[N]) {
  int i, j;
  for (i = 0; i < n; i++) {
    y[i] = 0.0;
    for (j = 0; j < m; j++)
      y[i] = y[i] + A[i][j] * x[j];
  }
}

int main(void) {
  double A[N][M], x[M], y[N];
  int i, j;
  for (i = 0; i < N; i++)
    for (j = 0; j < M; j++)
      A[i][j] = (i + T) * (j + B) % K;
  for (j = 0; j < M; j++)
    x[j] = j + 1;
  kernel_mv(N, M, A, x, y);
  for (i = 0; i < N; i++)
    printf("%g ", y[i]);
  printf("\n");
  return 0;
}
