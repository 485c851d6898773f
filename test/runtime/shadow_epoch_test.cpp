// shadow_epoch_test.cpp - the shadow names a key's measurement by a 16-bit
// owner, ids 65,535 apart share one, and each epoch's first measurement
// clears the shadow. These tests set measurement ids by hand, far past the
// ones real measurements take, so they live in a binary of their own (a
// real measurement after them would look as if it began in an old epoch).
// Ids only grow from one test to the next, as they do in a program.
#include "bytedmd/instrument.hpp"
#include "bytedmd/runtime.h"
#include "recording.h"

#include <gtest/gtest.h>

#include <thread>

namespace bytedmd {
namespace {

// A slot names its key's measurement by a 16-bit owner, and ids 65,535
// apart share one. The first measurement of each epoch of 65,535 clears the
// shadow, so a later id never takes an older id's key for its own.
TEST(Shadow, AKeyOfAnEarlierEpochIsNeverTakenForTheCurrentMeasurements) {
  double x = 2.5;
  const std::uint64_t bits = ::bytedmd::detail::__bits_of(x);
  for (const std::uint64_t first : {std::uint64_t(3), 2 * kOwnersPerEpoch}) { // ids only grow
    const std::uint64_t later = first + kOwnersPerEpoch;
    ASSERT_EQ(shadowOwner(first), shadowOwner(later));
    shadowMeasuring(first << 32);
    bytedmd_shadow_store(&x, (first << 32) | 5, bits);
    EXPECT_EQ(bytedmd_shadow_load(&x, bits), (first << 32) | 5);
    EXPECT_TRUE(bytedmd_shadow_touched(&x, 0));
    shadowMeasuring(0);
    shadowMeasuring(later << 32);
    EXPECT_EQ(bytedmd_shadow_load(&x, bits), 0u) << first; // not (later << 32) | 5
    EXPECT_FALSE(bytedmd_shadow_touched(&x, 0));
    // Nor does the old key, stored again after the clear.
    bytedmd_shadow_store(&x, (first << 32) | 5, bits);
    EXPECT_EQ(bytedmd_shadow_load(&x, bits), 0u) << first;
    EXPECT_FALSE(bytedmd_shadow_touched(&x, 0));
    shadowMeasuring(0);
  }
  bytedmd_shadow_forget(&x, sizeof x);
}

// A slot keeps 16 bits of its value: a load of other bits finds no key.
TEST(Shadow, ALoadOfChangedBitsFindsNoKey) {
  double x = 2.5;
  const bytedmd_key key = (bytedmd_key(100 * kOwnersPerEpoch) << 32) | 9; // past the clears above
  bytedmd_shadow_store(&x, key, ::bytedmd::detail::__bits_of(x));
  for (const double other : {3.5, 2.5000000000000004, -2.5, 0.0})
    EXPECT_EQ(bytedmd_shadow_load(&x, ::bytedmd::detail::__bits_of(other)), 0u) << other;
  EXPECT_EQ(bytedmd_shadow_load(&x, ::bytedmd::detail::__bits_of(x)), key);
  bytedmd_shadow_forget(&x, sizeof x);
}

// Two measurements in flight 65,535 starts apart share an owner: their keys
// cannot be told apart, so both are marked as having lost values.
TEST(Shadow, MeasurementsInFlightWithOneOwnerBothLoseTheirValues) {
  const std::uint64_t older = 4 * kOwnersPerEpoch + 11, newer = older + kOwnersPerEpoch;
  const int olderSlot = claimInFlightSlot(older);
  const int newerSlot = claimInFlightSlot(newer);
  ASSERT_GE(olderSlot, 0);
  ASSERT_GE(newerSlot, 0);
  shadowMeasuring(newer << 32);
  shadowMeasuring(0);
  EXPECT_TRUE(releaseInFlightSlot(olderSlot));
  EXPECT_TRUE(releaseInFlightSlot(newerSlot));
  // Owners that differ leave both alone.
  const int a = claimInFlightSlot(older), b = claimInFlightSlot(newer + 1);
  shadowMeasuring((newer + 1) << 32);
  shadowMeasuring(0);
  EXPECT_FALSE(releaseInFlightSlot(a));
  EXPECT_FALSE(releaseInFlightSlot(b));
}

// A measurement still in flight when a newer epoch's first measurement
// clears the shadow loses its values (it is told so), and what it stores
// after the clear is forgotten when it ends: a newer id with its owner
// never finds those keys. One that only begins after the clear is told at
// once, and its stores go the same way.
TEST(Shadow, AMeasurementOverrunByANewEpochLeavesNoKeys) {
  double x = 1.5, y = 2.5;
  const std::uint64_t bx = ::bytedmd::detail::__bits_of(x), by = ::bytedmd::detail::__bits_of(y);
  const std::uint64_t a = 10 * kOwnersPerEpoch + 7, b = 11 * kOwnersPerEpoch + 1;
  const int aSlot = claimInFlightSlot(a);
  ASSERT_GE(aSlot, 0);
  shadowMeasuring(a << 32);
  std::thread([b] { // b begins the next epoch on another thread
    const int bSlot = claimInFlightSlot(b);
    shadowMeasuring(b << 32);
    shadowMeasuring(0);
    EXPECT_FALSE(releaseInFlightSlot(bSlot));
  }).join();
  bytedmd_shadow_store(&x, (a << 32) | 5, bx); // a goes on storing its keys
  shadowMeasuring(0);
  EXPECT_TRUE(releaseInFlightSlot(aSlot)); // told at b's clear
  const std::uint64_t c = a + kOwnersPerEpoch; // a's owner, in b's epoch
  ASSERT_EQ(shadowOwner(c), shadowOwner(a));
  shadowMeasuring(c << 32);
  EXPECT_EQ(bytedmd_shadow_load(&x, bx), 0u); // not (c << 32) | 5
  shadowMeasuring(0);

  const std::uint64_t late = 10 * kOwnersPerEpoch + 9; // its id from before b's clear
  const int lateSlot = claimInFlightSlot(late);
  shadowMeasuring(late << 32);
  bytedmd_shadow_store(&y, (late << 32) | 6, by);
  shadowMeasuring(0);
  EXPECT_TRUE(releaseInFlightSlot(lateSlot));
  shadowMeasuring((late + kOwnersPerEpoch) << 32);
  EXPECT_EQ(bytedmd_shadow_load(&y, by), 0u);
  shadowMeasuring(0);
  bytedmd_shadow_forget(&x, sizeof x);
  bytedmd_shadow_forget(&y, sizeof y);
}

} // namespace
} // namespace bytedmd
