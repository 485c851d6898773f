// my_add_bytes2.cpp - the case "my_add(1,2,3) bytes_per_element=2" of cases.md.
// Same function as in scalars.cpp, measured with B = 2: run it with the
// environment setting below. cases.md gives only the cost for this case.
//
// ENV: BYTEDMD_BYTES_PER_ELEMENT=2
// EXPECT: my_add call=0 cost=14
#include <cstdio>

// cases.md: my_add(1,2,3) bytes_per_element=2
double my_add(double a, double b, double c) { return (a + b) + c; }

int main() {
  std::printf("%.17g\n", my_add(1, 2, 3));
  return 0;
}
