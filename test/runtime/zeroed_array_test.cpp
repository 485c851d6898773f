// zeroed_array_test.cpp - the replays' per-key records in a mapping of their
// own: zero when new, zero again when reused, kept when grown.
#include "zeroed_array.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace bytedmd {
namespace {

struct Record {
  std::uint32_t stamp;
  std::uint16_t tag;
};

bool allZero(const ZeroedArray<Record> &a, std::size_t from = 0) {
  for (std::size_t i = from; i < a.size(); ++i)
    if (a[i].stamp != 0 || a[i].tag != 0)
      return false;
  return true;
}

TEST(ZeroedArray, IsZeroWhenNewAndWhenReused) {
  ZeroedArray<Record> a;
  a.assignZero(100000);
  ASSERT_EQ(a.size(), 100000u);
  EXPECT_TRUE(allZero(a));
  for (std::size_t i = 0; i < a.size(); i += 7)
    a[i] = {std::uint32_t(i + 1), 3};
  a.assignZero(50000); // smaller: what was written is cleared
  EXPECT_TRUE(allZero(a));
  a.assignZero(300000); // larger than the mapping: it grows
  EXPECT_TRUE(allZero(a));
}

TEST(ZeroedArray, GrowingKeepsTheRecordsAndZeroesTheNewOnes) {
  ZeroedArray<Record> a;
  a.resizeZero(1000);
  for (std::size_t i = 0; i < 1000; ++i)
    a[i].stamp = std::uint32_t(i + 1);
  a.resizeZero(1u << 20); // past the first mapping: an mremap
  for (std::size_t i = 0; i < 1000; ++i)
    ASSERT_EQ(a[i].stamp, i + 1) << i;
  EXPECT_TRUE(allZero(a, 1000));
  // Shrunk and grown again: the records past the smaller size read as zero.
  a.resizeZero(500);
  a.resizeZero(2000);
  for (std::size_t i = 0; i < 500; ++i)
    ASSERT_EQ(a[i].stamp, i + 1) << i;
  EXPECT_TRUE(allZero(a, 500));
}

TEST(ZeroedArray, MovesOwnTheMapping) {
  ZeroedArray<Record> a;
  a.resizeZero(10);
  a[3].stamp = 9;
  ZeroedArray<Record> b = std::move(a);
  EXPECT_EQ(a.size(), 0u);
  EXPECT_EQ(b.size(), 10u);
  EXPECT_EQ(b[3].stamp, 9u);
  b.release();
  EXPECT_TRUE(b.empty());
}

} // namespace
} // namespace bytedmd
