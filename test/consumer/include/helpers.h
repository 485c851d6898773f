// helpers.h - functions defined in helpers.cpp, another instrumented file.
#pragma once

double add2(double a, double b);
double prod(double a, double b);
