// helpers.cpp - instrumented too, so calls into it from kernels.cpp carry
// their keys across files and its reads count in the caller's measurement.
#include "helpers.h"

double add2(double a, double b) { return a + b; }
double prod(double a, double b) { return a * b; }
