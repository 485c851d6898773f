// linalg.cpp - the seed's linear-algebra benchmarks, written the natural way
// with std::vector. One measurement per run:
//
//   linalg ALGORITHM N [BLOCK]
//
// ALGORITHM: matvec, vecmat, matmul (naive i-j-k), ijk, ikj, jik, jki, kij, kji
// (loop orders), tiled (blocked i-j-k with BLOCK), tiled_published (the
// jj-kk-i-j-k order of the DMD paper), recursive (8-way divide and conquer),
// strassen, winograd. Inputs are ones(N) and ones(N, N), as the seed.
// The tile size is a size: measure with --untracked=block.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using Vector = std::vector<double>;
using Matrix = std::vector<std::vector<double>>;

Vector matvec(const Matrix &A, const Vector &x) {
  const size_t n = x.size();
  Vector y(n);
  for (size_t i = 0; i < n; ++i) {
    double s = A[i][0] * x[0];
    for (size_t j = 1; j < n; ++j) s = s + A[i][j] * x[j];
    y[i] = s;
  }
  return y;
}

Vector vecmat(const Matrix &A, const Vector &x) {
  const size_t n = x.size();
  Vector y(n);
  for (size_t j = 0; j < n; ++j) {
    double s = x[0] * A[0][j];
    for (size_t i = 1; i < n; ++i) s = s + x[i] * A[i][j];
    y[j] = s;
  }
  return y;
}

Matrix matmul(const Matrix &A, const Matrix &B) {
  const size_t n = A.size();
  Matrix C(n, Vector(n));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      double s = A[i][0] * B[0][j];
      for (size_t k = 1; k < n; ++k) s = s + A[i][k] * B[k][j];
      C[i][j] = s;
    }
  return C;
}

// Loop orders: C[i][j] += A[i][k] * B[k][j] with C starting at zero, the loops
// nested in the order the name gives.
Matrix ijk(const Matrix &A, const Matrix &B) {
  const size_t n = A.size();
  Matrix C(n, Vector(n));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j)
      for (size_t k = 0; k < n; ++k) C[i][j] += A[i][k] * B[k][j];
  return C;
}
Matrix ikj(const Matrix &A, const Matrix &B) {
  const size_t n = A.size();
  Matrix C(n, Vector(n));
  for (size_t i = 0; i < n; ++i)
    for (size_t k = 0; k < n; ++k)
      for (size_t j = 0; j < n; ++j) C[i][j] += A[i][k] * B[k][j];
  return C;
}
Matrix jik(const Matrix &A, const Matrix &B) {
  const size_t n = A.size();
  Matrix C(n, Vector(n));
  for (size_t j = 0; j < n; ++j)
    for (size_t i = 0; i < n; ++i)
      for (size_t k = 0; k < n; ++k) C[i][j] += A[i][k] * B[k][j];
  return C;
}
Matrix jki(const Matrix &A, const Matrix &B) {
  const size_t n = A.size();
  Matrix C(n, Vector(n));
  for (size_t j = 0; j < n; ++j)
    for (size_t k = 0; k < n; ++k)
      for (size_t i = 0; i < n; ++i) C[i][j] += A[i][k] * B[k][j];
  return C;
}
Matrix kij(const Matrix &A, const Matrix &B) {
  const size_t n = A.size();
  Matrix C(n, Vector(n));
  for (size_t k = 0; k < n; ++k)
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) C[i][j] += A[i][k] * B[k][j];
  return C;
}
Matrix kji(const Matrix &A, const Matrix &B) {
  const size_t n = A.size();
  Matrix C(n, Vector(n));
  for (size_t k = 0; k < n; ++k)
    for (size_t j = 0; j < n; ++j)
      for (size_t i = 0; i < n; ++i) C[i][j] += A[i][k] * B[k][j];
  return C;
}

// Blocked i-j-k: each BLOCK x BLOCK tile of C accumulates the products of a
// row of tiles of A and a column of tiles of B.
Matrix tiled(const Matrix &A, const Matrix &B, size_t block) {
  const size_t n = A.size();
  Matrix C(n, Vector(n));
  for (size_t ii = 0; ii < n; ii += block)
    for (size_t jj = 0; jj < n; jj += block)
      for (size_t kk = 0; kk < n; kk += block)
        for (size_t i = ii; i < ii + block && i < n; ++i)
          for (size_t j = jj; j < jj + block && j < n; ++j) {
            double s = C[i][j];
            for (size_t k = kk; k < kk + block && k < n; ++k) s = s + A[i][k] * B[k][j];
            C[i][j] = s;
          }
  return C;
}

// Tiled in the loop order of Smith, Goldfarb and Ding (ICS 2022, Theorem 3):
// column tiles jj and depth tiles kk outside, then i, j, k, with C updated
// in memory at every step. Its DMD is bounded there as a stack of locations.
Matrix tiled_published(const Matrix &A, const Matrix &B, size_t block) {
  const size_t n = A.size();
  Matrix C(n, Vector(n));
  for (size_t jj = 0; jj < n; jj += block)
    for (size_t kk = 0; kk < n; kk += block)
      for (size_t i = 0; i < n; ++i)
        for (size_t j = jj; j < jj + block && j < n; ++j)
          for (size_t k = kk; k < kk + block && k < n; ++k)
            C[i][j] = C[i][j] + A[i][k] * B[k][j];
  return C;
}

// Divide and conquer on quadrants: every product and every sum is a new
// matrix (a new temporary per value).
Matrix quadrant(const Matrix &A, size_t r, size_t c) {
  const size_t h = A.size() / 2;
  Matrix Q(h, Vector(h));
  for (size_t i = 0; i < h; ++i)
    for (size_t j = 0; j < h; ++j) Q[i][j] = A[r + i][c + j];
  return Q;
}
Matrix add(const Matrix &A, const Matrix &B) {
  const size_t n = A.size();
  Matrix C(n, Vector(n));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) C[i][j] = A[i][j] + B[i][j];
  return C;
}
Matrix sub(const Matrix &A, const Matrix &B) {
  const size_t n = A.size();
  Matrix C(n, Vector(n));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) C[i][j] = A[i][j] - B[i][j];
  return C;
}
Matrix join(const Matrix &C11, const Matrix &C12, const Matrix &C21, const Matrix &C22) {
  const size_t h = C11.size();
  Matrix C(2 * h, Vector(2 * h));
  for (size_t i = 0; i < h; ++i)
    for (size_t j = 0; j < h; ++j) {
      C[i][j] = C11[i][j];
      C[i][j + h] = C12[i][j];
      C[i + h][j] = C21[i][j];
      C[i + h][j + h] = C22[i][j];
    }
  return C;
}

Matrix recursive(const Matrix &A, const Matrix &B) {
  if (A.size() == 1) return {{A[0][0] * B[0][0]}};
  const Matrix A11 = quadrant(A, 0, 0), A12 = quadrant(A, 0, A.size() / 2);
  const Matrix A21 = quadrant(A, A.size() / 2, 0), A22 = quadrant(A, A.size() / 2, A.size() / 2);
  const Matrix B11 = quadrant(B, 0, 0), B12 = quadrant(B, 0, B.size() / 2);
  const Matrix B21 = quadrant(B, B.size() / 2, 0), B22 = quadrant(B, B.size() / 2, B.size() / 2);
  return join(add(recursive(A11, B11), recursive(A12, B21)),
              add(recursive(A11, B12), recursive(A12, B22)),
              add(recursive(A21, B11), recursive(A22, B21)),
              add(recursive(A21, B12), recursive(A22, B22)));
}

Matrix strassen(const Matrix &A, const Matrix &B) {
  if (A.size() == 1) return {{A[0][0] * B[0][0]}};
  const size_t h = A.size() / 2;
  const Matrix A11 = quadrant(A, 0, 0), A12 = quadrant(A, 0, h), A21 = quadrant(A, h, 0),
               A22 = quadrant(A, h, h);
  const Matrix B11 = quadrant(B, 0, 0), B12 = quadrant(B, 0, h), B21 = quadrant(B, h, 0),
               B22 = quadrant(B, h, h);
  const Matrix M1 = strassen(add(A11, A22), add(B11, B22));
  const Matrix M2 = strassen(add(A21, A22), B11);
  const Matrix M3 = strassen(A11, sub(B12, B22));
  const Matrix M4 = strassen(A22, sub(B21, B11));
  const Matrix M5 = strassen(add(A11, A12), B22);
  const Matrix M6 = strassen(sub(A21, A11), add(B11, B12));
  const Matrix M7 = strassen(sub(A12, A22), add(B21, B22));
  return join(add(sub(add(M1, M4), M5), M7), add(M3, M5), add(M2, M4),
              add(add(sub(M1, M2), M3), M6));
}

// Strassen-Winograd: 7 products and 15 additions.
Matrix winograd(const Matrix &A, const Matrix &B) {
  if (A.size() == 1) return {{A[0][0] * B[0][0]}};
  const size_t h = A.size() / 2;
  const Matrix A11 = quadrant(A, 0, 0), A12 = quadrant(A, 0, h), A21 = quadrant(A, h, 0),
               A22 = quadrant(A, h, h);
  const Matrix B11 = quadrant(B, 0, 0), B12 = quadrant(B, 0, h), B21 = quadrant(B, h, 0),
               B22 = quadrant(B, h, h);
  const Matrix S1 = add(A21, A22), S2 = sub(S1, A11), S3 = sub(A11, A21), S4 = sub(A12, S2);
  const Matrix T1 = sub(B12, B11), T2 = sub(B22, T1), T3 = sub(B22, B12), T4 = sub(T2, B21);
  const Matrix P1 = winograd(A11, B11), P2 = winograd(A12, B21), P3 = winograd(S4, B22);
  const Matrix P4 = winograd(A22, T4), P5 = winograd(S1, T1), P6 = winograd(S2, T2);
  const Matrix P7 = winograd(S3, T3);
  const Matrix U1 = add(P1, P2), U2 = add(P1, P6), U3 = add(U2, P7), U4 = add(U2, P5);
  const Matrix U5 = add(U4, P3), U6 = sub(U3, P4), U7 = add(U3, P5);
  return join(U1, U5, U6, U7);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: linalg ALGORITHM N [BLOCK]\n");
    return 2;
  }
  const char *algorithm = argv[1];
  const size_t n = size_t(std::atoi(argv[2]));
  const size_t block = argc > 3 ? size_t(std::atoi(argv[3])) : 4;
  const Matrix A(n, Vector(n, 1.0)), B(n, Vector(n, 1.0));
  const Vector x(n, 1.0);
  double check = 0;
  auto sum = [&](const Matrix &C) {
    for (const Vector &row : C)
      for (double v : row) check += v;
  };
  if (!std::strcmp(algorithm, "matvec")) {
    for (double v : matvec(A, x)) check += v;
  } else if (!std::strcmp(algorithm, "vecmat")) {
    for (double v : vecmat(A, x)) check += v;
  } else if (!std::strcmp(algorithm, "matmul")) sum(matmul(A, B));
  else if (!std::strcmp(algorithm, "ijk")) sum(ijk(A, B));
  else if (!std::strcmp(algorithm, "ikj")) sum(ikj(A, B));
  else if (!std::strcmp(algorithm, "jik")) sum(jik(A, B));
  else if (!std::strcmp(algorithm, "jki")) sum(jki(A, B));
  else if (!std::strcmp(algorithm, "kij")) sum(kij(A, B));
  else if (!std::strcmp(algorithm, "kji")) sum(kji(A, B));
  else if (!std::strcmp(algorithm, "tiled")) sum(tiled(A, B, block));
  else if (!std::strcmp(algorithm, "tiled_published")) sum(tiled_published(A, B, block));
  else if (!std::strcmp(algorithm, "recursive")) sum(recursive(A, B));
  else if (!std::strcmp(algorithm, "strassen")) sum(strassen(A, B));
  else if (!std::strcmp(algorithm, "winograd")) sum(winograd(A, B));
  else {
    std::fprintf(stderr, "linalg: unknown algorithm '%s'\n", algorithm);
    return 2;
  }
  std::printf("%s N=%zu: sum = %.17g\n", algorithm, n, check);
  return 0;
}
