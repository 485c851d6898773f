// long_measurement.cpp - one measured call of READS reads through the entry
// set (s = s + x[i] * y[i] over a 512-value working set), for tests of the
// runtime's limits. Usage: long_measurement READS
#include "bytedmd/runtime.h"

#include <cstdio>
#include <cstdlib>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: long_measurement READS\n");
    return 2;
  }
  const unsigned long long reads = std::strtoull(argv[1], nullptr, 10);
  static bytedmd_function site = {"long_measurement", {"long_measurement.cpp", 1, 1, 0}};
  const int opened = bytedmd_enter(&site);
  bytedmd_key x[256], y[256];
  bytedmd_inputs(x, 256);
  bytedmd_inputs(y, 256);
  bytedmd_key s = bytedmd_binary(BYTEDMD_OP_MUL, x[0], y[0]);
  for (unsigned long long r = 2, i = 1; r < reads; r += 4, ++i)
    s = bytedmd_binary(BYTEDMD_OP_ADD, s, bytedmd_binary(BYTEDMD_OP_MUL, x[i % 256], y[i % 256]));
  bytedmd_results(&s, 1);
  bytedmd_leave(opened);
  std::printf("done\n");
  return 0;
}
