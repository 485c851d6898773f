// complex_fft.cpp - a recursive radix-2 FFT on std::complex<double>, as
// written with twiddles cd(std::cos(t), std::sin(t)): each complex value is
// one key (checked against test/e2e/algorithms_test.cpp's oracle).
#include <cmath>
#include <complex>
#include <cstdio>
#include <vector>
using cd = std::complex<double>;
void fft(std::vector<cd> &a) {
  const std::size_t n = a.size();
  if (n == 1) return;
  std::vector<cd> even(n / 2), odd(n / 2);
  for (std::size_t i = 0; 2 * i < n; ++i) { even[i] = a[2 * i]; odd[i] = a[2 * i + 1]; }
  fft(even);
  fft(odd);
  const double pi = std::acos(-1.0);
  for (std::size_t k = 0; 2 * k < n; ++k) {
    const double t = -2 * pi * double(k) / double(n);
    const cd w = cd(std::cos(t), std::sin(t)) * odd[k];
    a[k] = even[k] + w;
    a[k + n / 2] = even[k] - w;
  }
}
double f(std::vector<cd> a) { fft(a); return std::abs(a[0]) + std::abs(a[1]); }
int main() {
  std::printf("%.10g\n", f({cd(1, 0), cd(2, 0), cd(3, 0), cd(4, 0)}));
  return 0;
}
