// forward_declared.cpp - a call to a function declared before and defined
// after its caller is an instrumented call: keys travel, and the cost is that
// of the same code written in one function. add3(1,2,3) performs
// cases.md's my_add(1,2,3) = (a+b)+c.
// EXPECT: add3 call=0 cost=6 trace=1,2,1,2
#include <cstdio>

double add2(double a, double b);

double add3(double a, double b, double c) { return add2(a, b) + c; }

double add2(double a, double b) { return a + b; }

int main() { std::printf("%g\n", add3(1, 2, 3)); }
