// matvec2_by_hand.cpp - the seed document's matvec2, instrumented by hand
// with the runtime's entry set, the way bytedmd-instrument rewrites code.
//
// The original function:
//
//   std::vector<double> matvec2(const std::vector<std::vector<double>> &A,
//                               const std::vector<double> &x) {
//     double y0 = A[0][0] * x[0] + A[0][1] * x[1];
//     double y1 = A[1][0] * x[0] + A[1][1] * x[1];
//     return {y0, y1};
//   }
//
// Each tracked double travels with its key. The prologue declares the inputs
// (last parameter first, row-major), every arithmetic operation becomes one
// instruction, and the return marks the results.
#include "bytedmd/runtime.h"

#include <cstdio>
#include <vector>

namespace {

struct Tracked {
  double value;
  bytedmd_key key;
};

Tracked mul(Tracked a, Tracked b) {
  return {a.value * b.value, bytedmd_binary(BYTEDMD_OP_MUL, a.key, b.key)};
}
Tracked add(Tracked a, Tracked b) {
  return {a.value + b.value, bytedmd_binary(BYTEDMD_OP_ADD, a.key, b.key)};
}

bytedmd_function matvec2Site = {"matvec2", {"examples/matvec2_by_hand.cpp", 5, 1, 0}};

std::vector<double> matvec2(const std::vector<std::vector<double>> &A,
                            const std::vector<double> &x) {
  const int opened = bytedmd_enter(&matvec2Site);
  std::vector<Tracked> tx(x.size());
  std::vector<std::vector<Tracked>> tA(A.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    tx[i] = {x[i], bytedmd_input()};
  for (std::size_t i = 0; i < A.size(); ++i)
    for (double a : A[i])
      tA[i].push_back({a, bytedmd_input()});

  // Products are separate statements so the order is the source's, left to
  // right, whatever order the compiler evaluates arguments in.
  Tracked p00 = mul(tA[0][0], tx[0]);
  Tracked p01 = mul(tA[0][1], tx[1]);
  Tracked y0 = add(p00, p01);
  Tracked p10 = mul(tA[1][0], tx[0]);
  Tracked p11 = mul(tA[1][1], tx[1]);
  Tracked y1 = add(p10, p11);

  const bytedmd_key results[] = {y0.key, y1.key};
  bytedmd_results(results, 2);
  bytedmd_leave(opened);
  return {y0.value, y1.value};
}

} // namespace

int main() {
  const std::vector<double> y = matvec2({{1, 2}, {3, 4}}, {5, 6});
  std::printf("matvec2([[1,2],[3,4]], [5,6]) = [%g, %g]\n", y[0], y[1]);
  return 0;
}
