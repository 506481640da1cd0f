#include <gtest/gtest.h>

#include "wire/reader.h"
#include "wire/writer.h"

namespace tlsd::wire {
namespace {

TEST(Reader, ReadsBigEndianAndStopsAtEnd) {
  Bytes data{0x01, 0x02, 0x03, 0x04, 0x05, 0x06};
  Reader r(data);
  uint8_t a;
  uint16_t b;
  uint32_t c;
  ASSERT_TRUE(r.u8(a));
  ASSERT_TRUE(r.u16(b));
  ASSERT_TRUE(r.u24(c));
  EXPECT_EQ(a, 0x01);
  EXPECT_EQ(b, 0x0203);
  EXPECT_EQ(c, 0x040506u);
  EXPECT_TRUE(r.empty());
  EXPECT_FALSE(r.u8(a));
}

TEST(Reader, FailedReadConsumesNothing) {
  Bytes data{0x00, 0x05, 0xaa, 0xbb};  // claims 5 bytes, has 2
  Reader r(data);
  Reader inner;
  EXPECT_FALSE(r.prefixed(2, inner));
  EXPECT_EQ(r.remaining(), 4u);
  uint8_t byte;
  ASSERT_TRUE(r.u8(byte));
  EXPECT_EQ(r.remaining(), 3u);
}

TEST(Reader, PrefixedIsBounded) {
  Bytes data{0x02, 0xaa, 0xbb, 0xcc};
  Reader r(data);
  Reader inner;
  ASSERT_TRUE(r.prefixed(1, inner));
  EXPECT_EQ(inner.remaining(), 2u);
  uint16_t v;
  uint8_t byte;
  ASSERT_TRUE(inner.u16(v));
  EXPECT_FALSE(inner.u8(byte));  // cannot read past the field
  EXPECT_EQ(r.remaining(), 1u);
}

TEST(Reader, RejectsBadPrefixWidth) {
  Bytes data{0x00};
  Reader r(data);
  Reader inner;
  EXPECT_FALSE(r.prefixed(0, inner));
  EXPECT_FALSE(r.prefixed(4, inner));
}

TEST(Writer, PatchesNestedLengths) {
  Writer w;
  w.prefixed(2, [](Writer& a) {
    a.u8(0x01);
    a.prefixed(1, [](Writer& b) { b.u16(0xbeef); });
  });
  auto out = std::move(w).finish();
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(to_hex(*out), "00040102beef");
}

TEST(Writer, OverflowPoisons) {
  Writer w;
  Bytes big(256, 0);
  w.prefixed_bytes(1, big);
  EXPECT_FALSE(w.ok());
  EXPECT_FALSE(std::move(w).finish().ok());
}

TEST(WriterReader, RoundTrip) {
  Writer w;
  w.u24(0x123456);
  w.prefixed_bytes(3, Bytes{1, 2, 3});
  auto out = std::move(w).finish();
  ASSERT_TRUE(out.ok());
  Reader r(*out);
  uint32_t v;
  Bytes body;
  ASSERT_TRUE(r.u24(v));
  ASSERT_TRUE(r.prefixed_bytes(3, body));
  EXPECT_EQ(v, 0x123456u);
  EXPECT_EQ(body, (Bytes{1, 2, 3}));
  EXPECT_TRUE(r.empty());
}

}  // namespace
}  // namespace tlsd::wire
