// linalg.cpp - matvec, vecmat and naive matmul on ones() inputs
// (cases.md, "Expected numbers"; the seed document's benchmark table).
//
// EXPECT: matvec call=0 cost=26 trace=4,6,5,6,3,1,5,3,4,3,2,1
// EXPECT: vecmat call=0 cost=25 trace=6,4,6,4,3,1,3,5,3,4,2,1
// EXPECT: matvec call=1 cost=75 trace=9,12,10,12,3,1,10,11,3,1,10,4,10,5,3,1,9,5,3,1,8,4,7,4,2,1,5,3,2,1
// EXPECT: vecmat call=1 cost=72 trace=12,9,12,8,3,1,11,6,3,1,4,10,5,9,3,1,5,7,3,1,4,8,4,7,2,1,3,5,2,1
// EXPECT: matvec call=2 cost=157 trace=16,20,17,20,3,1,17,19,3,1,17,18,3,1,17,5,17,6,3,1,16,6,3,1,15,6,3,1,14,5,14,6,3,1,13,6,3,1,12,6,3,1,11,5,10,5,2,1,8,4,2,1,6,3,2,1
// EXPECT: vecmat call=2 cost=150 trace=20,16,20,14,3,1,19,11,3,1,18,8,3,1,5,17,6,15,3,1,6,12,3,1,6,9,3,1,5,14,6,13,3,1,6,11,3,1,6,9,3,1,5,11,5,10,2,1,4,8,2,1,3,6,2,1
// EXPECT: matvec call=3 cost=270 reads=90
// EXPECT: vecmat call=3 cost=258 reads=90
// EXPECT: matvec call=4 cost=422 reads=132
// EXPECT: vecmat call=4 cost=397 reads=132
// EXPECT: matvec call=5 cost=615 reads=182
// EXPECT: vecmat call=5 cost=572 reads=182
// EXPECT: matvec call=6 cost=896 reads=240
// EXPECT: vecmat call=6 cost=832 reads=240
// EXPECT: matvec call=7 cost=5354 reads=992
// EXPECT: vecmat call=7 cost=4688 reads=992
// EXPECT: matmul call=0 cost=57 trace=4,8,6,8,4,1,5,9,5,9,3,1,8,6,8,7,3,1,3,6,3,5,2,1
// EXPECT: matmul call=1 cost=720 reads=224
// EXPECT: matmul call=2 cost=8867 reads=1920
// EXPECT: matmul call=3 cost=109783 reads=15872
#include <cstdio>
#include <vector>

// cases.md: matvec N=2, N=3, N=4, N=5, N=6, N=7, N=8, N=16
std::vector<double> matvec(const std::vector<std::vector<double>>& A, const std::vector<double>& x) {
  size_t n = x.size();
  std::vector<double> y(n);
  for (size_t i = 0; i < n; ++i) {
    double s = A[i][0] * x[0];
    for (size_t j = 1; j < n; ++j) s = s + A[i][j] * x[j];
    y[i] = s;
  }
  return y;
}

// cases.md: vecmat N=2, N=3, N=4, N=5, N=6, N=7, N=8, N=16
std::vector<double> vecmat(const std::vector<std::vector<double>>& A, const std::vector<double>& x) {
  size_t n = x.size();
  std::vector<double> y(n);
  for (size_t j = 0; j < n; ++j) {
    double s = x[0] * A[0][j];
    for (size_t i = 1; i < n; ++i) s = s + x[i] * A[i][j];
    y[j] = s;
  }
  return y;
}

// cases.md: matmul N=2, N=4, N=8, N=16
std::vector<std::vector<double>> matmul(const std::vector<std::vector<double>>& A,
                                        const std::vector<std::vector<double>>& B) {
  size_t n = A.size();
  std::vector<std::vector<double>> C(n, std::vector<double>(n));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      double s = A[i][0] * B[0][j];
      for (size_t k = 1; k < n; ++k) s = s + A[i][k] * B[k][j];
      C[i][j] = s;
    }
  return C;
}

int main() {
  for (size_t n : {2, 3, 4, 5, 6, 7, 8, 16}) {
    std::vector<std::vector<double>> A(n, std::vector<double>(n, 1.0));
    std::vector<double> x(n, 1.0);
    for (double v : matvec(A, x)) std::printf("%.17g\n", v);
    for (double v : vecmat(A, x)) std::printf("%.17g\n", v);
  }
  for (size_t n : {2, 4, 8, 16}) {
    std::vector<std::vector<double>> A(n, std::vector<double>(n, 1.0));
    std::vector<std::vector<double>> B(n, std::vector<double>(n, 1.0));
    for (const std::vector<double>& row : matmul(A, B))
      for (double v : row) std::printf("%.17g\n", v);
  }
  return 0;
}
