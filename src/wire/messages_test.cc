// Alert, SSLv2 SERVER-HELLO, Certificate, ServerKeyExchange,
// CertificateRequest, ServerHelloDone: valid, truncated and bad lengths.
#include <gtest/gtest.h>

#include "wire/alert.h"
#include "wire/certificate.h"
#include "wire/certificate_request.h"
#include "wire/server_key_exchange.h"
#include "wire/ssl2.h"
#include "wire/test_util.h"

namespace tlsd::wire {
namespace {

using testing::expect_every_prefix_rejected;
using testing::finish;

TEST(Alert, ParsesAndRejects) {
  auto a = parse_alert(Bytes{2, 40});
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->fatal());
  EXPECT_EQ(a->description, 40);
  EXPECT_FALSE(parse_alert(Bytes{2}).ok());
  EXPECT_FALSE(parse_alert(Bytes{2, 40, 0}).ok());
  EXPECT_FALSE(parse_alert(Bytes{3, 40}).ok());
}

Bytes ssl2_server_hello() {
  Writer m;
  m.u8(4);
  m.u8(0);
  m.u8(1);
  m.u16(0x0002);
  m.u16(3);  // certificate
  m.u16(6);  // two cipher specs
  m.u16(16);
  m.bytes(Bytes{0x30, 0x01, 0x00});
  m.u24(0x010080);
  m.u24(0x0700c0);
  m.bytes(Bytes(16, 0xab));
  Bytes body = finish(std::move(m));
  Writer rec;
  rec.u16(static_cast<uint16_t>(0x8000 | body.size()));
  rec.bytes(body);
  return finish(std::move(rec));
}

TEST(Ssl2, ServerHello) {
  Bytes bytes = ssl2_server_hello();
  EXPECT_TRUE(looks_like_ssl2_record(bytes));
  auto hello = parse_ssl2_server_hello(bytes);
  ASSERT_TRUE(hello.ok() && hello->has_value());
  EXPECT_EQ((*hello)->cipher_specs, (std::vector<uint32_t>{0x010080, 0x0700c0}));
  EXPECT_EQ((*hello)->connection_id.size(), 16u);
  // Prefixes ask for more bytes (the record is incomplete) rather than erroring.
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto partial = parse_ssl2_server_hello(ByteView(bytes).first(n));
    ASSERT_TRUE(partial.ok());
    EXPECT_FALSE(partial->has_value());
  }
  Bytes bad = bytes;
  bad[11] = 7;  // cipher specs length not a multiple of 3
  EXPECT_FALSE(parse_ssl2_server_hello(bad).ok());
  bad = bytes;
  bad[2] = 5;  // not SERVER-HELLO
  EXPECT_FALSE(parse_ssl2_server_hello(bad).ok());
}

Bytes certificate_body(const std::vector<Bytes>& certs) {
  Writer w;
  w.prefixed(3, [&](Writer& list) {
    for (const Bytes& c : certs) list.prefixed_bytes(3, c);
  });
  return finish(std::move(w));
}

TEST(Certificate, MessageFraming) {
  Bytes body = certificate_body({Bytes{1, 2, 3}, Bytes{4}});
  auto certs = parse_certificate_message(body, false);
  ASSERT_TRUE(certs.ok());
  ASSERT_EQ(certs->size(), 2u);
  expect_every_prefix_rejected(body,
                               [](ByteView b) { return parse_certificate_message(b, false).ok(); });
  EXPECT_FALSE(parse_certificate_message(certificate_body({Bytes{}}), false).ok());
  Bytes trailing = body;
  trailing.push_back(0);
  EXPECT_FALSE(parse_certificate_message(trailing, false).ok());
}

TEST(Certificate, SummaryRejectsGarbage) {
  EXPECT_FALSE(summarize_certificate(Bytes{0x30, 0x03, 0x02, 0x01, 0x00}).ok());
  EXPECT_FALSE(summarize_certificate(Bytes{}).ok());
}

Bytes ecdhe_ske(bool tls12) {
  Writer w;
  w.u8(3);
  w.u16(0x001d);
  w.prefixed_bytes(1, Bytes(32, 9));
  if (tls12) w.u16(0x0804);
  w.prefixed_bytes(2, Bytes(256, 7));
  return finish(std::move(w));
}

TEST(ServerKeyExchange, Ecdhe) {
  Bytes body = ecdhe_ske(true);
  auto ske = parse_server_key_exchange(body, KexLayout::ecdhe, true, true);
  ASSERT_TRUE(ske.ok());
  EXPECT_EQ(ske->named_curve, 0x001d);
  EXPECT_EQ(ske->signature_scheme, 0x0804);
  EXPECT_EQ(ske->signed_params.size(), 1u + 2 + 1 + 32);
  expect_every_prefix_rejected(body, [](ByteView b) {
    return parse_server_key_exchange(b, KexLayout::ecdhe, true, true).ok();
  });
  // TLS 1.0 form has no scheme: the same bytes are then one field off.
  EXPECT_FALSE(parse_server_key_exchange(body, KexLayout::ecdhe, true, false).ok());
  EXPECT_TRUE(parse_server_key_exchange(ecdhe_ske(false), KexLayout::ecdhe, true, false).ok());
}

TEST(ServerKeyExchange, ExplicitCurveIsNamedAsSuch) {
  Bytes body{1, 0, 0};
  auto ske = parse_server_key_exchange(body, KexLayout::ecdhe, true, true);
  ASSERT_FALSE(ske.ok());
  EXPECT_EQ(ske.error().code, ProtocolCode::unsupported_params);
}

TEST(ServerKeyExchange, DheSizes) {
  Writer w;
  Bytes p(128, 0xff);
  p[0] = 0x00;  // leading zero byte: 1016-bit prime
  p[1] = 0x80;
  w.prefixed_bytes(2, p);
  w.prefixed_bytes(2, Bytes{2});
  w.prefixed_bytes(2, Bytes(128, 3));
  w.u16(0x0201);
  w.prefixed_bytes(2, Bytes(128, 1));
  Bytes body = finish(std::move(w));
  auto ske = parse_server_key_exchange(body, KexLayout::dhe, true, true);
  ASSERT_TRUE(ske.ok());
  EXPECT_EQ(ske->dh_prime_bits(), 1016);
  expect_every_prefix_rejected(body, [](ByteView b) {
    return parse_server_key_exchange(b, KexLayout::dhe, true, true).ok();
  });
}

TEST(ServerKeyExchange, AnonAndPsk) {
  Writer w;
  w.prefixed_bytes(2, Bytes{'h', 'i'});
  Bytes body = finish(std::move(w));
  auto ske = parse_server_key_exchange(body, KexLayout::psk, false, true);
  ASSERT_TRUE(ske.ok());
  EXPECT_EQ(ske->psk_identity_hint.size(), 2u);
  body.push_back(0);
  EXPECT_FALSE(parse_server_key_exchange(body, KexLayout::psk, false, true).ok());
}

TEST(CertificateRequest, Tls12) {
  Writer w;
  w.prefixed_bytes(1, Bytes{1, 64});
  w.prefixed(2, [](Writer& s) {
    s.u16(0x0804);
    s.u16(0x0403);
  });
  w.prefixed(2, [](Writer& cas) { cas.prefixed_bytes(2, Bytes{0x30, 0x00}); });
  Bytes body = finish(std::move(w));
  auto cr = parse_certificate_request(body, true);
  ASSERT_TRUE(cr.ok());
  EXPECT_EQ(cr->signature_schemes.size(), 2u);
  EXPECT_EQ(cr->authorities.size(), 1u);
  expect_every_prefix_rejected(body,
                               [](ByteView b) { return parse_certificate_request(b, true).ok(); });
  Bytes odd = body;
  odd[4] = 3;  // odd-length scheme list
  EXPECT_FALSE(parse_certificate_request(odd, true).ok());
}

TEST(ServerHelloDone, MustBeEmpty) {
  EXPECT_TRUE(parse_server_hello_done(Bytes{}).ok());
  EXPECT_FALSE(parse_server_hello_done(Bytes{0}).ok());
}

// A real DER name: SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, UTF8String "lab CA" } } }.
const Bytes kLabCaName = {0x30, 0x11, 0x31, 0x0f, 0x30, 0x0d, 0x06, 0x03, 0x55, 0x04,
                          0x03, 0x0c, 0x06, 'l',  'a',  'b',  ' ',  'C',  'A'};

Bytes tls13_request(bool with_sigalgs, bool with_cas) {
  Writer w;
  w.prefixed_bytes(1, Bytes{});
  w.prefixed(2, [&](Writer& ext) {
    if (with_sigalgs) {
      ext.u16(13);
      ext.prefixed(2, [](Writer& e) { e.prefixed(2, [](Writer& s) { s.u16(0x0403); }); });
    }
    ext.u16(50);
    ext.prefixed(2, [](Writer& e) { e.prefixed(2, [](Writer& s) { s.u16(0x0804); }); });
    if (with_cas) {
      ext.u16(47);
      ext.prefixed(2, [](Writer& e) {
        e.prefixed(2, [](Writer& cas) { cas.prefixed_bytes(2, kLabCaName); });
      });
    }
    ext.u16(0xff01);  // an extension we do not judge is skipped
    ext.prefixed_bytes(2, Bytes{1, 2});
  });
  return finish(std::move(w));
}

TEST(CertificateRequest, Tls13ReadsItsExtensions) {
  Bytes body = tls13_request(true, true);
  auto cr = parse_certificate_request13(body);
  ASSERT_TRUE(cr.ok()) << cr.error().message;
  EXPECT_EQ(cr->signature_schemes, std::vector<uint16_t>{0x0403});
  EXPECT_EQ(cr->signature_schemes_cert, std::vector<uint16_t>{0x0804});
  ASSERT_EQ(cr->authorities.size(), 1u);
  EXPECT_EQ(distinguished_name_text(cr->authorities[0]), "CN=lab CA");
  expect_every_prefix_rejected(body,
                               [](ByteView b) { return parse_certificate_request13(b).ok(); });
}

TEST(CertificateRequest, Tls13NeedsSignatureAlgorithms) {
  EXPECT_FALSE(parse_certificate_request13(tls13_request(false, true)).ok());
  EXPECT_TRUE(parse_certificate_request13(tls13_request(true, false)).ok());
}

TEST(CertificateRequest, Tls13RejectsARepeatedExtension) {
  Writer w;
  w.prefixed_bytes(1, Bytes{});
  w.prefixed(2, [](Writer& ext) {
    for (int i = 0; i < 2; ++i) {
      ext.u16(13);
      ext.prefixed(2, [](Writer& e) { e.prefixed(2, [](Writer& s) { s.u16(0x0403); }); });
    }
  });
  EXPECT_FALSE(parse_certificate_request13(finish(std::move(w))).ok());
}

TEST(CertificateRequest, NamesThatDoNotDecodeAreDescribed) {
  EXPECT_EQ(distinguished_name_text(Bytes{0x30, 0x05, 1}),
            "(a name that does not decode, 3 bytes)");
  Bytes trailing = kLabCaName;
  trailing.push_back(0);
  EXPECT_NE(distinguished_name_text(trailing).find("does not decode"), std::string::npos);
  // A control character inside a name is escaped, not printed.
  Bytes hostile = kLabCaName;
  hostile[13] = 0x1b;
  EXPECT_EQ(distinguished_name_text(hostile).find('\x1b'), std::string::npos);
}

TEST(CertificateRequest, CertificateTypeNames) {
  EXPECT_EQ(client_certificate_type_name(1), "rsa_sign");
  EXPECT_EQ(client_certificate_type_name(64), "ecdsa_sign");
  EXPECT_EQ(client_certificate_type_name(99), "unknown(99)");
}

}  // namespace
}  // namespace tlsd::wire
