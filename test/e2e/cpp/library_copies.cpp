// library_copies.cpp - values the standard library copies where the rewrite
// cannot see: a std::array and a std::tuple returned by value (in
// registers), unpacked by structured bindings, and a std::function's call of
// a lambda. Each is free under the model (a copy keeps its key). Traces
// worked out by hand; inputs stored last parameter first.
//
// EXPECT: array_return call=0 cost=10 trace=1,2,3,2,2,1
// EXPECT: tuple_return call=0 cost=10 trace=1,2,3,2,2,1
// EXPECT: pair_bindings call=0 cost=10 trace=1,2,3,2,2,1
// EXPECT: function_call call=0 cost=6 trace=1,2,1,2
// EXPECT: range_copy call=0 cost=3 trace=2,1
// EXPECT: lambda_by_value call=0 cost=10 trace=1,2,3,2,2,1
// EXPECT: memory_copies call=0 cost=3 trace=2,1
// EXPECT: merge_sorted_ends call=0 cost=25 trace=4,3,1,4,3,1,3,1,1,4,1,1,1,3,1,2,1
// EXPECT: tied call=0 cost=10 trace=2,1,2,3,2,1
#include <array>
#include <cstdio>
#include <cstring>
#include <functional>
#include <tuple>
#include <utility>
#include <vector>

std::array<double, 2> product_and_sum(double a, double b) { return {a * b, a + b}; }
std::tuple<double, double> product_and_sum_tuple(double a, double b) { return {a * b, a + b}; }
std::pair<double, double> product_and_sum_pair(double a, double b) { return {a * b, a + b}; }

// [b, a]: a * b reads a (1), b (2) -> t1 [a, b, t1]; a + b reads a (3),
// b (2) -> t2 [t1, t2]; t1 * t2 reads 2, 1. Cost 3 + 4 + 3 = 10.
double array_return(double a, double b) {
  auto k = product_and_sum(a, b);
  return k[0] * k[1];
}
double tuple_return(double a, double b) {
  auto [u, v] = product_and_sum_tuple(a, b);
  return u * v;
}
double pair_bindings(double a, double b) {
  const auto [u, v] = product_and_sum_pair(a, b);
  return u * v;
}

// [b, a]: h(a) calls the lambda with a's key: x * b reads a (1), b (2) -> t
// [a, t]; t + a reads 1, 2.
double function_call(double a, double b) {
  std::function<double(double)> h = [&](double x) { return x * b; };
  return h(a) + a;
}

// Captures by value keep their keys. [b, a]: g(a): x * b reads a (1),
// b (2) -> t1 [a, b, t1]; h(): a + b reads 3, 2 -> t2 [t1, t2]; t1 + t2
// reads 2, 1.
double lambda_by_value(double a, double b) {
  auto g = [b](double x) { return x * b; };
  auto h = [=]() { return a + b; };
  return g(a) + h();
}

// memcpy and an overlapping memmove move keys with the bytes: b = [v0, v1,
// v2, v3], then [v0, v0, v1, v2]. b[1] * b[3] is v0 * v2: [v0, v2] (v1, v3
// never read) reads 2, 1.
double memory_copies(const std::vector<double> &v) {
  double b[4];
  std::memcpy(b, v.data(), 4 * sizeof(double));
  std::memmove(b + 1, b, 3 * sizeof(double));
  return b[1] * b[3];
}

// v = [v0, v1]: the copy's elements hold v0 and v1; w[0] * w[1] reads 2, 1.
double range_copy(const std::vector<double> &v) {
  std::vector<double> w(v.begin(), v.end());
  return w[0] * w[1];
}

// A merge sort built on range construction. v = [v1, v2, v3, v4] = 4 1 3 2
// (v4 on top). Halves [v1, v2]: v1 <= v2 reads 4, 3, its truth 1 (false:
// [v2, v1]); [v3, v4]: v3 <= v4 reads 4, 3, truth 1 ([v4, v3]). Merge:
// v2 <= v4 reads 3, 1, truth 1 (true); v1 <= v4 reads 4, 1, truth 1
// (false; v4 is dead after it); v1 <= v3 reads 1, 3, truth 1 (false; v3
// dead): out = [v2, v4, v3, v1], the stack [v2, v1]. s[0] + s[3] reads 2, 1.
std::vector<double> merge_sort(const std::vector<double> &v) {
  if (v.size() <= 1)
    return v;
  const std::size_t mid = v.size() / 2;
  std::vector<double> left = merge_sort(std::vector<double>(v.begin(), v.begin() + mid));
  std::vector<double> right = merge_sort(std::vector<double>(v.begin() + mid, v.end()));
  std::vector<double> out;
  std::size_t i = 0, j = 0;
  while (i < left.size() && j < right.size()) {
    if (left[i] <= right[j])
      out.push_back(left[i++]);
    else
      out.push_back(right[j++]);
  }
  while (i < left.size())
    out.push_back(left[i++]);
  while (j < right.size())
    out.push_back(right[j++]);
  return out;
}
double merge_sorted_ends(const std::vector<double> &v) {
  const std::vector<double> s = merge_sort(v);
  return s[0] + s[3];
}

// std::tie(t, u) = p copies p's members to t and u, keys and all, from a
// returned pair as from a named one. [a, b]: t, u hold b, a; v, w hold a,
// b. t - u reads b (2), a (1) -> r1 [r1, a, b]; v + w reads a (2), b (3)
// -> r2 [r2, r1] (a, b dead); r1 * r2 reads 2, 1.
double tied(double a, double b) {
  double t, u, v, w;
  std::tie(t, u) = std::make_pair(b, a);
  const std::pair<double, double> p(a, b);
  std::tie(v, w) = p;
  return (t - u) * (v + w);
}

int main() {
  std::printf("%.17g\n", array_return(1.5, 2.5));
  std::printf("%.17g\n", tuple_return(1.5, 2.5));
  std::printf("%.17g\n", pair_bindings(1.5, 2.5));
  std::printf("%.17g\n", function_call(1.5, 2.5));
  std::printf("%.17g\n", range_copy({1.5, 2.5}));
  std::printf("%.17g\n", lambda_by_value(1.5, 2.5));
  std::printf("%.17g\n", memory_copies({1.5, 2.5, 3.5, 4.5}));
  std::printf("%.17g\n", merge_sorted_ends({4, 1, 3, 2}));
  std::printf("%.17g\n", tied(1.5, 2.5));
  return 0;
}
