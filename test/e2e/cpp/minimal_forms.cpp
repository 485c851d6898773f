// minimal_forms.cpp - the minimal forms of issue 14, each once silently
// wrong, each with the reference tracer's number (the Python reference
// measures the same algorithm; its numbers are the issue's).
//
// EXPECT: struct_operator call=0 cost=9 trace=1,1,2,2,2,1
// EXPECT: struct_of_vector call=0 cost=3 trace=2,1
// EXPECT: range_construction call=0 cost=3 trace=2,1
// EXPECT: array_return call=0 cost=10 trace=1,2,3,2,2,1
// EXPECT: tuple_return call=0 cost=10 trace=1,2,3,2,2,1
// EXPECT: function_object call=0 cost=6 trace=1,2,1,2
// EXPECT: template_back call=0 cost=3 trace=1,2
#include <array>
#include <cstdio>
#include <functional>
#include <tuple>
#include <vector>

// [b, a]: p + p reads a, a (1, 1) -> t1 [b, t1]; b, b (2, 2) -> t2;
// q.a * q.b reads 2, 1. The reference: 9.
struct P {
  double a, b;
};
P operator+(P x, P y) { return P{x.a + y.a, x.b + y.b}; }
double struct_operator(double a, double b) {
  P p{a, b};
  P q = p + p;
  return q.a * q.b;
}

// s.v = [v0, v1]: v0 * v1 reads 2, 1. The reference: 3.
struct S {
  std::vector<double> v;
};
double struct_of_vector(const S &s) { return s.v[0] * s.v[1]; }

// The copy's elements keep v's keys. The reference: 3.
double range_construction(const std::vector<double> &v) {
  std::vector<double> w(v.begin(), v.end());
  return w[0] * w[1];
}

// [b, a]: a * b reads 1, 2; a + b reads 3, 2; k[0] * k[1] reads 2, 1. The
// reference: 10 (for both).
std::array<double, 2> g(double a, double b) { return {a * b, a + b}; }
double array_return(double a, double b) {
  auto k = g(a, b);
  return k[0] * k[1];
}
std::tuple<double, double> gt(double a, double b) { return {a * b, a + b}; }
double tuple_return(double a, double b) {
  auto [u, v] = gt(a, b);
  return u * v;
}

// [b, a]: x * b reads a (1), b (2); t + a reads 1, 2. The reference: 6.
double function_object(double a, double b) {
  std::function<double(double)> h = [&](double x) { return x * b; };
  return h(a) + a;
}

// v = [v0, v1]: r = v.back() holds v1; r * v[0] reads 1, 2. The reference: 3.
template <class T> T back_times_first(const std::vector<T> &v) {
  T r = v.back();
  return r * v[0];
}
double template_back(const std::vector<double> &v) { return back_times_first(v); }

int main() {
  std::printf("%.17g\n", struct_operator(1.5, 2.5));
  std::printf("%.17g\n", struct_of_vector(S{{1.5, 2.5}}));
  std::printf("%.17g\n", range_construction({1.5, 2.5}));
  std::printf("%.17g\n", array_return(1.5, 2.5));
  std::printf("%.17g\n", tuple_return(1.5, 2.5));
  std::printf("%.17g\n", function_object(1.5, 2.5));
  std::printf("%.17g\n", template_back({1.5, 2.5}));
  return 0;
}
