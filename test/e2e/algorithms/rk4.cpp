// rk4.cpp - one classical Runge-Kutta step of a harmonic oscillator, on a
// std::array state returned by value from helpers (checked against
// test/e2e/algorithms_test.cpp's oracle).
#include <array>
#include <cstdio>

using State = std::array<double, 2>;

State deriv(const State &y, double w) { return {y[1], -w * y[0]}; }
State axpy(const State &y, double h, const State &k) { return {y[0] + h * k[0], y[1] + h * k[1]}; }

double rk4(double y0, double v0, double w, double h) {
  const State y{y0, v0};
  const State k1 = deriv(y, w);
  const State k2 = deriv(axpy(y, h / 2, k1), w);
  const State k3 = deriv(axpy(y, h / 2, k2), w);
  const State k4 = deriv(axpy(y, h, k3), w);
  const State out{y[0] + h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]),
                  y[1] + h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])};
  return out[0] + out[1];
}

int main() {
  std::printf("%.17g\n", rk4(1.0, 0.5, 2.0, 0.1));
  return 0;
}
