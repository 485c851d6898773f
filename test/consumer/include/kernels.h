// kernels.h - the consumer's own header, found through the target's include
// path.
#pragma once
#include <vector>

double my_add(double a, double b, double c);
double dot_n(const std::vector<double> &a, const std::vector<double> &b, int n);
double add3_across(double a, double b, double c);
double dot_across(const std::vector<double> &a, const std::vector<double> &b);
double add3_inline(double a, double b, double c);
double dot_inline(const std::vector<double> &a, const std::vector<double> &b);
