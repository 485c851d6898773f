// matvec.cpp - the seed's matrix-vector product, measured at N = 2, 4, 8 and 16.
//
//   bytedmd run examples/matvec.cpp
//
// prints one row per call; the costs are the seed's table (26, 157, 896, 5354).
//
// EXPECT: matvec call=0 cost=26 trace=4,6,5,6,3,1,5,3,4,3,2,1
// EXPECT: matvec call=1 cost=157 reads=56
// EXPECT: matvec call=2 cost=896 reads=240
// EXPECT: matvec call=3 cost=5354 reads=992
#include <cstdio>
#include <vector>

using Matrix = std::vector<std::vector<double>>;

std::vector<double> matvec(const Matrix &A, const std::vector<double> &x) {
  const size_t n = x.size();
  std::vector<double> y(n);
  for (size_t i = 0; i < n; ++i) {
    double s = A[i][0] * x[0];
    for (size_t j = 1; j < n; ++j) s = s + A[i][j] * x[j];
    y[i] = s;
  }
  return y;
}

int main() {
  for (size_t n : {2, 4, 8, 16}) {
    const Matrix A(n, std::vector<double>(n, 1.0));
    const std::vector<double> x(n, 1.0);
    const std::vector<double> y = matvec(A, x);
    std::printf("N=%zu: y[0] = %g\n", n, y[0]);
  }
  return 0;
}
