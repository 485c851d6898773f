// OpenMP directives: the statement under one is left as written (atomic
// needs its x op= e form), with a warning; the measurement is approximate.
// Built with -fopenmp.
#include <cstdio>

double atomic_sum(double a, double b) {
  double s = a;
#pragma omp atomic
  s += b;
  return s;
}

int main() {
  std::printf("%g\n", atomic_sum(3, 5));
  return 0;
}
