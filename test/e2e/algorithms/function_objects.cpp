// function_objects.cpp - <functional>'s function objects and the callables
// people hand to algorithms: typed and void function objects, passed or
// called, function pointers, std::function, std::min of a list, std::clamp,
// std::iota. test/e2e/function_objects_test.cpp holds each function's
// trace, derived by hand from the model.
#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <numeric>
#include <vector>

double product(const std::vector<double> &v) {
  return std::accumulate(v.begin(), v.end(), 1.0, std::multiplies<double>());
}

double product_stored(const std::vector<double> &v) {
  std::multiplies<double> mul;
  return std::accumulate(v.begin(), v.end(), 1.0, mul);
}

double dot_typed(const std::vector<double> &a, const std::vector<double> &b) {
  return std::inner_product(a.begin(), a.end(), b.begin(), 0.0, std::plus<double>(),
                            std::multiplies<double>());
}

// plus<int> adds the operands converted to int; its int result goes back
// into the double accumulator (a conversion: free, the key kept).
double int_sum(const std::vector<double> &v) {
  return std::accumulate(v.begin(), v.end(), 0.0, std::plus<int>());
}

double add_called(double a, double b) { return std::plus<double>()(a, b); }

bool less_called(double a, double b) { return std::less<double>()(a, b); }

// std::less<int> compares the operands converted to int: 1.5 < 1.7 is false.
bool less_as_int(double a, double b) { return std::less<int>()(a, b); }

double negate_then_add(double a, double b) { return std::negate<double>()(a) + b; }

bool both(double a, double b) { return std::logical_and<double>()(a, b); }

int xor_all(const std::vector<int> &v) { return std::accumulate(v.begin(), v.end(), 0, std::bit_xor<int>()); }

void sort_greater(std::vector<double> &v) { std::sort(v.begin(), v.end(), std::greater<double>()); }

bool descending(double x, double y) { return x > y; }
void sort_by_pointer(std::vector<double> &v) { std::sort(v.begin(), v.end(), descending); }

double largest_typed(const std::vector<double> &v) {
  return *std::max_element(v.begin(), v.end(), std::less<double>());
}

double product_last(const std::vector<double> &a) {
  std::vector<double> p(a.size());
  std::partial_sum(a.begin(), a.end(), p.begin(), std::multiplies<double>());
  return p.back();
}

double differences(const std::vector<double> &a) {
  std::vector<double> d(a.size());
  std::adjacent_difference(a.begin(), a.end(), d.begin(), std::minus<double>());
  return d[1] * d[2];
}

double pair_sum_last(const std::vector<double> &a, const std::vector<double> &b) {
  std::vector<double> o(a.size());
  std::transform(a.begin(), a.end(), b.begin(), o.begin(), std::plus<double>());
  return o[1];
}

double square(double x) { return x * x; }
void squares(const std::vector<double> &a, std::vector<double> &out) {
  std::transform(a.begin(), a.end(), out.begin(), square);
}

// An object of the file's class: operator() is a method (object first),
// and k's key travels with the object into the algorithm's copies.
struct Scale {
  double k;
  double operator()(double x) const { return k * x; }
};
double scaled_by_object(std::array<double, 3> a, double k) {
  std::transform(a.begin(), a.end(), a.begin(), Scale{k});
  return a[0];
}

// Algorithms that read a range of structs in place, with the file's lambda
// reading the fields through its reference.
struct Point {
  double x, y;
};
double sum_x(const std::vector<Point> &ps) {
  return std::accumulate(ps.begin(), ps.end(), 0.0, [](double s, const Point &p) { return s + p.x; });
}
double highest_y(const std::vector<Point> &ps) {
  return std::max_element(ps.begin(), ps.end(), [](const Point &a, const Point &b) { return a.y < b.y; })->y;
}

double fold(const std::vector<double> &a, const std::function<double(double, double)> &f) {
  return std::accumulate(a.begin(), a.end(), 0.0, f);
}
// The lambda is the file's own (main's are not rewritten), so the call
// through the std::function is an instrumented call.
double sum_of_squares(const std::vector<double> &a) {
  return fold(a, [](double acc, double x) { return acc + x * x; });
}

double min3(double a, double b, double c) { return std::min({a, b, c}); }

double max_by(double a, double b) {
  return std::max(a, b, [](double x, double y) { return x < y; });
}

double clamped(double x, double lo, double hi) { return std::clamp(x, lo, hi); }

double ramp(std::vector<double> &v, double x0) {
  std::iota(v.begin(), v.end(), x0);
  return v[0] + v[2];
}

int main() {
  const std::vector<double> v{2, 3, 4};
  const std::vector<double> a2{1, 2}, b2{3, 4};
  std::printf("%.17g %.17g %.17g\n", product(v), product_stored(v), dot_typed(a2, b2));
  std::printf("%.17g %d %d\n", add_called(1, 2), less_called(1, 2), less_as_int(1.5, 1.7));
  std::printf("%.17g %d\n", negate_then_add(1, 2), both(1, 2));
  std::printf("%d %.17g\n", xor_all({5, 6, 3}), int_sum({1.5, 2.5, 0.5}));
  std::vector<double> s{1, 3, 2}, t{1, 3, 2};
  sort_greater(s);
  sort_by_pointer(t);
  std::printf("%g %g %g / %g %g %g\n", s[0], s[1], s[2], t[0], t[1], t[2]);
  const std::vector<double> u{1, 3, 2};
  std::printf("%.17g %.17g %.17g\n", largest_typed(u), product_last(v), differences({1, 4, 9}));
  std::printf("%.17g\n", pair_sum_last(a2, b2));
  std::vector<double> out(3);
  squares(v, out);
  std::printf("%g %g %g\n", out[0], out[1], out[2]);
  std::printf("%.17g\n", scaled_by_object({1, 2, 3}, 2));
  const std::vector<Point> ps{{1, 10}, {2, 30}, {3, 20}};
  std::printf("%.17g %.17g\n", sum_x(ps), highest_y(ps));
  std::printf("%.17g\n", sum_of_squares(v));
  std::printf("%.17g %.17g %.17g\n", min3(3, 1, 2), max_by(1, 2), clamped(5, 0, 1));
  std::vector<double> r(3);
  std::printf("%.17g\n", ramp(r, 1.5));
  return 0;
}
