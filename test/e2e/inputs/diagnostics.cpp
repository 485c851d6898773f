// Constructs outside the model: each gets a file:line:col warning at
// instrumentation time, and the measurement that runs it is approximate.
#include <cstring>
#include <functional>
#include <numeric>
#include <vector>

#define SQUARE(x) ((x) * (x))
#define SAME(x) x

// With std::bind's object (plain doubles in, a callable the tool does not see),
// std::accumulate reads the vector where the tool cannot follow the keys.
double total(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0, std::bind(std::plus<double>(), std::placeholders::_1, std::placeholders::_2)); }

// The multiplication is written inside the macro's body: measured as expanded.
double square(double a) { return SQUARE(a); }

// A macro argument spelled in this file is rewritten: exact, not approximate.
double same(double a, double b) { return SAME(a * b); }

// n is a tracked input read in a loop condition: usually a size.
double first(const std::vector<double>& v, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s = s + v[i];
  return s;
}

// memcpy of doubles into doubles moves their keys (not a diagnostic).
double copied(const std::vector<double>& v) {
  double w[3];
  std::memcpy(w, v.data(), sizeof w);
  return w[0] + w[1];
}

// A tracked double read as an integer.
long long punned(double a) {
  double b = a * 2;
  long long bits;
  std::memcpy(&bits, &b, sizeof bits);
  return bits + *reinterpret_cast<long long*>(&b);
}

// Inline assembly.
double fenced(double a) {
  asm volatile("" ::: "memory");
  return a * 2;
}

// A constexpr function may run at compile time: it is left as written, and
// its call with a tracked value is an opaque one.
constexpr double cube(double x) { return x * x * x; }
static_assert(cube(2) == 8, "still a constant expression");
double cubed(double a) { return cube(a); }

int main() {
  std::vector<double> v = {1, 2, 3};
  double r = total(v) + square(3) + same(2, 3) + first(v, 2) + copied(v) + fenced(1) + cubed(2);
  r += double(punned(1) != 0);
  return r > 0 ? 0 : 1;
}
