// complex.cpp - std::complex<double> is one value with one key: building it
// from its parts, its operators and its functions are one instruction each.
// Traces worked out by hand; inputs stored last parameter first.
//
// EXPECT: square_real call=0 cost=6 trace=1,2,1,1,1
// EXPECT: abs_sum call=0 cost=7 trace=2,2,2,1
// EXPECT: scaled_norm call=0 cost=7 trace=1,2,1,2,1
#include <complex>
#include <cstdio>
#include <vector>

using cd = std::complex<double>;

// [b, a]: cd(a, b) reads a (1), b (2) -> z [z]; z * z reads 1, 1 -> w;
// w.real() reads 1.
double square_real(double a, double b) {
  cd z(a, b);
  cd w = z * z;
  return w.real();
}

// v = [z0, z1] (z1 on top): abs(z0) reads 2 -> t0 [z1, t0]; abs(z1) reads 2
// -> t1 [t0, t1]; t0 + t1 reads 2, 1.
double abs_sum(const std::vector<cd> &v) { return std::abs(v[0]) + std::abs(v[1]); }

// [k, z]: z * k reads z (1), k (2) -> t1 [z, t1]; w += z reads t1 (1), z (2)
// -> t2; std::norm(w) reads 1.
double scaled_norm(cd z, double k) {
  cd w = z * k;
  w += z;
  return std::norm(w);
}

int main() {
  std::printf("%.17g\n", square_real(1.5, 2.5));
  std::printf("%.17g\n", abs_sum({cd(3, 4), cd(1, 1)}));
  std::printf("%.17g\n", scaled_norm(cd(1, 2), 0.5));
  return 0;
}
