// chunks.cpp - measurements longer than one streaming chunk (2^20 log
// words): naive matmul at N = 72 (1.5M reads, three chunks), and a sum that
// reads each element 300 times (counts past the first execution's byte).
#include <cstdio>
#include <vector>

using Matrix = std::vector<std::vector<double>>;

Matrix matmul(const Matrix &A, const Matrix &B) {
  const std::size_t n = A.size();
  Matrix C(n, std::vector<double>(n));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      double s = A[i][0] * B[0][j];
      for (std::size_t k = 1; k < n; ++k)
        s = s + A[i][k] * B[k][j];
      C[i][j] = s;
    }
  return C;
}

double sum_again(const std::vector<double> &x) {
  double s = x[0];
  for (int round = 0; round < 300; ++round)
    for (std::size_t i = 0; i < x.size(); ++i)
      s = s + x[i];
  return s;
}

int main() {
  const std::size_t n = 72;
  Matrix A(n, std::vector<double>(n)), B(n, std::vector<double>(n));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      A[i][j] = double(i + j) / n;
      B[i][j] = double(i) - double(j);
    }
  std::printf("%g\n", matmul(A, B)[3][5]);
  std::printf("%g\n", sum_again({1, 2, 3, 4}));
  return 0;
}
