#include "bytedmd/instrument.hpp"  // added by bytedmd-instrument
// ops.cpp - operations that move values to other places; each trace worked
// out by hand (stack top first; inputs stored last parameter first).
//
// EXPECT: erase_first call=0 cost=3 trace=2,1
// EXPECT: insert_middle call=0 cost=3 trace=2,1
// EXPECT: swap_scalars call=0 cost=3 trace=2,1
// EXPECT: swap_vectors call=0 cost=3 trace=2,1
// EXPECT: grow call=0 cost=3 trace=1,2
// EXPECT: struct_from_helper call=0 cost=3 trace=2,1
// EXPECT: struct_by_value call=0 cost=3 trace=2,1
// EXPECT: binding_copy call=0 cost=3 trace=2,1
// EXPECT: pair_constructor call=0 cost=3 trace=1,2
// EXPECT: tuple_get call=0 cost=3 trace=2,1
#include <algorithm>
#include <cstdio>
#include <tuple>
#include <utility>
#include <vector>

using V = std::vector<double>;
struct Triple {
  double a, b, c;
 public: template <class bytedmd_F, class... bytedmd_S> static void bytedmd_fields(bytedmd_F &&bytedmd_f, bytedmd_S &...bytedmd_s) { bytedmd_f("a", bytedmd_s.a...); bytedmd_f("b", bytedmd_s.b...); bytedmd_f("c", bytedmd_s.c...); } };

// x = {1, 2, 3}: b = {x1, x2} after the erase; x0 is never read and leaves at
// once: [x2, x1]. b[0] * b[1] reads x1 (2) and x2 (1).
double erase_first(const V &x) { static bytedmd_function bytedmd_site = {"erase_first", {"test/e2e/containers/ops.cpp", 27, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/containers/ops.cpp", 30, 0, 0, "b[0] * b[1]"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("x", x);
  V b = x; ::bytedmd::copied(b, x);
  ::bytedmd::verase(b, b.begin());
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(b[0]) , ::bytedmd::ld(b[1])}, &bytedmd_loc_0));
}

// (x, a): a is stored first (deepest), then x0, x1, x2. b = {x0, a, x1, x2};
// x0 and x1 are never read: [x2, a]. b[1] * b[3] reads a (2) and x2 (1).
double insert_middle(const V &x, double a) { static bytedmd_function bytedmd_site = {"insert_middle", {"test/e2e/containers/ops.cpp", 35, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/containers/ops.cpp", 38, 0, 0, "b[1] * b[3]"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(1, a); bytedmd_frame.namedInputs("a,x", a, x);
  V b = x; ::bytedmd::copied(b, x);
  ::bytedmd::vinsert(b, b.begin() + 1, ::bytedmd::ld(a));
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(b[1]) , ::bytedmd::ld(b[3])}, &bytedmd_loc_0));
}

// [a, b]: after the swap p holds b and q holds a; p - q reads b (2), a (1).
double swap_scalars(double a, double b) { static bytedmd_function bytedmd_site = {"swap_scalars", {"test/e2e/containers/ops.cpp", 42, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/containers/ops.cpp", 45, 0, 0, "p - q"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.namedInputs("b,a", b, a);
  double p = ::bytedmd::init(&p, ::bytedmd::ld(a)), q = ::bytedmd::init(&q, ::bytedmd::ld(b));
  ::bytedmd::swap(p, q);
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_SUB>(::bytedmd::seq{::bytedmd::ld(p) , ::bytedmd::ld(q)}, &bytedmd_loc_0));
}

// x = {1}, y = {2}: [x0, y0]. After the swap p holds y's element: p[0] - q[0]
// reads y0 (2) and x0 (1).
double swap_vectors(const V &x, const V &y) { static bytedmd_function bytedmd_site = {"swap_vectors", {"test/e2e/containers/ops.cpp", 50, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/containers/ops.cpp", 53, 0, 0, "p[0] - q[0]"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("y,x", y, x);
  V p = x, q = y; ::bytedmd::copied(p, x); ::bytedmd::copied(q, y);
  ::bytedmd::swap(p, q);
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_SUB>(::bytedmd::seq{::bytedmd::ld(p[0]) , ::bytedmd::ld(q[0])}, &bytedmd_loc_0));
}

// x = {1, ..., 5}: [x4, x3, x2, x1, x0]; x1..x3 are never read: [x4, x0]. The
// vector grows at sizes 1, 2 and 4; b[4] + b[0] reads x4 (1) and x0 (2).
double grow(const V &x) { static bytedmd_function bytedmd_site = {"grow", {"test/e2e/containers/ops.cpp", 58, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/containers/ops.cpp", 61, 0, 0, "b[4] + b[0]"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("x", x);
  V b;
  for (auto&& bytedmd_ref_v : x) { double v = ::bytedmd::init(&v, ::bytedmd::ld(bytedmd_ref_v)); ::bytedmd::pushBack(b, ::bytedmd::ld(v)); }
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(b[4]) , ::bytedmd::ld(b[0])}, &bytedmd_loc_0));
}

// (a, b, c): [a, b, c]; t = make(c, b, a) holds c, b, a; b is never read:
// [a, c]. t.a * t.c reads c (2) and a (1).
Triple make(double a, double b, double c) { static bytedmd_function bytedmd_site = {"make", {"test/e2e/containers/ops.cpp", 66, 8, 0}}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.argument(2, c); bytedmd_frame.namedInputs("c,b,a", c, b, a); return bytedmd_frame.retObject<Triple>(::bytedmd::withFields(Triple{::bytedmd::stash(::bytedmd::ld(a)), ::bytedmd::stash(::bytedmd::ld(b)), ::bytedmd::stash(::bytedmd::ld(c))}, [&](Triple &bytedmd_o) { ::bytedmd::bindFields(3, bytedmd_o.a, bytedmd_o.b, bytedmd_o.c); })); }
double struct_from_helper(double a, double b, double c) { static bytedmd_function bytedmd_site = {"struct_from_helper", {"test/e2e/containers/ops.cpp", 67, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/containers/ops.cpp", 69, 0, 0, "t.a * t.c"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.argument(2, c); bytedmd_frame.namedInputs("c,b,a", c, b, a);
  Triple t = ::bytedmd::call(::bytedmd::seq{::bytedmd::ld(c), ::bytedmd::ld(b), ::bytedmd::ld(a)}, [&](auto&&... bytedmd_a) -> decltype(auto) { return make(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); }); ::bytedmd::receive(t);
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(t.a) , ::bytedmd::ld(t.c)}, &bytedmd_loc_0));
}

// x = {1, 2, 3}: x2 is never read: [x1, x0]. The struct passed by value keeps
// its fields' keys: t.a * t.b reads x0 (2) and x1 (1).
double use(Triple t) { static bytedmd_function bytedmd_site = {"use", {"test/e2e/containers/ops.cpp", 74, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/containers/ops.cpp", 74, 0, 0, "t.a * t.b"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, t); bytedmd_frame.namedInputs("t", t); return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(t.a) , ::bytedmd::ld(t.b)}, &bytedmd_loc_0)); }
double struct_by_value(const V &x) { static bytedmd_function bytedmd_site = {"struct_by_value", {"test/e2e/containers/ops.cpp", 75, 8, 0}}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("x", x);
  Triple t{::bytedmd::stash(::bytedmd::ld(x[0])), ::bytedmd::stash(::bytedmd::ld(x[1])), ::bytedmd::stash(::bytedmd::ld(x[2]))}; ::bytedmd::written(t); ::bytedmd::bindFields(3, t.a, t.b, t.c);
  return bytedmd_frame.ret(::bytedmd::call(::bytedmd::seq{t}, [&](auto&&... bytedmd_a) -> decltype(auto) { return use(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); }));
}

// The bindings name a copy of t: p = x0, r = x2; x1 is never read: [x2, x0].
// p * r reads x0 (2) and x2 (1).
double binding_copy(const V &x) { static bytedmd_function bytedmd_site = {"binding_copy", {"test/e2e/containers/ops.cpp", 82, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/containers/ops.cpp", 85, 0, 0, "p * r"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("x", x);
  Triple t{::bytedmd::stash(::bytedmd::ld(x[0])), ::bytedmd::stash(::bytedmd::ld(x[1])), ::bytedmd::stash(::bytedmd::ld(x[2]))}; ::bytedmd::written(t); ::bytedmd::bindFields(3, t.a, t.b, t.c);
  auto [p, q, r] = t; ::bytedmd::copyKeys(p, t.a); ::bytedmd::copyKeys(q, t.b); ::bytedmd::copyKeys(r, t.c);
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(p) , ::bytedmd::ld(r)}, &bytedmd_loc_0));
}

// p = (x1, x0); x2 is never read: [x1, x0]. p.first - p.second reads x1 (1)
// and x0 (2).
double pair_constructor(const V &x) { static bytedmd_function bytedmd_site = {"pair_constructor", {"test/e2e/containers/ops.cpp", 90, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/containers/ops.cpp", 92, 0, 0, "p.first - p.second"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("x", x);
  std::pair<double, double> p{::bytedmd::stash(::bytedmd::ld(x[1])), ::bytedmd::stash(::bytedmd::ld(x[0]))}; ::bytedmd::bindFields(2, p.first, p.second);
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_SUB>(::bytedmd::seq{::bytedmd::ld(p.first) , ::bytedmd::ld(p.second)}, &bytedmd_loc_0));
}

// t = (x0, x2); x1 is never read: [x2, x0]. get<0> * get<1> reads x0 (2), x2 (1).
double tuple_get(const V &x) { static bytedmd_function bytedmd_site = {"tuple_get", {"test/e2e/containers/ops.cpp", 96, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/containers/ops.cpp", 98, 0, 0, "std::get<0>(t) * std::get<1>(t)"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("x", x);
  std::tuple<double, double> t = ::bytedmd::make_tuple(::bytedmd::seq{::bytedmd::ld(x[0]), ::bytedmd::ld(x[2])}); ::bytedmd::receive(t);
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(std::get<0>(t)) , ::bytedmd::ld(std::get<1>(t))}, &bytedmd_loc_0));
}

int main() {
  std::printf("%.17g\n", erase_first({1, 2, 3}));
  std::printf("%.17g\n", insert_middle({1, 2, 3}, 4));
  std::printf("%.17g\n", swap_scalars(1, 2));
  std::printf("%.17g\n", swap_vectors({1}, {2}));
  std::printf("%.17g\n", grow({1, 2, 3, 4, 5}));
  std::printf("%.17g\n", struct_from_helper(1, 2, 3));
  std::printf("%.17g\n", struct_by_value({1, 2, 3}));
  std::printf("%.17g\n", binding_copy({1, 2, 3}));
  std::printf("%.17g\n", pair_constructor({1, 2, 3}));
  std::printf("%.17g\n", tuple_get({1, 2, 3}));
  return 0;
}

// added by bytedmd-instrument: this file's functions are instrumented
extern const char bytedmd_instrumented__Z11erase_firstRKSt6vectorIdSaIdEE;
const char bytedmd_instrumented__Z11erase_firstRKSt6vectorIdSaIdEE = 1;
extern const char bytedmd_instrumented__Z13insert_middleRKSt6vectorIdSaIdEEd;
const char bytedmd_instrumented__Z13insert_middleRKSt6vectorIdSaIdEEd = 1;
extern const char bytedmd_instrumented__Z12swap_scalarsdd;
const char bytedmd_instrumented__Z12swap_scalarsdd = 1;
extern const char bytedmd_instrumented__Z12swap_vectorsRKSt6vectorIdSaIdEES3_;
const char bytedmd_instrumented__Z12swap_vectorsRKSt6vectorIdSaIdEES3_ = 1;
extern const char bytedmd_instrumented__Z4growRKSt6vectorIdSaIdEE;
const char bytedmd_instrumented__Z4growRKSt6vectorIdSaIdEE = 1;
extern const char bytedmd_instrumented__Z4makeddd;
const char bytedmd_instrumented__Z4makeddd = 1;
extern const char bytedmd_instrumented__Z18struct_from_helperddd;
const char bytedmd_instrumented__Z18struct_from_helperddd = 1;
extern const char bytedmd_instrumented__Z3use6Triple;
const char bytedmd_instrumented__Z3use6Triple = 1;
extern const char bytedmd_instrumented__Z15struct_by_valueRKSt6vectorIdSaIdEE;
const char bytedmd_instrumented__Z15struct_by_valueRKSt6vectorIdSaIdEE = 1;
extern const char bytedmd_instrumented__Z12binding_copyRKSt6vectorIdSaIdEE;
const char bytedmd_instrumented__Z12binding_copyRKSt6vectorIdSaIdEE = 1;
extern const char bytedmd_instrumented__Z16pair_constructorRKSt6vectorIdSaIdEE;
const char bytedmd_instrumented__Z16pair_constructorRKSt6vectorIdSaIdEE = 1;
extern const char bytedmd_instrumented__Z9tuple_getRKSt6vectorIdSaIdEE;
const char bytedmd_instrumented__Z9tuple_getRKSt6vectorIdSaIdEE = 1;
