// vectors.cpp - conformance cases on vectors and a small matrix (cases.md, "Expected numbers").
//
// EXPECT: dot_explicit call=0 cost=11 trace=2,4,2,3,2,1
// EXPECT: dot_sum call=0 cost=12 trace=2,4,1,2,3,2,1
// EXPECT: index call=0 cost=2 trace=2
// EXPECT: transpose call=0 cost=0 trace=
#include <cstdio>
#include <vector>

// cases.md: dot_explicit([0,1],[2,3])
double dot_explicit(const std::vector<double>& a, const std::vector<double>& b) {
  return a[0] * b[0] + a[1] * b[1];
}

// cases.md: dot_sum([0,1],[2,3])
double dot_sum(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s = s + a[i] * b[i];
  return s;
}

// cases.md: index([10,20,30],1)
double index(const std::vector<double>& xs, int i) { return xs[i]; }

// cases.md: transpose([[1,2],[3,4]])
std::vector<std::vector<double>> transpose(const std::vector<std::vector<double>>& A) {
  size_t n = A.size();
  std::vector<std::vector<double>> T(n, std::vector<double>(n));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) T[i][j] = A[j][i];
  return T;
}

int main() {
  std::printf("%.17g\n", dot_explicit({0, 1}, {2, 3}));
  std::printf("%.17g\n", dot_sum({0, 1}, {2, 3}));
  std::printf("%.17g\n", index({10, 20, 30}, 1));
  for (const std::vector<double>& row : transpose({{1, 2}, {3, 4}}))
    for (double v : row) std::printf("%.17g\n", v);
  return 0;
}
