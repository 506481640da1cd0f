#include "base/hex.h"

#include <gtest/gtest.h>

#include "base/result.h"
#include "base/time_format.h"

namespace tlsd {
namespace {

TEST(Hex, RoundTrip) {
  Bytes b{0x00, 0x3d, 0xff};
  EXPECT_EQ(to_hex(b), "003dff");
  EXPECT_EQ(from_hex("00 3d:FF"), b);
}

TEST(Hex, RejectsOddAndJunk) {
  EXPECT_FALSE(from_hex("abc"));
  EXPECT_FALSE(from_hex("zz"));
  EXPECT_FALSE(from_hex("a b"));  // a separator may not split a byte
}

TEST(Hex, Codes) {
  EXPECT_EQ(hex_code(0x3d), "0x003d");
  EXPECT_EQ(hex_code(0x010080, 6), "0x010080");
  EXPECT_EQ(parse_hex_number("0x003D", 0xffff), 0x3du);
  EXPECT_EQ(parse_hex_number("c02f", 0xffff), 0xc02fu);
  EXPECT_FALSE(parse_hex_number("0x10000", 0xffff));
  EXPECT_FALSE(parse_hex_number("0x", 0xffff));
  EXPECT_FALSE(parse_hex_number("12g", 0xffff));
}

TEST(Result, CarriesValueOrError) {
  Result<int> good = 3;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 3);
  Result<int> bad = Error::decode("truncated");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().layer, ErrorLayer::decode);
  EXPECT_EQ(to_string(bad.error().layer), "decode");
}

TEST(TimeFormat, Utc) {
  EXPECT_EQ(utc_date(0), "1970-01-01");
  EXPECT_EQ(utc_rfc3339(1795775025), "2026-11-27T10:23:45Z");
}

}  // namespace
}  // namespace tlsd
