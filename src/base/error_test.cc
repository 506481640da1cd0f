#include "base/error.h"

#include <gtest/gtest.h>

namespace tlsd {
namespace {

TEST(ErrorCodes, EveryTransportCodeRoundTrips) {
  for (uint8_t i = 0; i <= static_cast<uint8_t>(TransportCode::io); ++i) {
    auto code = static_cast<TransportCode>(i);
    EXPECT_EQ(parse_transport_code(name(code)), code) << name(code);
  }
  EXPECT_EQ(name(TransportCode::refused), "refused");
}

TEST(ErrorCodes, EveryProtocolCodeRoundTrips) {
  for (uint8_t i = 0; i <= static_cast<uint8_t>(ProtocolCode::timeout); ++i) {
    auto code = static_cast<ProtocolCode>(i);
    EXPECT_EQ(parse_protocol_code(name(code)), code) << name(code);
  }
  EXPECT_EQ(name(ProtocolCode::not_tls), "not_tls");
}

TEST(ErrorCodes, UnknownNamesAreRejected) {
  EXPECT_FALSE(parse_transport_code("refuse"));
  EXPECT_FALSE(parse_transport_code("not_tls"));  // a protocol code, not a transport one
  EXPECT_FALSE(parse_protocol_code("reset"));
  EXPECT_FALSE(parse_protocol_code(""));
}

TEST(ErrorCodes, ErrorsCarryTheCodeOfTheirLayer) {
  Error t = Error::transport(TransportCode::timeout, "m");
  EXPECT_EQ(t.layer, ErrorLayer::transport);
  EXPECT_EQ(t.code.layer(), ErrorLayer::transport);
  EXPECT_EQ(t.code, TransportCode::timeout);
  EXPECT_EQ(t.code.name(), "timeout");
  // The same spelling in another layer is another code.
  Error p = Error::protocol(ProtocolCode::timeout, "m");
  EXPECT_EQ(p.code.name(), "timeout");
  EXPECT_FALSE(p.code == t.code);
  EXPECT_EQ(Error::decode("m").code.name(), "decode_error");
  EXPECT_EQ(Error::usage("m").code.name(), "usage");
  EXPECT_EQ(Error::internal("m").code.name(), "internal");
  EXPECT_EQ(Error{}.code.name(), "internal");
}

}  // namespace
}  // namespace tlsd
