// matvec2_seed.cpp - the seed document's matvec2 ("Inspecting the IR"); its IR
// text must equal matvec2_seed.ir (cases.md, "The seed's IR example").
//
// EXPECT: matvec2 call=0 cost=26 trace=4,6,5,6,3,1,5,3,4,3,2,1
#include <cstdio>
#include <vector>

// cases.md: matvec2(A, x) of the seed document, A = [[1,2],[3,4]], x = [5,6]
std::vector<double> matvec2(const std::vector<std::vector<double>>& A, const std::vector<double>& x) {
  double y0 = A[0][0] * x[0] + A[0][1] * x[1];
  double y1 = A[1][0] * x[0] + A[1][1] * x[1];
  return {y0, y1};
}

int main() {
  for (double v : matvec2({{1, 2}, {3, 4}}, {5, 6})) std::printf("%.17g\n", v);
  return 0;
}
