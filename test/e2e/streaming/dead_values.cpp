// dead_values.cpp - a value read after more than 2^16 newer values, all of
// them dead at once (nothing reads them). The streamed replay finds recent
// keys in a ring of 2^16 and older live ones in a table; a dead value must
// still push the live one it displaces into the table. Measured with
// --untracked=i --untracked=n, so the loop makes nothing but dead values.
#include <cstdio>
#include <vector>

double late_read(const std::vector<double> &x, int n) {
  double keep = x[0] * x[1];
  for (int i = 0; i < n; ++i) {
    double unused = x[2] * x[3];
    (void)unused;
  }
  return keep + x[0];
}

int main() {
  const std::vector<double> x = {1, 2, 3, 4};
  std::printf("%g\n", late_read(x, 70000));
  return 0;
}
