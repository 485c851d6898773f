// lazy_order.cpp - a call whose two executions make the same events but meet
// their pointer inputs in the other order: the first execution (run in a
// child process) reads a[0] first, the second a[1]. Each input takes its key
// when first read, so both executions read keys 1 and 2, and only the list
// of inputs in stack order tells them apart. Streaming must refuse it.
#include <cstdio>
#include <unistd.h>

static pid_t original;

double product(const double *a) {
  const int first = getpid() == original ? 1 : 0;
  return a[first] * a[1 - first];
}

int main() {
  original = getpid();
  const double a[2] = {2, 3};
  std::printf("%g\n", product(a));
  return 0;
}
