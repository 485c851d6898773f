// sized_matvec.cpp - the seed's matvec at N = 2, 4, 8 and 16, each row's
// dot product in a function of its own and the rows in a region, with the
// problem size given: the page's summary, breakdowns and size sweep
// (test/browser).
#include "bytedmd/bytedmd.h"

#include <cstdio>
#include <vector>

using Matrix = std::vector<std::vector<double>>;

double row_dot(const std::vector<double> &row, const std::vector<double> &x) {
  double s = row[0] * x[0];
  for (std::size_t j = 1; j < x.size(); ++j)
    s = s + row[j] * x[j];
  return s;
}

BYTEDMD_MEASURE std::vector<double> matvec(const Matrix &A, const std::vector<double> &x) {
  bytedmd::size(x.size());
  std::vector<double> y(x.size());
  BYTEDMD_REGION("rows");
  for (std::size_t i = 0; i < x.size(); ++i)
    y[i] = row_dot(A[i], x);
  return y;
}

int main() {
  for (std::size_t n : {2, 4, 8, 16}) {
    const Matrix A(n, std::vector<double>(n, 1.0));
    const std::vector<double> x(n, 1.0);
    std::printf("N=%zu: y[0] = %g\n", n, matvec(A, x)[0]);
  }
  return 0;
}
