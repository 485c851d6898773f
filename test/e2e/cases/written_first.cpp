// written_first.cpp - an element the call writes before it reads it is never
// an input (semantics.md, "Inputs"), through a pointer or a C array.
//
// EXPECT: k call=0 cost=1 trace=1
// EXPECT: rows call=0 cost=4 trace=2,1,1
#include <cstdio>

// t[0] is written (with a constant) before it is read: only x[0] is an
// input. t[0] + x[0] reads x0 alone, at depth 1. Trace [1], cost 1.
void k(double *t, double *x) {
  t[0] = 0.0;
  x[0] = t[0] + x[0];
}

// y[0] is written first; A's row is read: inputs [A00, A01] (by address;
// A01 on top). s = A[0][0] * A[0][1] reads A00 (2), A01 (1); y[0] + s reads
// s (1). Trace [2, 1, 1], cost 2 + 1 + 1 = 4.
void rows(double A[2][2], double y[2]) {
  y[0] = 0;
  double s = A[0][0] * A[0][1];
  y[0] = y[0] + s;
}

int main() {
  double t[1] = {5}, x[1] = {2}, A[2][2] = {{1, 2}, {3, 4}}, y[2] = {7, 8};
  k(t, x);
  rows(A, y);
  std::printf("%g %g %g\n", t[0], x[0], y[0]);
  return 0;
}
