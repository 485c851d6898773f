#include "bytedmd/instrument.hpp"  // added by bytedmd-instrument
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
double c_heap(double a, double b) { static bytedmd_function bytedmd_site = {"c_heap", {"test/e2e/containers/heap.cpp", 15, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/containers/heap.cpp", 16, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/containers/heap.cpp", 16, 0, 0, "2 * sizeof(double)"}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/containers/heap.cpp", 19, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_3 = {"test/e2e/containers/heap.cpp", 19, 0, 0, "64 * sizeof(double)"}; static bytedmd_location bytedmd_loc_4 = {"test/e2e/containers/heap.cpp", 20, 0, 0, "t"}; static bytedmd_location bytedmd_loc_5 = {"test/e2e/containers/heap.cpp", 23, 0, 0, "u"}; static bytedmd_location bytedmd_loc_6 = {"test/e2e/containers/heap.cpp", 25, 0, 0, "u * 1"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.namedInputs("b,a", b, a); bytedmd_key bytedmd_kv0_t = 0; bytedmd_key bytedmd_kv1_u = 0;
  double *p = static_cast<double *>(::bytedmd::malloc(::bytedmd::escape(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{2 , sizeof(double)}, &bytedmd_loc_1), &bytedmd_loc_0)));
  ::bytedmd::set(p[0] , ::bytedmd::ld(a));
  ::bytedmd::set(p[1] , ::bytedmd::ld(b));
  p = static_cast<double *>(::bytedmd::realloc(p, ::bytedmd::escape(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{64 , sizeof(double)}, &bytedmd_loc_3), &bytedmd_loc_2)));
  double t = ::bytedmd::initKey(bytedmd_kv0_t, &t, ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(p[0]) , ::bytedmd::ld(p[1])}, &bytedmd_loc_4));
  ::bytedmd::free(p);
  double *q = static_cast<double *>(::bytedmd::calloc(64, sizeof(double)));
  double u = ::bytedmd::initKey(bytedmd_kv1_u, &u, ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv0_t, t) , ::bytedmd::ld(q[0])}, &bytedmd_loc_5));
  ::bytedmd::free(q);
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv1_u, u) , 1}, &bytedmd_loc_6));
}

// [a, b]: new double[2] holds b, a; the product reads b (2), a (1) -> t,
// both die; after delete[] a new block's 0.0 is untracked: t + r[1] reads t.
double new_delete(double a, double b) { static bytedmd_function bytedmd_site = {"new_delete", {"test/e2e/containers/heap.cpp", 30, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/containers/heap.cpp", 34, 0, 0, "t"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/containers/heap.cpp", 37, 0, 0, "u"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.namedInputs("b,a", b, a); bytedmd_key bytedmd_kv0_t = 0; bytedmd_key bytedmd_kv1_u = 0;
  double *p = new double[2];
  ::bytedmd::set(p[0] , ::bytedmd::ld(b));
  ::bytedmd::set(p[1] , ::bytedmd::ld(a));
  double t = ::bytedmd::initKey(bytedmd_kv0_t, &t, ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(p[0]) , ::bytedmd::ld(p[1])}, &bytedmd_loc_0));
  delete[] p;
  double *r = ::bytedmd::initialisedBlock(new double[2]());
  double u = ::bytedmd::initKey(bytedmd_kv1_u, &u, ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv0_t, t) , ::bytedmd::ld(r[1])}, &bytedmd_loc_1));
  delete[] r;
  return bytedmd_frame.ret(::bytedmd::ldKey(bytedmd_kv1_u, u));
}

// [a, b]: aligned blocks are created like malloc's. p[1] * p[0] reads b (2),
// a (1) -> t, both die; the aligned_alloc block holds t: q[0] + 1 reads t (1).
// Trace [2, 1, 1], cost 4.
double aligned(double a, double b) { static bytedmd_function bytedmd_site = {"aligned", {"test/e2e/containers/heap.cpp", 45, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/containers/heap.cpp", 47, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/containers/heap.cpp", 47, 0, 0, "4 * sizeof(double)"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/containers/heap.cpp", 47, 0, 0, "posix_memalign(&raw, 64, 4 * sizeof(d..."}; static bytedmd_location bytedmd_loc_3 = {"test/e2e/containers/heap.cpp", 52, 0, 0, "t"}; static bytedmd_location bytedmd_loc_4 = {"test/e2e/containers/heap.cpp", 54, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_5 = {"test/e2e/containers/heap.cpp", 54, 0, 0, "64 * sizeof(double)"}; static bytedmd_location bytedmd_loc_6 = {"test/e2e/containers/heap.cpp", 56, 0, 0, "u"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.namedInputs("b,a", b, a); bytedmd_key bytedmd_kv0_t = 0; bytedmd_key bytedmd_kv1_u = 0;
  void *raw = nullptr;
  if (::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_NE>(::bytedmd::seq{::bytedmd::posix_memalign(&raw, 64, ::bytedmd::escape(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{4 , sizeof(double)}, &bytedmd_loc_2), &bytedmd_loc_0)) , 0}, &bytedmd_loc_1), &bytedmd_loc_0))
    return bytedmd_frame.ret(0);
  double *p = static_cast<double *>(raw);
  ::bytedmd::set(p[0] , ::bytedmd::ld(a));
  ::bytedmd::set(p[1] , ::bytedmd::ld(b));
  double t = ::bytedmd::initKey(bytedmd_kv0_t, &t, ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(p[1]) , ::bytedmd::ld(p[0])}, &bytedmd_loc_3));
  ::bytedmd::free(p);
  double *q = static_cast<double *>(::bytedmd::aligned_alloc(64, ::bytedmd::escape(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{64 , sizeof(double)}, &bytedmd_loc_5), &bytedmd_loc_4)));
  ::bytedmd::set(q[0] , ::bytedmd::ldKey(bytedmd_kv0_t, t));
  double u = ::bytedmd::initKey(bytedmd_kv1_u, &u, ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(q[0]) , 1}, &bytedmd_loc_6));
  ::bytedmd::free(q);
  return bytedmd_frame.ret(::bytedmd::ldKey(bytedmd_kv1_u, u));
}

int main() {
  std::printf("%.17g\n", c_heap(1, 2));
  std::printf("%.17g\n", new_delete(3, 4));
  std::printf("%.17g\n", aligned(5, 6));
  return 0;
}

// added by bytedmd-instrument: this file's functions are instrumented
extern const char bytedmd_instrumented__Z6c_heapdd;
const char bytedmd_instrumented__Z6c_heapdd = 1;
extern const char bytedmd_instrumented__Z10new_deletedd;
const char bytedmd_instrumented__Z10new_deletedd = 1;
extern const char bytedmd_instrumented__Z7aligneddd;
const char bytedmd_instrumented__Z7aligneddd = 1;
