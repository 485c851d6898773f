// heap.cpp - C and C++ heap blocks: fresh blocks hold no keys, freed ones
// forget theirs, realloc carries them along.
//
// EXPECT: c_heap call=0 cost=5 trace=1,2,1,1
// EXPECT: new_delete call=0 cost=4 trace=2,1,1
// EXPECT: aligned call=0 cost=4 trace=2,1,1
#include <cstdio>
#include <cstdlib>

// [a, b]: p[0] = a, p[1] = b; the block grows (and may move); p[0] * p[1]
// reads a (1) and b (2) -> t. The block is freed; a fresh calloc'd block
// holds zeros that are untracked, although the freed block (maybe at the
// same address) held keys: t + q[0] reads t only (1). Then t * 1 reads t (1).
// Trace [1, 2, 1, 1], cost 1 + 2 + 1 + 1 = 5.
double c_heap(double a, double b) {
  double *p = static_cast<double *>(std::malloc(2 * sizeof(double)));
  p[0] = a;
  p[1] = b;
  p = static_cast<double *>(std::realloc(p, 64 * sizeof(double)));
  double t = p[0] * p[1];
  std::free(p);
  double *q = static_cast<double *>(std::calloc(64, sizeof(double)));
  double u = t + q[0];
  std::free(q);
  return u * 1;
}

// [a, b]: new double[2] holds b, a; the product reads b (2), a (1) -> t,
// both die; after delete[] a new block's 0.0 is untracked: t + r[1] reads t.
double new_delete(double a, double b) {
  double *p = new double[2];
  p[0] = b;
  p[1] = a;
  double t = p[0] * p[1];
  delete[] p;
  double *r = new double[2]();
  double u = t + r[1];
  delete[] r;
  return u;
}

// [a, b]: aligned blocks are created like malloc's. p[1] * p[0] reads b (2),
// a (1) -> t, both die; the aligned_alloc block holds t: q[0] + 1 reads t (1).
// Trace [2, 1, 1], cost 4.
double aligned(double a, double b) {
  void *raw = nullptr;
  if (posix_memalign(&raw, 64, 4 * sizeof(double)) != 0)
    return 0;
  double *p = static_cast<double *>(raw);
  p[0] = a;
  p[1] = b;
  double t = p[1] * p[0];
  std::free(p);
  double *q = static_cast<double *>(std::aligned_alloc(64, 64 * sizeof(double)));
  q[0] = t;
  double u = q[0] + 1;
  std::free(q);
  return u;
}

int main() {
  std::printf("%.17g\n", c_heap(1, 2));
  std::printf("%.17g\n", new_delete(3, 4));
  std::printf("%.17g\n", aligned(5, 6));
  return 0;
}
