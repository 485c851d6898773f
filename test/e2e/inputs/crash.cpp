// A program that aborts after a measurement: bytedmd run must say so.
#include <cstdlib>
double twice(double a) { return a + a; }
int main() {
  volatile double r = twice(2);
  (void)r;
  std::abort();
}
