// ops.cpp - instruction names, as the IR prints them (bytedmd/ops.def).
#include "bytedmd/runtime.h"

namespace {
constexpr const char *kOpNames[] = {
#define BYTEDMD_ARITHMETIC(NAME, ir, token, ClangKind) #ir,
#define BYTEDMD_UNARY(NAME, ir, token, ClangKind) #ir,
#define BYTEDMD_COMPARISON(NAME, ir, token, ClangKind) #ir,
#define BYTEDMD_MATH(NAME, ir) #ir,
#define BYTEDMD_READ(NAME, ir) #ir,
#include "bytedmd/ops.def"
};
static_assert(sizeof(kOpNames) / sizeof(kOpNames[0]) == BYTEDMD_OP_COUNT,
              "every bytedmd_op has a name");
} // namespace

extern "C" const char *bytedmd_op_name(bytedmd_op op) {
  return unsigned(op) < BYTEDMD_OP_COUNT ? kOpNames[op] : "unknown";
}
