#include "wire/server_flight.h"

#include <gtest/gtest.h>

#include "wire/constants.h"
#include "wire/test_util.h"

namespace tlsd::wire {
namespace {

using testing::handshake;
using testing::server_hello_body;

Bytes tls12_flight() {
  Bytes msgs = handshake(kServerHello, server_hello_body(0x0303, 0x003d, {{0xff01, Bytes{0}}}));
  Bytes cert = handshake(kCertificate, Bytes{0, 0, 4, 0, 0, 1, 0x30});
  Bytes done = handshake(kServerHelloDone, {});
  msgs.insert(msgs.end(), cert.begin(), cert.end());
  msgs.insert(msgs.end(), done.begin(), done.end());
  return encode_records(kHandshake, kTls12, msgs, 50);  // messages straddle records
}

TEST(Flight, Tls12CompletesAtServerHelloDone) {
  Bytes bytes = tls12_flight();
  for (size_t n = 0; n < bytes.size(); ++n) {  // any prefix: waiting, never an error
    FlightReader partial;
    ASSERT_TRUE(partial.feed(ByteView(bytes).first(n)).ok()) << n;
    EXPECT_FALSE(partial.complete()) << n;
  }
  FlightReader r;
  for (uint8_t b : bytes) ASSERT_TRUE(r.feed(ByteView(&b, 1)).ok());
  ASSERT_TRUE(r.complete());
  const ServerFlight& f = r.flight();
  ASSERT_TRUE(f.server_hello);
  EXPECT_EQ(f.server_hello->cipher_suite, 0x003d);
  EXPECT_EQ(f.certificates.size(), 1u);
  EXPECT_TRUE(f.server_hello_done);
  EXPECT_EQ(f.handshake_types, (std::vector<uint8_t>{2, 11, 14}));
}

TEST(Flight, Tls13StopsAtServerHello) {
  Bytes share{0, 0x1d, 0, 32};
  share.resize(36, 1);
  Bytes sh = handshake(kServerHello,
                       server_hello_body(0x0303, 0x1301, {{0x2b, Bytes{3, 4}}, {0x33, share}}));
  Bytes bytes = encode_records(kHandshake, kTls12, sh);
  Bytes ccs = encode_records(kChangeCipherSpec, kTls12, Bytes{1});
  bytes.insert(bytes.end(), ccs.begin(), ccs.end());
  FlightReader r;
  ASSERT_TRUE(r.feed(bytes).ok());
  ASSERT_TRUE(r.complete());
  EXPECT_EQ(r.flight().server_hello->negotiated_version(), kTls13);
}

TEST(Flight, KeepsTheLongestRecordLength) {
  Bytes bytes = tls12_flight();
  FlightReader small;
  ASSERT_TRUE(small.feed(bytes).ok());
  EXPECT_EQ(small.flight().largest_record, 50u);
  // The same flight in one record padded past 2^14 by a second, long
  // certificate: still read (the record layer allows 2^14+2048), length kept.
  Bytes sh = handshake(kServerHello, server_hello_body(0x0303, 0x003d, {{0xff01, Bytes{0}}}));
  Bytes big(16400, 0x30);
  Bytes list{0, 0, 0};
  size_t n = 3 + big.size();
  Bytes body{static_cast<uint8_t>(n >> 16),
             static_cast<uint8_t>(n >> 8),
             static_cast<uint8_t>(n),
             static_cast<uint8_t>(big.size() >> 16),
             static_cast<uint8_t>(big.size() >> 8),
             static_cast<uint8_t>(big.size())};
  body.insert(body.end(), big.begin(), big.end());
  Bytes cert = handshake(kCertificate, body);
  Bytes done = handshake(kServerHelloDone, {});
  sh.insert(sh.end(), cert.begin(), cert.end());
  sh.insert(sh.end(), done.begin(), done.end());
  Bytes record{kHandshake, 3, 3, static_cast<uint8_t>(sh.size() >> 8),
               static_cast<uint8_t>(sh.size())};  // encode_records would split it
  record.insert(record.end(), sh.begin(), sh.end());
  FlightReader r;
  ASSERT_TRUE(r.feed(record).ok());
  ASSERT_TRUE(r.complete());
  EXPECT_EQ(r.flight().largest_record, sh.size());
  EXPECT_GT(sh.size(), kMaxPlaintext);
}

TEST(Flight, FatalAlertCompletes) {
  FlightReader r;
  ASSERT_TRUE(r.feed(encode_records(kAlert, kTls12, Bytes{2, 40})).ok());
  ASSERT_TRUE(r.complete());
  EXPECT_EQ(r.flight().alerts.at(0).description, 40);
}

TEST(Flight, HostilePeers) {
  {  // HTTP on a TLS port
    FlightReader r;
    EXPECT_EQ(r.feed(Bytes{'H', 'T', 'T', 'P', '/', '1'}).error().code, ProtocolCode::not_tls);
  }
  {  // endless warning alerts
    FlightReader r;
    Bytes warn = encode_records(kAlert, kTls12, Bytes{1, 112});
    Status st = Ok{};
    for (int i = 0; i < 20 && st.ok(); ++i) st = r.feed(warn);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ProtocolCode::alert_flood);
  }
  {  // endless empty handshake records
    FlightReader r;
    Bytes empty{kHandshake, 3, 3, 0, 0};
    Status st = Ok{};
    for (int i = 0; i < 100 && st.ok(); ++i) st = r.feed(empty);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ProtocolCode::empty_records);
  }
  {  // a Certificate before any ServerHello
    FlightReader r;
    Bytes cert = encode_records(kHandshake, kTls12, handshake(kCertificate, Bytes{0, 0, 0}));
    EXPECT_EQ(r.feed(cert).error().code, ProtocolCode::unexpected_message);
  }
  {  // application data in the clear
    FlightReader r;
    EXPECT_FALSE(r.feed(encode_records(kApplicationData, kTls12, Bytes{1})).ok());
  }
  {  // a 16 MB certificate announced
    FlightReader r;
    Bytes sh = encode_records(kHandshake, kTls12,
                              handshake(kServerHello, server_hello_body(0x0303, 0x2f, {})));
    ASSERT_TRUE(r.feed(sh).ok());
    Bytes huge{kHandshake, 3, 3, 0, 4, kCertificate, 0xff, 0xff, 0xff};
    EXPECT_EQ(r.feed(huge).error().code, ProtocolCode::message_too_large);
  }
}

}  // namespace
}  // namespace tlsd::wire
