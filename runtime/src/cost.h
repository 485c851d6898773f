// cost.h - the ByteDMD price of a read, in exact integer arithmetic.
//
// A value at element depth d with B bytes per element occupies bytes
// (d-1)*B+1 .. d*B, and each byte b costs ceil(sqrt(b)). Floating point never
// enters: ceil(sqrt(n)) = isqrt(n-1) + 1 for n >= 1.
#ifndef BYTEDMD_COST_H
#define BYTEDMD_COST_H

#include <cstdint>

namespace bytedmd {

/// floor(sqrt(n)), exact for every 64-bit n.
std::uint64_t isqrt(std::uint64_t n);

/// ceil(sqrt(n)); 0 for n = 0.
inline std::uint64_t ceilSqrt(std::uint64_t n) { return n == 0 ? 0 : isqrt(n - 1) + 1; }

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
