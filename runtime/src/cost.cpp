// cost.cpp - integer square roots and the per-byte closed form.
#include "cost.h"

#include <cmath>

namespace bytedmd {

std::uint64_t isqrt(std::uint64_t n) {
  // Digit-by-digit (base 4): exact, branch-light, no floating point.
  if (n == 0)
    return 0;
  std::uint64_t root = 0;
  // The highest power of 4 not above n, found at once instead of by shifting.
  std::uint64_t bit = std::uint64_t(1) << ((63 - __builtin_clzll(n)) & ~1);
  while (bit != 0) {
    if (n >= root + bit) {
      n -= root + bit;
      root = (root >> 1) + bit;
    } else {
      root >>= 1;
    }
    bit >>= 2;
  }
  return root;
}

std::uint64_t sumCeilSqrt(std::uint64_t n) {
  if (n == 0)
    return 0;
  // 128-bit intermediates: m*(6n) overflows 64 bits once n passes ~2^42.
  unsigned __int128 m = ceilSqrt(n);
  unsigned __int128 total = m * (6 * (unsigned __int128)n - 2 * m * m + 3 * m - 1) / 6;
  return std::uint64_t(total);
}

double sumSqrt(std::uint64_t depth, std::uint64_t bytesPerElement) {
  double total = 0;
  for (std::uint64_t b = (depth - 1) * bytesPerElement + 1; b <= depth * bytesPerElement; ++b)
    total += std::sqrt(double(b));
  return total;
}

} // namespace bytedmd
