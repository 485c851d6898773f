// stale.cpp - memory reused within a measurement must never bring back an
// old key (semantics.md, "Memory"), even where the new value has the same
// bits as the old one, which the shadow's bits check cannot tell apart.
//
// EXPECT: reuse_buffers call=0 cost=12 trace=2,1,1,1,3,2,2,1
// EXPECT: repeated call=0 cost=16 trace=1,2,2,1,2,2,2,1,2,1
#include <cstdio>
#include <vector>

using V = std::vector<double>;

// x = {1, 0}: [x1, x0] (x1 on top). Round 0: buf[1] is fresh (untracked), so
// s + buf[1] has no tracked operand; buf[0] * buf[1] reads x0 (2), x1 (1) ->
// t1; s + t1 reads t1 (1) -> s1. Round 1: the freed buffer comes back with
// buf[1] = 0.0, the bits x1 had; it must stay untracked: s + buf[1] reads s1
// (1) -> s2; buf[0] * buf[1] reads x0 (3) and x1 (2), their last reads -> t2;
// s2 + t2 reads s2 (2), t2 (1). Cost 2+1+1+1+2+2+2+1 = 12.
double reuse_buffers(const V &x) {
  double s = 0;
  for (int r = 0; r < 2; ++r) {
    V buf(2);
    s = s + buf[1];
    buf[0] = x[0];
    buf[1] = x[1];
    s = s + buf[0] * buf[1];
  }
  return s;
}

// step() runs twice on the same stack addresses. Its acc.s starts at 0.0,
// untracked, although the first call left a tracked 0.0 (z1) at that
// address. With [a, b]: step(a): 0 + a reads a (1) -> r1; a * 0.0 reads a (2)
// -> z1; r1 + z1 reads 2, 1 -> o1: [o1, b]. step(b): b (2) -> r2; b (2) ->
// z2; r2 + z2 reads 2, 1 -> o2; o1 + o2 reads 2, 1. Cost 16.
struct Acc {
  double s = 0;
};
double step(double a) {
  Acc acc;
  double r = acc.s + a;
  acc.s = a * 0.0;
  return r + acc.s;
}
double repeated(double a, double b) { return step(a) + step(b); }

int main() {
  std::printf("%.17g\n", reuse_buffers({1, 0}));
  std::printf("%.17g\n", repeated(1, 2));
  return 0;
}
