// not_repeating.cpp - a measured call that does not repeat itself: it counts
// its calls in a file it writes, and loops that many times. Streaming runs
// it twice and must refuse it.
#include <cstdio>
#include <vector>

double sum_calls(const std::vector<double> &x) {
  std::FILE *f = std::fopen("calls.txt", "a+");
  std::fputc('x', f);
  const long calls = std::ftell(f);
  std::fclose(f);
  double s = 0;
  for (long i = 0; i < calls; ++i)
    s = s + x[std::size_t(i) % x.size()];
  return s;
}

int main() {
  std::printf("%g\n", sum_calls({1, 2, 3}));
  return 0;
}
