// cost_test.cpp - exact integer pricing of reads.
#include "cost.h"
#include "naive_replay.h"

#include <gtest/gtest.h>

#include <limits>

namespace bytedmd {
namespace {

TEST(Cost, IsqrtIsExactAtSquaresAndTheirNeighbours) {
  for (std::uint64_t r = 0; r < 100000; ++r) {
    EXPECT_EQ(isqrt(r * r), r);
    if (r > 0)
      EXPECT_EQ(isqrt(r * r - 1), r - 1);
    EXPECT_EQ(isqrt(r * r + 2 * r), r); // (r+1)^2 - 1
  }
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  EXPECT_EQ(isqrt(max), 4294967295u);
  EXPECT_EQ(isqrt(std::uint64_t(4294967295u) * 4294967295u), 4294967295u);
  EXPECT_EQ(isqrt(std::uint64_t(4294967295u) * 4294967295u - 1), 4294967294u);
}

TEST(Cost, CeilSqrtMatchesCounting) {
  EXPECT_EQ(ceilSqrt(0), 0u);
  for (std::uint64_t d = 1; d < 20000; ++d)
    EXPECT_EQ(ceilSqrt(d), testing::naiveCeilSqrt(d)) << d;
  // The seed's examples: depths 1, 2, 4, 5, 6 cost 1, 2, 2, 3, 3.
  EXPECT_EQ(ceilSqrt(1), 1u);
  EXPECT_EQ(ceilSqrt(2), 2u);
  EXPECT_EQ(ceilSqrt(4), 2u);
  EXPECT_EQ(ceilSqrt(5), 3u);
  EXPECT_EQ(ceilSqrt(6), 3u);
}

// The replay prices each read with ceilSqrt32 (a double root and one
// comparison). ceil(sqrt(d)) changes only just past a square, so checking
// every square r^2 and both its neighbours over all 32-bit d, where the
// rounding could go wrong, checks every d.
TEST(Cost, CeilSqrt32IsExactOverEveryThirtyTwoBitDepth) {
  EXPECT_EQ(ceilSqrt32(0), 0u);
  for (std::uint64_t r = 1; r <= 65536; ++r) {
    const std::uint64_t sq = r * r;
    if (sq - 1 <= 0xffffffffu)
      EXPECT_EQ(ceilSqrt32(std::uint32_t(sq - 1)), sq - 1 == 0 ? 0 : r) << sq - 1;
    if (sq <= 0xffffffffu)
      EXPECT_EQ(ceilSqrt32(std::uint32_t(sq)), r) << sq;
    if (sq + 1 <= 0xffffffffu)
      EXPECT_EQ(ceilSqrt32(std::uint32_t(sq + 1)), r + 1) << sq + 1;
  }
  EXPECT_EQ(ceilSqrt32(0xffffffffu), 65536u);
  for (std::uint32_t d = 1; d < (1u << 22); ++d)
    ASSERT_EQ(ceilSqrt32(d), ceilSqrt(d)) << d;
}

TEST(Cost, SumCeilSqrtClosedFormMatchesTheSum) {
  std::uint64_t running = 0;
  for (std::uint64_t n = 0; n < 50000; ++n) {
    if (n > 0)
      running += testing::naiveCeilSqrt(n);
    ASSERT_EQ(sumCeilSqrt(n), running) << n;
  }
}

TEST(Cost, SumCeilSqrtDoesNotOverflowForLargeN) {
  // n = k^2: S = sum_{j<=k} j(2j-1) = k(k+1)(4k-1)/6.
  const std::uint64_t k = 1u << 21; // n = 2^42: m * 6n needs more than 64 bits
  const unsigned __int128 expect = (unsigned __int128)k * (k + 1) * (4 * k - 1) / 6;
  EXPECT_EQ(sumCeilSqrt(k * k), std::uint64_t(expect));
}

TEST(Cost, ReadCostPerByteMatchesLoopingOverBytes) {
  for (std::uint64_t bytes : {1u, 2u, 3u, 4u, 8u, 16u})
    for (std::uint32_t d = 1; d < 500; ++d)
      ASSERT_EQ(readCost(d, bytes), testing::naiveCost({d}, bytes)) << d << " x " << bytes;
  // By hand: B = 2, depth 1 holds bytes 1..2 (1 + 2), depth 2 bytes 3..4 (2 + 2).
  EXPECT_EQ(readCost(1, 2), 3u);
  EXPECT_EQ(readCost(2, 2), 4u);
}

} // namespace
} // namespace bytedmd
