#include "wire/key_share.h"

#include <gtest/gtest.h>

#include "base/hex.h"

namespace tlsd::wire {
namespace {

struct Expected {
  uint16_t group;
  size_t size;
};

TEST(KeyShare, SizesPerGroup) {
  Bytes seed(32, 1);
  for (Expected e : {Expected{0x001d, 32}, {0x001e, 56}, {0x0017, 65}, {0x0018, 97},
                     {0x0019, 133}, {0x001f, 65}, {0x0100, 256}, {0x0104, 1024},
                     {0x0201, 1184}, {0x0202, 1568}, {0x11ec, 1216}, {0x11eb, 1249},
                     {0x11ed, 1665}, {0x6399, 1216}}) {
    ASSERT_TRUE(can_make_key_share(e.group));
    auto share = make_key_share(e.group, seed);
    ASSERT_TRUE(share.ok()) << hex_code(e.group);
    EXPECT_EQ(share->size(), e.size) << hex_code(e.group);
  }
  EXPECT_FALSE(can_make_key_share(0x0009));
  EXPECT_FALSE(make_key_share(0x0009, seed).ok());
}

TEST(KeyShare, DeterministicPerSeedAndGroup) {
  Bytes a(32, 1), b(32, 2);
  EXPECT_EQ(*make_key_share(0x0017, a), *make_key_share(0x0017, a));
  EXPECT_NE(*make_key_share(0x0017, a), *make_key_share(0x0017, b));
  auto p = make_key_share(0x0017, a);
  EXPECT_EQ((*p)[0], 0x04);  // uncompressed point
}

TEST(KeyShare, MlKemCoefficientsAreReduced) {
  auto ek = make_key_share(0x0201, Bytes(32, 7));
  ASSERT_TRUE(ek.ok());
  for (size_t i = 0; i + 2 < 1152; i += 3) {
    uint16_t c0 = static_cast<uint16_t>((*ek)[i] | ((*ek)[i + 1] & 0x0f) << 8);
    uint16_t c1 = static_cast<uint16_t>((*ek)[i + 1] >> 4 | (*ek)[i + 2] << 4);
    ASSERT_LT(c0, 3329);
    ASSERT_LT(c1, 3329);
  }
}

}  // namespace
}  // namespace tlsd::wire
