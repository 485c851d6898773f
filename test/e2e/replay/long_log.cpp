// long_log.cpp - a measurement long enough that the default replay runs in
// two halves on two threads (more than 2^22 log words: naive matmul at
// N = 96 reads 3.5 million values), with function frames and regions open
// across the split, inputs of two parameters, and results.
// replay_threads_test.cpp compares its report with BYTEDMD_REPLAY_THREADS=1.
#include "bytedmd/bytedmd.h"

#include <cstdio>
#include <vector>

#ifndef N
#define N 96
#endif

using Matrix = std::vector<std::vector<double>>;

double dot(const Matrix &A, const Matrix &B, int i, int j) {
  double s = A[i][0] * B[0][j];
  for (int k = 1; k < N; ++k)
    s = s + A[i][k] * B[k][j];
  return s;
}

BYTEDMD_MEASURE Matrix matmul(const Matrix &A, const Matrix &B) {
  Matrix C(N, std::vector<double>(N));
  for (int i = 0; i < N; ++i) {
    BYTEDMD_REGION(i < N / 2 ? "top" : "bottom");
    for (int j = 0; j < N; ++j)
      C[i][j] = dot(A, B, i, j);
  }
  return C;
}

int main() {
  Matrix A(N, std::vector<double>(N)), B(N, std::vector<double>(N));
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) {
      A[i][j] = 1.0 + (i + 2 * j) % 5;
      B[i][j] = 0.5 * ((3 * i + j) % 7);
    }
  const Matrix C = matmul(A, B);
  double sum = 0;
  for (const auto &row : C)
    for (double x : row)
      sum += x;
  std::printf("%.1f\n", sum);
  return 0;
}
