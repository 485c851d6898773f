// cost.h - the ByteDMD price of a read, in exact integer arithmetic.
//
// A value at element depth d with B bytes per element occupies bytes
// (d-1)*B+1 .. d*B, and each byte b costs ceil(sqrt(b)). Floating point never
// enters: ceil(sqrt(n)) = isqrt(n-1) + 1 for n >= 1.
#ifndef BYTEDMD_COST_H
#define BYTEDMD_COST_H

#include <cmath>
#include <cstdint>

namespace bytedmd {

/// floor(sqrt(n)), exact for every 64-bit n.
std::uint64_t isqrt(std::uint64_t n);

/// ceil(sqrt(n)); 0 for n = 0.
inline std::uint64_t ceilSqrt(std::uint64_t n) { return n == 0 ? 0 : isqrt(n - 1) + 1; }

/// ceil(sqrt(d)) for a 32-bit depth, without a table: d is exact in a
/// double and sqrt is correctly rounded, so the truncated root r is
/// floor(sqrt(d)) or, when sqrt rounds up to an integer, ceil(sqrt(d)); one
/// comparison then gives the ceiling (cost_test checks it over all squares).
inline std::uint32_t ceilSqrt32(std::uint32_t d) {
  // Most reads are shallow (temporaries): a 1 KiB table, in L1, answers
  // them without the root's latency.
  struct Table {
    std::uint8_t c[1024];
    constexpr Table() : c() {
      for (std::uint32_t i = 0, r = 0; i < 1024; ++i) {
        while (r * r < i)
          ++r;
        c[i] = std::uint8_t(r);
      }
    }
  };
  static constexpr Table kShallow;
  if (d < 1024)
    return kShallow.c[d];
  const auto r = std::uint32_t(std::sqrt(double(d)));
  return r + (std::uint64_t(r) * r < d ? 1u : 0u);
}

/// sum of ceil(sqrt(b)) for b = 1..n, in closed form.
///   ceil(sqrt(b)) = k for the 2k-1 bytes b in ((k-1)^2, k^2], so with
///   m = ceil(sqrt(n)): S(n) = sum_{k<m} k(2k-1) + m(n - (m-1)^2)
///                          = m(6n - 2m^2 + 3m - 1) / 6.
std::uint64_t sumCeilSqrt(std::uint64_t n);

/// The cost of reading one element at depth d (>= 1) with B bytes each.
inline std::uint64_t readCost(std::uint64_t depth, std::uint64_t bytesPerElement) {
  if (bytesPerElement == 1)
    return ceilSqrt(depth);
  return sumCeilSqrt(depth * bytesPerElement) - sumCeilSqrt((depth - 1) * bytesPerElement);
}

/// sum of sqrt(b) over the bytes b of an element at depth d (>= 1) with B
/// bytes each: DMD's unrounded price, in floating point.
double sumSqrt(std::uint64_t depth, std::uint64_t bytesPerElement);

} // namespace bytedmd

#endif // BYTEDMD_COST_H
