// late_hot_value.cpp - a value made after 2^24 others and read 300 times.
// The first streamed execution counts reads past 254 in an array for keys
// below 2^24 (the inputs, mostly) and in a hash map above; this value takes
// the map, and x[1] (read 2^24 times) the array. Measured with
// --untracked=i --untracked=n.
#include <cstdio>
#include <vector>

double late_hot(const std::vector<double> &x, long n) {
  double t = x[0];
  for (long i = 0; i < n; ++i)
    t = t * x[1]; // a new value each time: t's key passes 2^24
  double s = t;
  for (long i = 0; i < 300; ++i)
    s = s + t;
  return s;
}

int main() {
  const std::vector<double> x = {2, 1};
  std::printf("%g\n", late_hot(x, (1L << 24) + 1000));
  return 0;
}
