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
#include <array>
#include <cstdio>
#include <functional>
#include <tuple>
#include <utility>

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

int main() {
  std::printf("%.17g\n", array_return(1.5, 2.5));
  std::printf("%.17g\n", tuple_return(1.5, 2.5));
  std::printf("%.17g\n", pair_bindings(1.5, 2.5));
  std::printf("%.17g\n", function_call(1.5, 2.5));
  return 0;
}
