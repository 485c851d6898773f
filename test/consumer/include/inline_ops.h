// inline_ops.h - inline helpers defined in the consumer's own header. An
// instrumented file (kernels.cpp, through INSTRUMENT_HEADERS) and a plain one
// (main.cpp) both use them, so the rewritten copies and the plain ones must
// not meet at link time.
#pragma once

inline double add2_inline(double a, double b) { return a + b; }
template <class T> T prod_inline(T a, T b) { return a * b; }
