#include "wire/record.h"

#include <gtest/gtest.h>

#include "wire/constants.h"

namespace tlsd::wire {
namespace {

TEST(Records, EncodeSplitsAtMaxFragment) {
  Bytes payload(10, 0xab);
  Bytes out = encode_records(kHandshake, kTls10, payload, 4);
  ASSERT_EQ(out.size(), 3 * 5 + 10u);
  RecordStream s;
  s.append(out);
  size_t total = 0;
  for (int i = 0; i < 3; ++i) {
    auto rec = s.next();
    ASSERT_TRUE(rec.ok());
    ASSERT_TRUE(rec->has_value());
    EXPECT_EQ((*rec)->type, kHandshake);
    EXPECT_EQ((*rec)->version, kTls10);
    total += (*rec)->fragment.size();
  }
  EXPECT_EQ(total, 10u);
  auto end = s.next();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(end->has_value());
}

TEST(Records, ByteAtATimeYieldsSameRecord) {
  Bytes out = encode_records(kAlert, kTls12, Bytes{2, 40});
  RecordStream s;
  for (size_t i = 0; i < out.size(); ++i) {
    auto rec = s.next();
    ASSERT_TRUE(rec.ok());
    EXPECT_FALSE(rec->has_value()) << "record complete too early at byte " << i;
    s.append(ByteView(out).subspan(i, 1));
  }
  auto rec = s.next();
  ASSERT_TRUE(rec.ok() && rec->has_value());
  EXPECT_EQ((*rec)->fragment, (Bytes{2, 40}));
}

TEST(Records, RejectsNonTlsAtOnce) {
  RecordStream s;
  s.append(Bytes{'H', 'T', 'T', 'P', '/'});
  auto rec = s.next();
  ASSERT_FALSE(rec.ok());
  EXPECT_EQ(rec.error().code, ProtocolCode::not_tls);
  RecordStream s2;
  s2.append(Bytes{0x16, 0x05});
  EXPECT_FALSE(s2.next().ok());
}

TEST(Records, RejectsOversizedBeforeBody) {
  RecordStream s;
  s.append(Bytes{0x16, 0x03, 0x03, 0x48, 0x01});
  auto rec = s.next();
  ASSERT_FALSE(rec.ok());
  EXPECT_EQ(rec.error().code, ProtocolCode::record_overflow);
}

TEST(Handshake, MessageAcrossRecordsAndSeveralInOne) {
  // Two messages: type 2 with 3 bytes, type 14 empty; delivered split oddly.
  Bytes stream{2, 0, 0, 3, 0xa, 0xb, 0xc, 14, 0, 0, 0};
  HandshakeAssembler h;
  h.add(ByteView(stream).first(5));
  auto m = h.next();
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->has_value());
  h.add(ByteView(stream).subspan(5));
  m = h.next();
  ASSERT_TRUE(m.ok() && m->has_value());
  EXPECT_EQ((*m)->type, 2);
  EXPECT_EQ((*m)->body, (Bytes{0xa, 0xb, 0xc}));
  m = h.next();
  ASSERT_TRUE(m.ok() && m->has_value());
  EXPECT_EQ((*m)->type, 14);
  EXPECT_TRUE((*m)->body.empty());
  EXPECT_TRUE(h.empty());
}

TEST(Handshake, RejectsHugeLengthWithoutWaiting) {
  HandshakeAssembler h;
  h.add(Bytes{11, 0xff, 0x00, 0x00});
  auto m = h.next();
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, ProtocolCode::message_too_large);
}

TEST(Grease, Values) {
  EXPECT_TRUE(is_grease(0x0a0a));
  EXPECT_TRUE(is_grease(0xfafa));
  EXPECT_FALSE(is_grease(0x0a1a));
  EXPECT_FALSE(is_grease(0x001d));
}

}  // namespace
}  // namespace tlsd::wire
