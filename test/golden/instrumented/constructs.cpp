#include "bytedmd/instrument.hpp"  // added by bytedmd-instrument
// constructs.cpp - the C++ constructs in bytedmd's scope, each in a small
// measured function whose trace is worked out by hand from the rules in
// ../../../../shared/spec/semantics.md (stack shown top first; inputs are
// stored last parameter first, so the first parameter ends on top).
//
// EXPECT: use_template call=0 cost=3 trace=1,1,1
// EXPECT: rec call=0 cost=12 trace=1,1,1,1,1,1,1,1,1,2,1
// EXPECT: lam call=0 cost=6 trace=1,2,1,2
// EXPECT: carr call=0 cost=7 trace=3,2,1,2
// EXPECT: stdarr call=0 cost=3 trace=2,1
// EXPECT: ptr call=0 cost=3 trace=2,1
// EXPECT: dowhile call=0 cost=9 trace=1,1,1,1,1,1,1,1,1
// EXPECT: incdec call=0 cost=3 trace=1,1,1
// EXPECT: ints call=0 cost=9 trace=1,1,3,2,2,1
// EXPECT: mixed call=0 cost=3 trace=1,2
// EXPECT: notnot call=0 cost=6 trace=1,2,1,1,1
// EXPECT: minf call=0 cost=4 trace=2,1,1
// EXPECT: local_arr call=0 cost=3 trace=1,2
// EXPECT: retvec call=0 cost=1 trace=1
// EXPECT: sum_first call=0 cost=5 trace=2,1,2
// EXPECT: nested call=0 cost=4 trace=1,1,2
// EXPECT: iter_sum call=0 cost=8 trace=3,1,3,1,2
// EXPECT: ranged_pairs call=0 cost=12 trace=4,3,1,3,2,2,1
// EXPECT: struct_param call=0 cost=7 trace=2,3,1,2
// EXPECT: dot_pointers call=0 cost=12 trace=2,4,1,2,3,2,1
// EXPECT: pointer_reads call=0 cost=3 trace=1,2
// EXPECT: condition_variables call=0 cost=6 trace=1,1,1,1,1,1
// EXPECT: volatile_locals call=0 cost=9 trace=1,1,2,1,1,2,1
#include "bytedmd/runtime.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>
#include <vector>

// A function template, rewritten once. sq(a) reads a twice at depth 1; its
// result t is on top for t + 1: [1, 1, 1].
template <class T> T sq(T a) { static bytedmd_function bytedmd_site = {"sq", {"test/e2e/constructs/constructs.cpp", 39, 22, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 39, 0, 0, "a * a"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.namedInputs("a", a); return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a) , ::bytedmd::ld(a)}, &bytedmd_loc_0)); }
double use_template(double a) { static bytedmd_function bytedmd_site = {"use_template", {"test/e2e/constructs/constructs.cpp", 40, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 40, 0, 0, "sq(a) + 1"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.namedInputs("a", a); return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::call(::bytedmd::seq{::bytedmd::ld(a)}, [&](auto&&... bytedmd_a) -> decltype(auto) { return sq(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); }) , 1}, &bytedmd_loc_0)); }

// Recursion, fact(3) = 3 * fact(2) = 3 * (2 * fact(1)):
//   n <= 1 (1), truth (1), n - 1 -> t1 (1), t1 <= 1 (1), truth (1),
//   t1 - 1 -> t2 (1), t2 <= 1 (1; t2 dies), truth (1), t1 * 1 -> r2 (1; t1
//   dies), n * r2 -> stack [r2, n]: n at 2, r2 at 1.
double fact(double n) { static bytedmd_function bytedmd_site = {"fact", {"test/e2e/constructs/constructs.cpp", 46, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 46, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/constructs/constructs.cpp", 46, 0, 0, "n * fact(n - 1)"}; static bytedmd_location bytedmd_loc_3 = {"test/e2e/constructs/constructs.cpp", 46, 0, 0, "n - 1"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 46, 0, 0, "n <= 1"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, n); bytedmd_frame.namedInputs("n", n); return bytedmd_frame.ret(::bytedmd::choose(::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LE>(::bytedmd::seq{::bytedmd::ld(n) , 1}, &bytedmd_loc_1), &bytedmd_loc_0) , [&] { return  1 ; }, [&] { return  ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(n) , ::bytedmd::call(::bytedmd::seq{::bytedmd::bin<BYTEDMD_OP_SUB>(::bytedmd::seq{::bytedmd::ld(n) , 1}, &bytedmd_loc_3)}, [&](auto&&... bytedmd_a) -> decltype(auto) { return fact(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); })}, &bytedmd_loc_2); })); }
double rec(double a) { static bytedmd_function bytedmd_site = {"rec", {"test/e2e/constructs/constructs.cpp", 47, 8, 0}}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.namedInputs("a", a); return bytedmd_frame.ret(::bytedmd::call(::bytedmd::seq{::bytedmd::ld(a)}, [&](auto&&... bytedmd_a) -> decltype(auto) { return fact(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); })); }

// A lambda: its parameters take the arguments' keys. [a, b]: x * y reads a (1)
// and b (2); b dies; p + a reads p (1) and a (2).
double lam(double a, double b) { static bytedmd_function bytedmd_site = {"lam", {"test/e2e/constructs/constructs.cpp", 51, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 52, 0, 0, "x * y"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 53, 0, 0, "mul(a, b) + a"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.namedInputs("b,a", b, a);
  auto mul = [](double x, double y) { ::bytedmd::Frame bytedmd_frame(nullptr); bytedmd_frame.argument(0, x); bytedmd_frame.argument(1, y); return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(x) , ::bytedmd::ld(y)}, &bytedmd_loc_0)); };
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::call(::bytedmd::seq{::bytedmd::ld(a), ::bytedmd::ld(b)}, [&](auto&&... bytedmd_a) -> decltype(auto) { return mul(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); }) , ::bytedmd::ld(a)}, &bytedmd_loc_1));
}

// A C array by reference: [x2, x1, x0]. s = x[0] is a copy; s + x[1] reads
// x0 (3) and x1 (2), both die; t1 + x[2] reads t1 (1) and x2 (2).
double carr(const double (&x)[3]) { static bytedmd_function bytedmd_site = {"carr", {"test/e2e/constructs/constructs.cpp", 58, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 60, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/constructs/constructs.cpp", 60, 0, 0, "i"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 60, 0, 0, "i < 3"}; static bytedmd_location bytedmd_loc_3 = {"test/e2e/constructs/constructs.cpp", 60, 0, 0, "s"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("x", x); bytedmd_key bytedmd_kv0_s = 0; bytedmd_key bytedmd_kv1_i = 0;
  double s = ::bytedmd::initKey(bytedmd_kv0_s, &s, ::bytedmd::ld(x[0]));
  for (int i = ::bytedmd::initKey(bytedmd_kv1_i, &i, 1); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv1_i, i) , 3}, &bytedmd_loc_1), &bytedmd_loc_0); ::bytedmd::preKey<BYTEDMD_OP_ADD>(bytedmd_kv1_i, i, &bytedmd_loc_2)) ::bytedmd::setKey(bytedmd_kv0_s, s , ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv0_s, s) , ::bytedmd::ld(x[::bytedmd::index(::bytedmd::ldKey(bytedmd_kv1_i, i), &bytedmd_loc_0)])}, &bytedmd_loc_3));
  return bytedmd_frame.ret(::bytedmd::ldKey(bytedmd_kv0_s, s));
}

// std::array: x1 is never read and leaves at once: [x2, x0] -> x0 at 2, x2 at 1.
double stdarr(const std::array<double, 3>& x) { static bytedmd_function bytedmd_site = {"stdarr", {"test/e2e/constructs/constructs.cpp", 65, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 65, 0, 0, "x[0] * x[2]"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("x", x); return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(x[0]) , ::bytedmd::ld(x[2])}, &bytedmd_loc_0)); }

// A pointer into a vector: [v1, v0] -> v0 at 2, v1 at 1.
double ptr(const std::vector<double>& v) { static bytedmd_function bytedmd_site = {"ptr", {"test/e2e/constructs/constructs.cpp", 68, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 70, 0, 0, "p[0] + *(p + 1)"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("v", v);
  const double* p = v.data();
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(p[0]) , ::bytedmd::ld(*(p + 1))}, &bytedmd_loc_0));
}

// do-while from 1: three rounds of x * 2 (1), x < 5 (1), truth (1).
double dowhile(double a) { static bytedmd_function bytedmd_site = {"dowhile", {"test/e2e/constructs/constructs.cpp", 74, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 77, 0, 0, "x"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 78, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/constructs/constructs.cpp", 78, 0, 0, "x < 5"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.namedInputs("a", a); bytedmd_key bytedmd_kv0_x = 0;
  double x = ::bytedmd::initKey(bytedmd_kv0_x, &x, ::bytedmd::ld(a));
  do {
    ::bytedmd::setKey(bytedmd_kv0_x, x , ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv0_x, x) , 2}, &bytedmd_loc_0));
  } while (::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv0_x, x) , 5}, &bytedmd_loc_2), &bytedmd_loc_1));
  return bytedmd_frame.ret(::bytedmd::ldKey(bytedmd_kv0_x, x));
}

// t++, --t and t -= 1 each read t once, at the top.
double incdec(double a) { static bytedmd_function bytedmd_site = {"incdec", {"test/e2e/constructs/constructs.cpp", 83, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 85, 0, 0, "t"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 86, 0, 0, "t"}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/constructs/constructs.cpp", 87, 0, 0, "t"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.namedInputs("a", a); bytedmd_key bytedmd_kv0_t = 0;
  double t = ::bytedmd::initKey(bytedmd_kv0_t, &t, ::bytedmd::ld(a));
  ::bytedmd::postKey<BYTEDMD_OP_ADD>(bytedmd_kv0_t, t, &bytedmd_loc_0);
  ::bytedmd::preKey<BYTEDMD_OP_SUB>(bytedmd_kv0_t, t, &bytedmd_loc_1);
  ::bytedmd::csetKey<BYTEDMD_OP_SUB>(bytedmd_kv0_t, t , 1, &bytedmd_loc_2);
  return bytedmd_frame.ret(::bytedmd::ldKey(bytedmd_kv0_t, t));
}

// Integer operators, ((a << 1) % b) ^ ~a with [a, b]: a << 1 reads a (1) -> t1;
// t1 % b reads t1 (1) and b (3) -> t2; ~a reads a (2) -> t3; t2 ^ t3 reads 2, 1.
int ints(int a, int b) { static bytedmd_function bytedmd_site = {"ints", {"test/e2e/constructs/constructs.cpp", 93, 5, 0}}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 93, 0, 0, "(a << 1) % b"}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 93, 0, 0, "(a << 1) % b ^ ~a"}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/constructs/constructs.cpp", 93, 0, 0, "a << 1"}; static bytedmd_location bytedmd_loc_3 = {"test/e2e/constructs/constructs.cpp", 93, 0, 0, "~a"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.namedInputs("b,a", b, a); return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_XOR>(::bytedmd::seq{::bytedmd::bin<BYTEDMD_OP_MOD>(::bytedmd::seq{(::bytedmd::bin<BYTEDMD_OP_LSHIFT>(::bytedmd::seq{::bytedmd::ld(a) , 1}, &bytedmd_loc_2)) , ::bytedmd::ld(b)}, &bytedmd_loc_1) , ::bytedmd::un<BYTEDMD_OP_INVERT>(::bytedmd::ld(a), &bytedmd_loc_3)}, &bytedmd_loc_0)); }

// int * double: a conversion is free; the product reads a (1) and b (2).
double mixed(int a, double b) { static bytedmd_function bytedmd_site = {"mixed", {"test/e2e/constructs/constructs.cpp", 96, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 96, 0, 0, "a * b"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.namedInputs("b,a", b, a); return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a) , ::bytedmd::ld(b)}, &bytedmd_loc_0)); }

// !(a < b) || b > 2 ? a : b with [a, b]: a < b reads 1, 2 -> c1 on top;
// ! reads c1 (1); b > 2 reads b (1) -> c2; || reads c2 (1); the result is b.
double notnot(double a, double b) { static bytedmd_function bytedmd_site = {"notnot", {"test/e2e/constructs/constructs.cpp", 100, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 100, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 100, 0, 0, "a < b"}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/constructs/constructs.cpp", 100, 0, 0, "b > 2"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.namedInputs("b,a", b, a); return bytedmd_frame.ret(::bytedmd::ld(!(::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(a) , ::bytedmd::ld(b)}, &bytedmd_loc_1), &bytedmd_loc_0)) || ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_GT>(::bytedmd::seq{::bytedmd::ld(b) , 2}, &bytedmd_loc_2), &bytedmd_loc_0) ? a : b)); }

// std::min(a, b) is b < a (reads b at 2, a at 1), then a truth read of it.
double minf(double a, double b) { static bytedmd_function bytedmd_site = {"minf", {"test/e2e/constructs/constructs.cpp", 103, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 103, 0, 0, "std::min(a, b)"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.namedInputs("b,a", b, a); return bytedmd_frame.ret(::bytedmd::ld(::bytedmd::minmax<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(a), ::bytedmd::ld(b)}, &bytedmd_loc_0))); }

// A local array initialised from a and b keeps their keys: reads a (1), b (2).
double local_arr(double a, double b) { static bytedmd_function bytedmd_site = {"local_arr", {"test/e2e/constructs/constructs.cpp", 106, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 108, 0, 0, "t[0] - t[1]"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.namedInputs("b,a", b, a);
  double t[2] = {::bytedmd::stash(::bytedmd::ld(a)), ::bytedmd::stash(::bytedmd::ld(b))}; ::bytedmd::bindStashed(t, 2);
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_SUB>(::bytedmd::seq{::bytedmd::ld(t[0]) , ::bytedmd::ld(t[1])}, &bytedmd_loc_0));
}

// A returned vector built from a braced list: a * 2 reads a (1); the result
// elements (a * 2 and b) stay live.
std::vector<double> retvec(double a, double b) { static bytedmd_function bytedmd_site = {"retvec", {"test/e2e/constructs/constructs.cpp", 113, 21, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 114, 0, 0, "a * 2"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.namedInputs("b,a", b, a);
  std::vector<double> v = {::bytedmd::stash(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a) , 2}, &bytedmd_loc_0)), ::bytedmd::stash(::bytedmd::ld(b))}; ::bytedmd::bindStashed(v, 2);
  { bytedmd_frame.results(v); return v; }
}

// A size excluded from the inputs: [x2, x1, x0] with x2 never read, so
// [x1, x0]. 0 + x[0] reads x0 (2); t1 + x[1] reads t1 (1) and x1 (2).
double sum_first(const std::vector<double>& x, BYTEDMD_UNTRACKED int n) { static bytedmd_function bytedmd_site = {"sum_first", {"test/e2e/constructs/constructs.cpp", 120, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 122, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/constructs/constructs.cpp", 122, 0, 0, "i"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 122, 0, 0, "i < n"}; static bytedmd_location bytedmd_loc_3 = {"test/e2e/constructs/constructs.cpp", 122, 0, 0, "s"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(1, n); bytedmd_frame.namedInputs("x", x); bytedmd_key bytedmd_kv0_s = 0; bytedmd_key bytedmd_kv1_i = 0;
  double s = ::bytedmd::initKey(bytedmd_kv0_s, &s, 0);
  for (int i = ::bytedmd::initKey(bytedmd_kv1_i, &i, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv1_i, i) , ::bytedmd::ld(n)}, &bytedmd_loc_1), &bytedmd_loc_0); ::bytedmd::preKey<BYTEDMD_OP_ADD>(bytedmd_kv1_i, i, &bytedmd_loc_2)) ::bytedmd::setKey(bytedmd_kv0_s, s , ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv0_s, s) , ::bytedmd::ld(x[::bytedmd::index(::bytedmd::ldKey(bytedmd_kv1_i, i), &bytedmd_loc_0)])}, &bytedmd_loc_3));
  return bytedmd_frame.ret(::bytedmd::ldKey(bytedmd_kv0_s, s));
}

// A nested vector copied, then read: the copy keeps the keys. Row-major
// inputs put m11 on top: [m11, m10, m01, m00]; m01 and m11 are never read:
// [m10, m00]. c[1][0] * 2 reads m10 (1) -> p; p + c[0][0] reads p (1), m00 (2).
double nested(const std::vector<std::vector<double>>& m) { static bytedmd_function bytedmd_site = {"nested", {"test/e2e/constructs/constructs.cpp", 129, 8, 0}}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 131, 0, 0, "c[1][0] * 2"}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 131, 0, 0, "c[1][0] * 2 + c[0][0]"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("m", m);
  std::vector<std::vector<double>> c = m; ::bytedmd::copied(c, m);
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(c[1][0]) , 2}, &bytedmd_loc_1) , ::bytedmd::ld(c[0][0])}, &bytedmd_loc_0));
}

// A template over iterators: *b loads the element it points to. [x2, x1, x0]:
// 0 + x0 reads x0 (3) -> s1, x0 dies; s1 + x1 reads s1 (1), x1 (3); s2 + x2
// reads s2 (1), x2 (2).
template <class It> double accumulate_range(It b, It e) { static bytedmd_function bytedmd_site = {"accumulate_range", {"test/e2e/constructs/constructs.cpp", 137, 28, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 139, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/constructs/constructs.cpp", 139, 0, 0, "b"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 139, 0, 0, "b != e"}; static bytedmd_location bytedmd_loc_3 = {"test/e2e/constructs/constructs.cpp", 139, 0, 0, "s"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, b); bytedmd_frame.argument(1, e); bytedmd_frame.namedInputs("e,b", e, b);
  double s = ::bytedmd::init(&s, 0);
  for (; ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_NE>(::bytedmd::seq{::bytedmd::ld(b) , ::bytedmd::ld(e)}, &bytedmd_loc_1), &bytedmd_loc_0); ::bytedmd::pre<BYTEDMD_OP_ADD>(b, &bytedmd_loc_2)) ::bytedmd::cset<BYTEDMD_OP_ADD>(s , ::bytedmd::ld(*b), &bytedmd_loc_3);
  return bytedmd_frame.ret(::bytedmd::ld(s));
}
double iter_sum(const std::vector<double> &x) { static bytedmd_function bytedmd_site = {"iter_sum", {"test/e2e/constructs/constructs.cpp", 142, 8, 0}}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("x", x); return bytedmd_frame.ret(::bytedmd::call(::bytedmd::seq{x.begin(), x.end()}, [&](auto&&... bytedmd_a) -> decltype(auto) { return accumulate_range(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); })); }

// Structured bindings as range-for variables copy each pair, keys and all.
// Inputs a0, b0, a1, b1 (b1 on top). a0 * b0 reads 4, 3 -> t0 (both die);
// 0 + t0 reads t0 (1) -> s1: [s1, b1, a1]. a1 * b1 reads 3, 2 -> t1;
// s1 + t1 reads 2, 1.
double ranged_pairs(const std::vector<std::pair<double, double>> &ps) { static bytedmd_function bytedmd_site = {"ranged_pairs", {"test/e2e/constructs/constructs.cpp", 148, 8, 0}}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 150, 0, 0, "a * b"}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 150, 0, 0, "s"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("ps", ps); bytedmd_key bytedmd_kv0_s = 0;
  double s = ::bytedmd::initKey(bytedmd_kv0_s, &s, 0);
  for (auto&& bytedmd_ref_5720 : ps) { auto [a, b] = bytedmd_ref_5720; ::bytedmd::copyKeys(a, bytedmd_ref_5720.first); ::bytedmd::copyKeys(b, bytedmd_ref_5720.second); ::bytedmd::csetKey<BYTEDMD_OP_ADD>(bytedmd_kv0_s, s , ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a) , ::bytedmd::ld(b)}, &bytedmd_loc_1), &bytedmd_loc_0); }
  return bytedmd_frame.ret(::bytedmd::ldKey(bytedmd_kv0_s, s));
}

// A struct parameter: its fields are inputs in declaration order, after the
// later parameters: [p.y, p.x, k]. p.x * k reads 2, 3 -> t; t + p.y reads 1, 2.
struct Point2 {
  double x, y;
 public: template <class bytedmd_F, class... bytedmd_S> static void bytedmd_fields(bytedmd_F &&bytedmd_f, bytedmd_S &...bytedmd_s) { bytedmd_f("x", bytedmd_s.x...); bytedmd_f("y", bytedmd_s.y...); } };
double struct_param(Point2 p, double k) { static bytedmd_function bytedmd_site = {"struct_param", {"test/e2e/constructs/constructs.cpp", 159, 8, 0}}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 159, 0, 0, "p.x * k"}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 159, 0, 0, "p.x * k + p.y"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, p); bytedmd_frame.argument(1, k); bytedmd_frame.namedInputs("k,p", k, p); return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(p.x) , ::bytedmd::ld(k)}, &bytedmd_loc_1) , ::bytedmd::ld(p.y)}, &bytedmd_loc_0)); }

// Pointer parameters: the elements read through them are the inputs, in
// parameter order (the last parameter deepest), then address order. This is
// cases.md's dot_sum with pointers, so its trace: [a1, a0, b1, b0] (n is a
// size, excluded); a0 * b0 reads 2, 4; 0 + t0 reads 1; a1 * b1 reads 2, 3;
// s1 + t1 reads 2, 1.
double dot_pointers(const double *a, const double *b, BYTEDMD_UNTRACKED int n) { static bytedmd_function bytedmd_site = {"dot_pointers", {"test/e2e/constructs/constructs.cpp", 166, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 168, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_4 = {"test/e2e/constructs/constructs.cpp", 168, 0, 0, "a[i] * b[i]"}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/constructs/constructs.cpp", 168, 0, 0, "i"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 168, 0, 0, "i < n"}; static bytedmd_location bytedmd_loc_3 = {"test/e2e/constructs/constructs.cpp", 168, 0, 0, "s"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(2, n); bytedmd_frame.namedInputs("b,a", b, a); bytedmd_key bytedmd_kv0_s = 0; bytedmd_key bytedmd_kv1_i = 0;
  double s = ::bytedmd::initKey(bytedmd_kv0_s, &s, 0);
  for (int i = ::bytedmd::initKey(bytedmd_kv1_i, &i, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv1_i, i) , ::bytedmd::ld(n)}, &bytedmd_loc_1), &bytedmd_loc_0); ::bytedmd::preKey<BYTEDMD_OP_ADD>(bytedmd_kv1_i, i, &bytedmd_loc_2)) ::bytedmd::setKey(bytedmd_kv0_s, s , ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv0_s, s) , ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{bytedmd_frame.ldIn(a[::bytedmd::index(::bytedmd::ldKey(bytedmd_kv1_i, i), &bytedmd_loc_0)], a) , bytedmd_frame.ldIn(b[::bytedmd::index(::bytedmd::ldKey(bytedmd_kv1_i, i), &bytedmd_loc_0)], b)}, &bytedmd_loc_4)}, &bytedmd_loc_3));
  return bytedmd_frame.ret(::bytedmd::ldKey(bytedmd_kv0_s, s));
}

// Only the elements read are inputs: p[0] and q[1], with q's deeper: [p0, q1].
double pointer_reads(const double *p, const double *q) { static bytedmd_function bytedmd_site = {"pointer_reads", {"test/e2e/constructs/constructs.cpp", 173, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 173, 0, 0, "*p * *(q + 1)"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("q,p", q, p); return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{bytedmd_frame.ldIn(*p, p) , bytedmd_frame.ldIn(*(q + 1), q)}, &bytedmd_loc_0)); }

// Conditions that declare their variable read it once it has its value.
// a * 2 reads a (1) -> t; `if (t)` reads t (1); s + t reads t (1), s being
// the constant 0 -> s1. m = k is untracked (k counts down from 3): the
// while's test reads nothing, and s + m reads s1, s2, s3 in turn (1 each).
double condition_variables(double a) { static bytedmd_function bytedmd_site = {"condition_variables", {"test/e2e/constructs/constructs.cpp", 179, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 181, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 181, 0, 0, "t"}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/constructs/constructs.cpp", 182, 0, 0, "s"}; static bytedmd_location bytedmd_loc_3 = {"test/e2e/constructs/constructs.cpp", 184, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_4 = {"test/e2e/constructs/constructs.cpp", 185, 0, 0, "s"}; static bytedmd_location bytedmd_loc_5 = {"test/e2e/constructs/constructs.cpp", 186, 0, 0, "k"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.namedInputs("a", a); bytedmd_key bytedmd_kv0_s = 0; bytedmd_key bytedmd_kv2_k = 0;
  double s = ::bytedmd::initKey(bytedmd_kv0_s, &s, 0);
  if (double t = ::bytedmd::initThen<BYTEDMD_OP_TRUTH>(&t, ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a) , 2}, &bytedmd_loc_1), &bytedmd_loc_0))
    ::bytedmd::setKey(bytedmd_kv0_s, s , ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv0_s, s) , ::bytedmd::ld(t)}, &bytedmd_loc_2));
  int k = ::bytedmd::initKey(bytedmd_kv2_k, &k, 3);
  while (int m = ::bytedmd::initThen<BYTEDMD_OP_TRUTH>(&m, ::bytedmd::ldKey(bytedmd_kv2_k, k), &bytedmd_loc_3)) {
    ::bytedmd::setKey(bytedmd_kv0_s, s , ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv0_s, s) , ::bytedmd::ld(m)}, &bytedmd_loc_4));
    ::bytedmd::setKey(bytedmd_kv2_k, k , ::bytedmd::bin<BYTEDMD_OP_SUB>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv2_k, k) , 1}, &bytedmd_loc_5));
  }
  return bytedmd_frame.ret(::bytedmd::ldKey(bytedmd_kv0_s, s));
}

// volatile locals are locations like any other. [a]: a * 2 reads a (1) ->
// t1 [t1, a]; z += a reads t1 (1), a (2) -> t2 [t2, a]; ++z reads t2 (1)
// -> t3 [t3, a]; z + w reads t3 (1), a (2) -> t4 [t4]; r + q reads t4 (1)
// (q an untracked zero).
double volatile_locals(double a) { static bytedmd_function bytedmd_site = {"volatile_locals", {"test/e2e/constructs/constructs.cpp", 195, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/constructs/constructs.cpp", 197, 0, 0, "z"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/constructs/constructs.cpp", 198, 0, 0, "z"}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/constructs/constructs.cpp", 199, 0, 0, "z"}; static bytedmd_location bytedmd_loc_3 = {"test/e2e/constructs/constructs.cpp", 201, 0, 0, "r"}; static bytedmd_location bytedmd_loc_4 = {"test/e2e/constructs/constructs.cpp", 203, 0, 0, "r + q"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.namedInputs("a", a); bytedmd_key bytedmd_kv0_r = 0;
  volatile double z = ::bytedmd::init(&z, 0);
  ::bytedmd::set(z , ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a) , 2}, &bytedmd_loc_0));
  ::bytedmd::cset<BYTEDMD_OP_ADD>(z , ::bytedmd::ld(a), &bytedmd_loc_1);
  ::bytedmd::pre<BYTEDMD_OP_ADD>(z, &bytedmd_loc_2);
  volatile double w = ::bytedmd::init(&w, ::bytedmd::ld(a));
  double r = ::bytedmd::initKey(bytedmd_kv0_r, &r, ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(z) , ::bytedmd::ld(w)}, &bytedmd_loc_3));
  volatile double q{::bytedmd::init(&q, 0)};
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv0_r, r) , ::bytedmd::ld(q)}, &bytedmd_loc_4));
}

int main() {
  double x3[3] = {1, 2, 3};
  std::printf("%.17g\n", use_template(3));
  std::printf("%.17g\n", rec(3));
  std::printf("%.17g\n", lam(2, 3));
  std::printf("%.17g\n", carr(x3));
  std::printf("%.17g\n", stdarr({1, 2, 3}));
  std::printf("%.17g\n", ptr({1, 2}));
  std::printf("%.17g\n", dowhile(1));
  std::printf("%.17g\n", incdec(4));
  std::printf("%d\n", ints(3, 5));
  std::printf("%.17g\n", mixed(2, 1.5));
  std::printf("%.17g\n", notnot(1, 2));
  std::printf("%.17g\n", minf(1, 2));
  std::printf("%.17g\n", local_arr(5, 2));
  for (double v : retvec(1, 2)) std::printf("%.17g\n", v);
  std::printf("%.17g\n", sum_first({1, 2, 3}, 2));
  std::printf("%.17g\n", nested({{1, 2}, {3, 4}}));
  std::printf("%.17g\n", iter_sum({1, 2, 3}));
  std::printf("%.17g\n", ranged_pairs({{1, 2}, {3, 4}}));
  std::printf("%.17g\n", struct_param({1, 2}, 3));
  const double pa[2] = {0, 1}, pb[2] = {2, 3};
  std::printf("%.17g\n", dot_pointers(pa, pb, 2));
  std::printf("%.17g\n", pointer_reads(pa, pb));
  std::printf("%.17g\n", condition_variables(2));
  std::printf("%.17g\n", volatile_locals(3));
  return 0;
}

// added by bytedmd-instrument: this file's functions are instrumented
extern const char bytedmd_instrumented__Z12use_templated;
const char bytedmd_instrumented__Z12use_templated = 1;
extern const char bytedmd_instrumented__Z4factd;
const char bytedmd_instrumented__Z4factd = 1;
extern const char bytedmd_instrumented__Z3recd;
const char bytedmd_instrumented__Z3recd = 1;
extern const char bytedmd_instrumented__Z3lamdd;
const char bytedmd_instrumented__Z3lamdd = 1;
extern const char bytedmd_instrumented__Z4carrRA3_Kd;
const char bytedmd_instrumented__Z4carrRA3_Kd = 1;
extern const char bytedmd_instrumented__Z6stdarrRKSt5arrayIdLm3EE;
const char bytedmd_instrumented__Z6stdarrRKSt5arrayIdLm3EE = 1;
extern const char bytedmd_instrumented__Z3ptrRKSt6vectorIdSaIdEE;
const char bytedmd_instrumented__Z3ptrRKSt6vectorIdSaIdEE = 1;
extern const char bytedmd_instrumented__Z7dowhiled;
const char bytedmd_instrumented__Z7dowhiled = 1;
extern const char bytedmd_instrumented__Z6incdecd;
const char bytedmd_instrumented__Z6incdecd = 1;
extern const char bytedmd_instrumented__Z4intsii;
const char bytedmd_instrumented__Z4intsii = 1;
extern const char bytedmd_instrumented__Z5mixedid;
const char bytedmd_instrumented__Z5mixedid = 1;
extern const char bytedmd_instrumented__Z6notnotdd;
const char bytedmd_instrumented__Z6notnotdd = 1;
extern const char bytedmd_instrumented__Z4minfdd;
const char bytedmd_instrumented__Z4minfdd = 1;
extern const char bytedmd_instrumented__Z9local_arrdd;
const char bytedmd_instrumented__Z9local_arrdd = 1;
extern const char bytedmd_instrumented__Z6retvecdd;
const char bytedmd_instrumented__Z6retvecdd = 1;
extern const char bytedmd_instrumented__Z9sum_firstRKSt6vectorIdSaIdEEi;
const char bytedmd_instrumented__Z9sum_firstRKSt6vectorIdSaIdEEi = 1;
extern const char bytedmd_instrumented__Z6nestedRKSt6vectorIS_IdSaIdEESaIS1_EE;
const char bytedmd_instrumented__Z6nestedRKSt6vectorIS_IdSaIdEESaIS1_EE = 1;
extern const char bytedmd_instrumented__Z8iter_sumRKSt6vectorIdSaIdEE;
const char bytedmd_instrumented__Z8iter_sumRKSt6vectorIdSaIdEE = 1;
extern const char bytedmd_instrumented__Z12ranged_pairsRKSt6vectorISt4pairIddESaIS1_EE;
const char bytedmd_instrumented__Z12ranged_pairsRKSt6vectorISt4pairIddESaIS1_EE = 1;
extern const char bytedmd_instrumented__Z12struct_param6Point2d;
const char bytedmd_instrumented__Z12struct_param6Point2d = 1;
extern const char bytedmd_instrumented__Z12dot_pointersPKdS0_i;
const char bytedmd_instrumented__Z12dot_pointersPKdS0_i = 1;
extern const char bytedmd_instrumented__Z13pointer_readsPKdS0_;
const char bytedmd_instrumented__Z13pointer_readsPKdS0_ = 1;
extern const char bytedmd_instrumented__Z19condition_variablesd;
const char bytedmd_instrumented__Z19condition_variablesd = 1;
extern const char bytedmd_instrumented__Z15volatile_localsd;
const char bytedmd_instrumented__Z15volatile_localsd = 1;
