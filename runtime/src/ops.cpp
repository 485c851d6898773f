// ops.cpp - instruction names, as the IR prints them.
#include "bytedmd/runtime.h"

namespace {
// Python's operator names for the operators (the reference tracer's), the C
// library's names for the math functions.
constexpr const char *kOpNames[] = {
    "add",       "sub",   "mul",  "div",    "mod",    "lshift", "rshift",   "and",   "or",
    "xor",       "neg",   "pos",  "invert", "lt",     "le",     "gt",       "ge",    "eq",
    "ne",        "sqrt",  "cbrt", "exp",    "exp2",   "expm1",  "log",      "log2",  "log10",
    "log1p",     "pow",   "abs",  "floor",  "ceil",   "trunc",  "round",    "rint",  "fmod",
    "remainder", "fmin",  "fmax", "fdim",   "fma",    "hypot",  "copysign", "sin",   "cos",
    "tan",       "asin",  "acos", "atan",   "atan2",  "sinh",   "cosh",     "tanh",  "asinh",
    "acosh",     "atanh", "erf",  "erfc",   "tgamma", "lgamma", "truth",    "index", "escape",
};
static_assert(sizeof(kOpNames) / sizeof(kOpNames[0]) == BYTEDMD_OP_COUNT,
              "every bytedmd_op has a name");
} // namespace

extern "C" const char *bytedmd_op_name(bytedmd_op op) {
  return unsigned(op) < BYTEDMD_OP_COUNT ? kOpNames[op] : "unknown";
}
