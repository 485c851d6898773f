// sum_sizes.cpp - one measurement small enough to animate (10 values, 28 events)
// and one too large (2000 values, 5998 events) that the page must summarise.
#include <cstdio>
#include <vector>

double sum(const std::vector<double> &v) {
  double s = v[0];
  for (std::size_t i = 1; i < v.size(); ++i)
    s = s + v[i];
  return s;
}

int main() {
  std::printf("%g\n", sum(std::vector<double>(10, 1.0)));
  std::printf("%g\n", sum(std::vector<double>(2000, 1.0)));
}
