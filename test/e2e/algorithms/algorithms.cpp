// algorithms.cpp - standard algorithms on tracked data, measured as
// libstdc++ executes them (checked against test/e2e/algorithms_test.cpp's
// oracle, which runs the same libstdc++ algorithms on the reference
// tracer's values).
#include <algorithm>
#include <cstdio>
#include <functional>
#include <numeric>
#include <vector>

double sum(const std::vector<double> &v) { return std::accumulate(v.begin(), v.end(), 0.0); }

double dot(const std::vector<double> &a, const std::vector<double> &b) {
  return std::inner_product(a.begin(), a.end(), b.begin(), 0.0);
}

double scaled_sum(const std::vector<double> &v, double k) {
  std::vector<double> w(v.size());
  std::transform(v.begin(), v.end(), w.begin(), [&](double x) { return x * k; });
  return std::accumulate(w.begin(), w.end(), 0.0);
}

double largest(const std::vector<double> &v) { return *std::max_element(v.begin(), v.end()); }

double running_last(const std::vector<double> &v) {
  std::vector<double> p(v.size());
  std::partial_sum(v.begin(), v.end(), p.begin());
  return p.back();
}

// The median of six: std::sort on a copy (insertion sort below 16 elements).
double median6(const std::vector<double> &v) {
  std::vector<double> s = v;
  std::sort(s.begin(), s.end());
  return (s[2] + s[3]) / 2;
}

// Twenty elements: introsort's partitioning, then the final insertion sort.
double sorted_ends(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.front() + v.back();
}

// A comparator of the file's own, descending.
double sorted_descending_first(std::vector<double> v) {
  std::sort(v.begin(), v.end(), [](double a, double b) { return a > b; });
  return v[0] * v[1];
}

// A transparent function object of the library: it applies > to the
// adaptors, so it is the same comparison.
double sorted_greater_first(std::vector<double> v) {
  std::sort(v.begin(), v.end(), std::greater<>());
  return v[0] * v[1];
}

int main() {
  const std::vector<double> a{3, 1, 4, 1.5, 9, 2.6};
  const std::vector<double> b{2, 7, 1, 8, 2.8, 1.8};
  std::vector<double> twenty;
  for (int i = 0; i < 20; ++i)
    twenty.push_back((i * 7919 % 23) + 0.5);
  std::printf("%.17g\n", sum(a));
  std::printf("%.17g\n", dot(a, b));
  std::printf("%.17g\n", scaled_sum(a, 1.5));
  std::printf("%.17g\n", largest(a));
  std::printf("%.17g\n", running_last(a));
  std::printf("%.17g\n", median6(a));
  std::printf("%.17g\n", sorted_ends(twenty));
  std::printf("%.17g\n", sorted_descending_first(b));
  std::printf("%.17g\n", sorted_greater_first(b));
  return 0;
}
