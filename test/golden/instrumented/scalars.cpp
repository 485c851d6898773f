#include "bytedmd/instrument.hpp"  // added by bytedmd-instrument
// scalars.cpp - conformance cases on scalar arguments (cases.md, "Expected numbers").
//
// EXPECT: my_add call=0 cost=6 trace=1,2,1,2
// EXPECT: twice call=0 cost=2 trace=1,1
// EXPECT: composite call=0 cost=11 trace=2,3,2,3,2,1
// EXPECT: relu call=0 cost=3 trace=1,1,1
// EXPECT: relu call=1 cost=2 trace=1,1
// EXPECT: implicit_branch call=0 cost=1 trace=1
// EXPECT: explicit_branch call=0 cost=2 trace=1,1
// EXPECT: logical_not call=0 cost=1 trace=1
// EXPECT: constants call=0 cost=2 trace=1,1
// EXPECT: max2 call=0 cost=4 trace=2,1,1
// EXPECT: max2 call=1 cost=4 trace=2,1,1
#include <algorithm>
#include <cstdio>

// cases.md: my_add(1,2,3)
double my_add(double a, double b, double c) { static bytedmd_function bytedmd_site = {"my_add", {"test/e2e/cases/scalars.cpp", 18, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/cases/scalars.cpp", 18, 0, 0, "(a + b) + c"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/cases/scalars.cpp", 18, 0, 0, "a + b"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.argument(2, c); bytedmd_frame.namedInputs("c,b,a", c, b, a); return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(a) , ::bytedmd::ld(b)}, &bytedmd_loc_1)) , ::bytedmd::ld(c)}, &bytedmd_loc_0)); }

// cases.md: twice(5)
double twice(double a) { static bytedmd_function bytedmd_site = {"twice", {"test/e2e/cases/scalars.cpp", 21, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/cases/scalars.cpp", 21, 0, 0, "a + a"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.namedInputs("a", a); return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(a) , ::bytedmd::ld(a)}, &bytedmd_loc_0)); }

// cases.md: composite(1,2,3,4)
bool composite(double a, double b, double c, double d) { static bytedmd_function bytedmd_site = {"composite", {"test/e2e/cases/scalars.cpp", 24, 6, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/cases/scalars.cpp", 25, 0, 0, "e"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/cases/scalars.cpp", 26, 0, 0, "f"}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/cases/scalars.cpp", 27, 0, 0, "e > f"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.argument(2, c); bytedmd_frame.argument(3, d); bytedmd_frame.namedInputs("d,c,b,a", d, c, b, a); bytedmd_key bytedmd_kv0_e = 0; bytedmd_key bytedmd_kv1_f = 0;
  double e = ::bytedmd::initKey(bytedmd_kv0_e, &e, ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(b) , ::bytedmd::ld(c)}, &bytedmd_loc_0));
  double f = ::bytedmd::initKey(bytedmd_kv1_f, &f, ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(a) , ::bytedmd::ld(d)}, &bytedmd_loc_1));
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_GT>(::bytedmd::seq{::bytedmd::ldKey(bytedmd_kv0_e, e) , ::bytedmd::ldKey(bytedmd_kv1_f, f)}, &bytedmd_loc_2));
}

// cases.md: relu(5), relu(-5)
double relu(double a) { static bytedmd_function bytedmd_site = {"relu", {"test/e2e/cases/scalars.cpp", 31, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/cases/scalars.cpp", 32, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/cases/scalars.cpp", 32, 0, 0, "a * 2"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/cases/scalars.cpp", 32, 0, 0, "a > 0"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.namedInputs("a", a);
  if (::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_GT>(::bytedmd::seq{::bytedmd::ld(a) , 0}, &bytedmd_loc_1), &bytedmd_loc_0)) return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a) , 2}, &bytedmd_loc_2));
  return bytedmd_frame.ret(::bytedmd::ld(a));
}

// cases.md: implicit_branch(0)
double implicit_branch(double a) { static bytedmd_function bytedmd_site = {"implicit_branch", {"test/e2e/cases/scalars.cpp", 37, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/cases/scalars.cpp", 38, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/cases/scalars.cpp", 38, 0, 0, "a + 10"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.namedInputs("a", a);
  if (::bytedmd::truth(::bytedmd::ld(a), &bytedmd_loc_0)) return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(a) , 10}, &bytedmd_loc_1));
  return bytedmd_frame.ret(::bytedmd::ld(a));
}

// cases.md: explicit_branch(0)
double explicit_branch(double a) { static bytedmd_function bytedmd_site = {"explicit_branch", {"test/e2e/cases/scalars.cpp", 43, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/cases/scalars.cpp", 44, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/cases/scalars.cpp", 44, 0, 0, "a != 0"}; static bytedmd_location bytedmd_loc_2 = {"test/e2e/cases/scalars.cpp", 44, 0, 0, "a + 10"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.namedInputs("a", a);
  if (::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_NE>(::bytedmd::seq{::bytedmd::ld(a) , 0}, &bytedmd_loc_1), &bytedmd_loc_0)) return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(a) , 10}, &bytedmd_loc_2));
  return bytedmd_frame.ret(::bytedmd::ld(a));
}

// cases.md: logical_not(0)
bool logical_not(double a) { static bytedmd_function bytedmd_site = {"logical_not", {"test/e2e/cases/scalars.cpp", 49, 6, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/cases/scalars.cpp", 49, 0, 0, nullptr}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.namedInputs("a", a); return bytedmd_frame.ret(!::bytedmd::truth(::bytedmd::ld(a), &bytedmd_loc_0)); }

// cases.md: constants(5)
double constants(double a) { static bytedmd_function bytedmd_site = {"constants", {"test/e2e/cases/scalars.cpp", 52, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/cases/scalars.cpp", 52, 0, 0, "10 - a * 10"}; static bytedmd_location bytedmd_loc_1 = {"test/e2e/cases/scalars.cpp", 52, 0, 0, "a * 10"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.namedInputs("a", a); return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_SUB>(::bytedmd::seq{10 , ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a) , 10}, &bytedmd_loc_1)}, &bytedmd_loc_0)); }

// cases.md: max2(1.0,2.0), max2(2.0,1.0)
double max2(double a, double b) { static bytedmd_function bytedmd_site = {"max2", {"test/e2e/cases/scalars.cpp", 55, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"test/e2e/cases/scalars.cpp", 55, 0, 0, "std::max(a, b)"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(0, a); bytedmd_frame.argument(1, b); bytedmd_frame.namedInputs("b,a", b, a); return bytedmd_frame.ret(::bytedmd::ld(::bytedmd::minmax<BYTEDMD_OP_GT>(::bytedmd::seq{::bytedmd::ld(a), ::bytedmd::ld(b)}, &bytedmd_loc_0))); }

int main() {
  std::printf("%.17g\n", my_add(1, 2, 3));
  std::printf("%.17g\n", twice(5));
  std::printf("%d\n", composite(1, 2, 3, 4));
  std::printf("%.17g\n", relu(5));
  std::printf("%.17g\n", relu(-5));
  std::printf("%.17g\n", implicit_branch(0));
  std::printf("%.17g\n", explicit_branch(0));
  std::printf("%d\n", logical_not(0));
  std::printf("%.17g\n", constants(5));
  std::printf("%.17g\n", max2(1.0, 2.0));
  std::printf("%.17g\n", max2(2.0, 1.0));
  return 0;
}

// added by bytedmd-instrument: this file's functions are instrumented
extern const char bytedmd_instrumented__Z6my_addddd;
const char bytedmd_instrumented__Z6my_addddd = 1;
extern const char bytedmd_instrumented__Z5twiced;
const char bytedmd_instrumented__Z5twiced = 1;
extern const char bytedmd_instrumented__Z9compositedddd;
const char bytedmd_instrumented__Z9compositedddd = 1;
extern const char bytedmd_instrumented__Z4relud;
const char bytedmd_instrumented__Z4relud = 1;
extern const char bytedmd_instrumented__Z15implicit_branchd;
const char bytedmd_instrumented__Z15implicit_branchd = 1;
extern const char bytedmd_instrumented__Z15explicit_branchd;
const char bytedmd_instrumented__Z15explicit_branchd = 1;
extern const char bytedmd_instrumented__Z11logical_notd;
const char bytedmd_instrumented__Z11logical_notd = 1;
extern const char bytedmd_instrumented__Z9constantsd;
const char bytedmd_instrumented__Z9constantsd = 1;
extern const char bytedmd_instrumented__Z4max2dd;
const char bytedmd_instrumented__Z4max2dd = 1;
