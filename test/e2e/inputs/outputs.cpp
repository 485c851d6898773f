// Outputs through a reference parameter: not results by default (as in the
// reference tracer); live to the end with --keep-outputs.
#include <cstdio>
#include <vector>

void scale(const std::vector<double> &x, std::vector<double> &y) {
  y[0] = x[0] * 2;
  y[1] = x[1] * 3;
}

int main() {
  std::vector<double> x = {1, 2}, y = {0, 0};
  scale(x, y);
  std::printf("%g %g\n", y[0], y[1]);
  return 0;
}
