// scalars.cpp - conformance cases on scalar arguments (cases.md, "Expected numbers").
//
// EXPECT: my_add call=0 cost=6 trace=1,2,1,2
// EXPECT: twice call=0 cost=2 trace=1,1
// EXPECT: composite call=0 cost=11 trace=2,3,2,3,2,1
// EXPECT: relu call=0 cost=3 trace=1,1,1
// EXPECT: relu call=1 cost=2 trace=1,1
// EXPECT: implicit_branch call=0 cost=1 trace=1
// EXPECT: explicit_branch call=0 cost=2 trace=1,1
// EXPECT: logical_not call=0 cost=1 trace=1
// EXPECT: constants call=0 cost=2 trace=1,1
// EXPECT: max2 call=0 cost=4 trace=2,1,1
// EXPECT: max2 call=1 cost=4 trace=2,1,1
#include <algorithm>
#include <cstdio>

// cases.md: my_add(1,2,3)
double my_add(double a, double b, double c) { return (a + b) + c; }

// cases.md: twice(5)
double twice(double a) { return a + a; }

// cases.md: composite(1,2,3,4)
bool composite(double a, double b, double c, double d) {
  double e = b + c;
  double f = a + d;
  return e > f;
}

// cases.md: relu(5), relu(-5)
double relu(double a) {
  if (a > 0) return a * 2;
  return a;
}

// cases.md: implicit_branch(0)
double implicit_branch(double a) {
  if (a) return a + 10;
  return a;
}

// cases.md: explicit_branch(0)
double explicit_branch(double a) {
  if (a != 0) return a + 10;
  return a;
}

// cases.md: logical_not(0)
bool logical_not(double a) { return !a; }

// cases.md: constants(5)
double constants(double a) { return 10 - a * 10; }

// cases.md: max2(1.0,2.0), max2(2.0,1.0)
double max2(double a, double b) { return std::max(a, b); }

int main() {
  std::printf("%.17g\n", my_add(1, 2, 3));
  std::printf("%.17g\n", twice(5));
  std::printf("%d\n", composite(1, 2, 3, 4));
  std::printf("%.17g\n", relu(5));
  std::printf("%.17g\n", relu(-5));
  std::printf("%.17g\n", implicit_branch(0));
  std::printf("%.17g\n", explicit_branch(0));
  std::printf("%d\n", logical_not(0));
  std::printf("%.17g\n", constants(5));
  std::printf("%.17g\n", max2(1.0, 2.0));
  std::printf("%.17g\n", max2(2.0, 1.0));
  return 0;
}
