// worked.cpp - the "Worked C++ examples" table of cases.md; each function is
// the table's C++ source, verbatim (hypot is renamed hypot_, see below).
//
// EXPECT: sumsq call=0 cost=19 trace=3,3,1,3,3,2,1,2,2,2,1
// EXPECT: compound call=0 cost=7 trace=1,2,1,2,1
// EXPECT: ternary call=0 cost=5 trace=1,2,1,1
// EXPECT: doubling call=0 cost=11 trace=1,1,1,1,1,1,1,1,1,1,1
// EXPECT: call_args call=0 cost=10 trace=1,2,2,3,2,1
// EXPECT: hypot_ call=0 cost=10 trace=1,1,2,2,2,1,1
// EXPECT: two_index call=0 cost=7 trace=3,3,2,1
// EXPECT: both_positive call=0 cost=8 trace=1,1,2,1,2,1
// EXPECT: max_of call=0 cost=18 trace=4,5,1,4,1,1,3,1,1,2,1,1
#include <cmath>
#include <cstdio>
#include <vector>

// cases.md: sumsq({1,2,3})
double sumsq(const std::vector<double>& x) { double s = 0; for (double v : x) s += v * v; return s; }

// cases.md: compound(2,3)
double compound(double a, double b) { double t = a * b; t += a; ++t; return t; }

// cases.md: ternary(1,2)
double ternary(double a, double b) { return a < b ? a * 2 : b * 3; }

// cases.md: doubling(1.5)
double doubling(double a) { double x = a; while (x < 10) x = x * 2; return x; }

// cases.md: call_args(1,2,3)  (g is a helper, measured only as part of call_args)
double g(double p, double q) { return p - q; }
double call_args(double a, double b, double c) { return g(a * b, b * c); }   // a*b happens first

// cases.md: hypot(3,4)  (named hypot_ here so it does not clash with ::hypot from <cmath>)
double hypot_(double a, double b) { return std::sqrt(a * a + b * b); }

// cases.md: two_index({1,2,3},0,2)
double two_index(const std::vector<double>& xs, int i, int j) { return xs[i] * xs[j]; }

// cases.md: both_positive(1,-1)
double both_positive(double a, double b) { if (a > 0 && b > 0) return a * b; return a + b; }

// cases.md: max_of({3,1,4,1,5})
double max_of(const std::vector<double>& x) { double m = x[0]; for (size_t i = 1; i < x.size(); ++i) if (x[i] > m) m = x[i]; return m; }

int main() {
  std::printf("%.17g\n", sumsq({1, 2, 3}));
  std::printf("%.17g\n", compound(2, 3));
  std::printf("%.17g\n", ternary(1, 2));
  std::printf("%.17g\n", doubling(1.5));
  std::printf("%.17g\n", call_args(1, 2, 3));
  std::printf("%.17g\n", hypot_(3, 4));
  std::printf("%.17g\n", two_index({1, 2, 3}, 0, 2));
  std::printf("%.17g\n", both_positive(1, -1));
  std::printf("%.17g\n", max_of({3, 1, 4, 1, 5}));
  return 0;
}
