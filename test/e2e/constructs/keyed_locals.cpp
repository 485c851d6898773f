// keyed_locals.cpp - locals whose key lives beside them, and locals that must
// stay in the shadow because their memory is reached some other way (a
// pointer, a reference, a lambda's capture, the value of an assignment).
// Each function computes (a + b) + c, so each has my_add's numbers from
// ../../../../shared/conformance/cases.md. By hand, with the first parameter
// on top ([a, b, c]): a + b reads a (1) and b (2), both die; the sum t is on
// top, t + c reads t (1) and c (2). A local that went keyed where the program
// writes it behind its name would lose t's key, and t + c would read c alone.
//
// EXPECT: keyed_forms call=0 cost=6 trace=1,2,1,2
// EXPECT: sibling_loops call=0 cost=6 trace=1,2,1,2
// EXPECT: through_pointer call=0 cost=6 trace=1,2,1,2
// EXPECT: through_pointer_update call=0 cost=6 trace=1,2,1,2
// EXPECT: through_reference call=0 cost=6 trace=1,2,1,2
// EXPECT: through_capture call=0 cost=6 trace=1,2,1,2
// EXPECT: captured_by_value call=0 cost=6 trace=1,2,1,2
// EXPECT: through_value_of_assignment call=0 cost=6 trace=1,2,1,2
// EXPECT: value_initialised call=0 cost=5 trace=1,1,1,2
#include <cstdio>

// Every use is a load, an assignment, a compound assignment or an
// initialiser: s and t keep their keys beside them. s = a is a copy (a's key).
double keyed_forms(double a, double b, double c) {
  double s = a;
  s += b;
  double t = s;
  t = t + c;
  return t;
}

// Two loop counters named i, each with a key variable of its own.
double sibling_loops(double a, double b, double c) {
  double s = a;
  for (int i = 0; i < 1; ++i) s = s + b;
  for (int i = 0; i < 1; i++) s = s + c;
  return s;
}

double through_pointer(double a, double b, double c) {
  double s = 0;
  double *p = &s;
  *p = a + b;
  return s + c;
}

// s holds a's key; *p += b reads it through the pointer.
double through_pointer_update(double a, double b, double c) {
  double s = a;
  double *p = &s;
  *p += b;
  return s + c;
}

double through_reference(double a, double b, double c) {
  double s = 0;
  double &r = s;
  r = a + b;
  return s + c;
}

double through_capture(double a, double b, double c) {
  double s = 0;
  auto put = [&] { s = a + b; };
  put();
  return s + c;
}

// The closure's copy of s keeps t's key (keyOf(s) reads it at the capture).
double captured_by_value(double a, double b, double c) {
  double s = a + b;
  auto get = [s] { return s; };
  return get() + c;
}

// t = (s = a + b): the assignment's value is s itself, read after the store.
double through_value_of_assignment(double a, double b, double c) {
  double s = 0, t = 0;
  t = (s = a + b);
  return t + c;
}

// Braced initialisers, the empty one zero: z and n are untracked, w holds a's
// key. a * n reads a (1) -> t1, on top of a (a lives on in w); z + t1 reads
// t1 (1) -> t2, t1 dies; t2 + w reads t2 (1) and a (2): [1, 1, 1, 2].
double value_initialised(double a) {
  double z{};
  int n{3};
  double w{a};
  z = z + a * n + w;
  return z;
}

int main() {
  std::printf("%.17g\n", keyed_forms(1, 2, 3));
  std::printf("%.17g\n", sibling_loops(1, 2, 3));
  std::printf("%.17g\n", through_pointer(1, 2, 3));
  std::printf("%.17g\n", through_pointer_update(1, 2, 3));
  std::printf("%.17g\n", through_reference(1, 2, 3));
  std::printf("%.17g\n", through_capture(1, 2, 3));
  std::printf("%.17g\n", captured_by_value(1, 2, 3));
  std::printf("%.17g\n", through_value_of_assignment(1, 2, 3));
  std::printf("%.17g\n", value_initialised(2));
  return 0;
}
