// attention.cpp - single-head attention, O = softmax(Q K^T / sqrt(d)) V, two
// ways. One measurement per run:
//
//   attention naive N [D]          the N x N score matrix, softmax, then P V
//   attention flash N BLOCK [D]    per query row, key/value blocks of BLOCK
//                                  rows with an online softmax (running max,
//                                  running sum, rescaled accumulator)
//
// The block size is a size: measure with --untracked=flash_attention:block.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using Vector = std::vector<double>;
using Matrix = std::vector<std::vector<double>>;

Matrix naive_attention(const Matrix &Q, const Matrix &K, const Matrix &V) {
  const size_t n = Q.size(), d = Q[0].size();
  const double scale = 1.0 / std::sqrt(double(d));
  Matrix S(n, Vector(n));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      double s = Q[i][0] * K[j][0];
      for (size_t k = 1; k < d; ++k) s = s + Q[i][k] * K[j][k];
      S[i][j] = s * scale;
    }
  for (size_t i = 0; i < n; ++i) {
    double m = S[i][0];
    for (size_t j = 1; j < n; ++j) m = std::max(m, S[i][j]);
    double l = 0;
    for (size_t j = 0; j < n; ++j) {
      S[i][j] = std::exp(S[i][j] - m);
      l = l + S[i][j];
    }
    for (size_t j = 0; j < n; ++j) S[i][j] = S[i][j] / l;
  }
  Matrix O(n, Vector(d));
  for (size_t i = 0; i < n; ++i)
    for (size_t k = 0; k < d; ++k) {
      double o = S[i][0] * V[0][k];
      for (size_t j = 1; j < n; ++j) o = o + S[i][j] * V[j][k];
      O[i][k] = o;
    }
  return O;
}

Matrix flash_attention(const Matrix &Q, const Matrix &K, const Matrix &V, size_t block) {
  const size_t n = Q.size(), d = Q[0].size();
  const double scale = 1.0 / std::sqrt(double(d));
  Matrix O(n, Vector(d));
  for (size_t i = 0; i < n; ++i) {
    double m = -INFINITY, l = 0;
    Vector acc(d);
    for (size_t jj = 0; jj < n; jj += block) {
      const size_t end = std::min(jj + block, n);
      Vector s(end - jj);
      double block_max = m;
      for (size_t j = jj; j < end; ++j) {
        double dot = Q[i][0] * K[j][0];
        for (size_t k = 1; k < d; ++k) dot = dot + Q[i][k] * K[j][k];
        s[j - jj] = dot * scale;
        block_max = std::max(block_max, s[j - jj]);
      }
      const double correction = std::exp(m - block_max);
      l = l * correction;
      for (size_t k = 0; k < d; ++k) acc[k] = acc[k] * correction;
      for (size_t j = jj; j < end; ++j) {
        const double p = std::exp(s[j - jj] - block_max);
        l = l + p;
        for (size_t k = 0; k < d; ++k) acc[k] = acc[k] + p * V[j][k];
      }
      m = block_max;
    }
    for (size_t k = 0; k < d; ++k) O[i][k] = acc[k] / l;
  }
  return O;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: attention naive N [D] | attention flash N BLOCK [D]\n");
    return 2;
  }
  const bool flash = std::strcmp(argv[1], "flash") == 0;
  const size_t n = size_t(std::atoi(argv[2]));
  const size_t block = flash && argc > 3 ? size_t(std::atoi(argv[3])) : 0;
  const int dArg = flash ? 4 : 3;
  const size_t d = argc > dArg ? size_t(std::atoi(argv[dArg])) : 2;
  const Matrix Q(n, Vector(d, 1.0)), K(n, Vector(d, 1.0)), V(n, Vector(d, 1.0));
  const Matrix O = flash ? flash_attention(Q, K, V, block) : naive_attention(Q, K, V);
  double check = 0;
  for (const Vector &row : O)
    for (double v : row) check += v;
  std::printf("%s N=%zu: sum = %.17g\n", argv[1], n, check);
  return 0;
}
