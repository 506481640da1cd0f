#include "simulate/flight_checks.h"

#include <gtest/gtest.h>

namespace tlsd::simulate {
namespace {

constexpr uint16_t kEcdheRsaAes128Gcm = 0xc02f;  // TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
constexpr uint16_t kDheRsaAes128Gcm = 0x009e;
constexpr uint16_t kRsaAes128Sha = 0x002f;
constexpr uint16_t kTlsAes128Gcm = 0x1301;
constexpr uint16_t kX25519 = 0x001d, kSecp256r1 = 0x0017, kSecp384r1 = 0x0018;

// A TLS 1.3-capable client, and a clean TLS 1.2 ECDHE flight for it.
struct Case {
  catalog::Profile profile;
  probe::Observation o;
  bool after_hrr = false;

  Case() {
    catalog::HelloTemplate& h = profile.hello;
    h.cipher_suites = {kTlsAes128Gcm, kEcdheRsaAes128Gcm, kDheRsaAes128Gcm, kRsaAes128Sha, 0x00ff};
    h.supported_versions = {0x0304, 0x0303};
    h.groups = {kX25519, kSecp256r1};
    h.key_share_groups = {kX25519};
    for (uint16_t type : {0x0000, 0x000a, 0x000b, 0x000d, 0x0017, 0x0023, 0x002b, 0x0033})
      h.extensions.push_back({type, std::nullopt});
    o.version = 0x0303;
    o.cipher_suite = kEcdheRsaAes128Gcm;
    o.extensions = {0xff01, 0x0017, 0x000b};
    probe::KeyExchange kx;
    kx.kind = catalog::KxKind::ecdhe;
    kx.group = kX25519;
    kx.message_sent = true;
    kx.public_value = Bytes(32, 0x42);
    kx.public_bytes = 32;
    kx.signature = "verified";
    o.key_exchange = kx;
  }
  std::string detail() const {
    auto v = flight_violation(profile, o, after_hrr);
    if (v) {
      EXPECT_EQ(v->reason.name(), "protocol_error");
    }
    return v ? v->detail : "";
  }
};

TEST(FlightChecks, CleanFlightsPass) {
  EXPECT_EQ(Case().detail(), "");
  Case tls13;
  tls13.o.version = 0x0304;
  tls13.o.cipher_suite = kTlsAes128Gcm;
  tls13.o.extensions = {0x002b, 0x0033};
  tls13.o.key_exchange->kind = catalog::KxKind::tls13_key_share;
  tls13.o.key_exchange->message_sent = false;
  EXPECT_EQ(tls13.detail(), "");
  Case rsa;
  rsa.o.cipher_suite = kRsaAes128Sha;
  rsa.o.key_exchange = probe::KeyExchange{.kind = catalog::KxKind::rsa, .signature = "unsigned"};
  EXPECT_EQ(rsa.detail(), "");
}

TEST(FlightChecks, Compression) {
  Case c;
  c.o.compression = 1;
  EXPECT_NE(c.detail().find("compression method 1"), std::string::npos);
}

TEST(FlightChecks, DowngradeSentinel) {
  Case c;
  c.o.downgrade_sentinel = "tls12";
  EXPECT_NE(c.detail().find("TLS 1.2 downgrade sentinel"), std::string::npos);
  Case tls11;  // a TLS 1.3 client refuses the TLS 1.1 sentinel as well
  tls11.o.version = 0x0302;
  tls11.o.downgrade_sentinel = "tls11";
  EXPECT_NE(tls11.detail().find("TLS 1.1 downgrade sentinel"), std::string::npos);
  Case tls12_client;  // ...and a TLS 1.2 client ignores the TLS 1.2 one (RFC 8446 §4.1.3)
  tls12_client.profile.hello.supported_versions = {0x0303};
  tls12_client.o.downgrade_sentinel = "tls12";
  EXPECT_EQ(tls12_client.detail(), "");
  tls12_client.o.version = 0x0302;
  tls12_client.o.downgrade_sentinel = "tls11";
  EXPECT_NE(tls12_client.detail().find("TLS 1.1 downgrade sentinel"), std::string::npos);
}

TEST(FlightChecks, UnsolicitedExtensions) {
  Case c;
  c.o.extensions.push_back(0x0010);  // ALPN, never offered
  EXPECT_NE(c.detail().find("did not send"), std::string::npos);
  Case go;  // Go skips unknown extensions but still refuses an unrequested ALPN answer
  go.profile.policy.reject_unsolicited_extensions = false;
  go.o.extensions.push_back(0x0005);  // status_request
  EXPECT_EQ(go.detail(), "");
  go.o.extensions.push_back(0x0010);
  EXPECT_NE(go.detail().find("did not send"), std::string::npos);
  Case scsv;  // renegotiation_info answers the SCSV; without the SCSV it is unsolicited
  scsv.profile.hello.cipher_suites.pop_back();
  EXPECT_NE(scsv.detail().find("did not send"), std::string::npos);
}

TEST(FlightChecks, HelloRetryThenTls12) {
  Case c;
  c.after_hrr = true;
  EXPECT_NE(c.detail().find("after its HelloRetryRequest"), std::string::npos);
}

TEST(FlightChecks, Tls13ServerHello) {
  Case base;
  base.o.version = 0x0304;
  base.o.cipher_suite = kTlsAes128Gcm;
  base.o.extensions = {0x002b, 0x0033};
  base.o.key_exchange->kind = catalog::KxKind::tls13_key_share;
  Case tls12_suite = base;
  tls12_suite.o.cipher_suite = kEcdheRsaAes128Gcm;
  EXPECT_NE(tls12_suite.detail().find("a TLS 1.2 cipher suite"), std::string::npos);
  Case no_share = base;
  no_share.o.key_exchange->group.reset();
  EXPECT_NE(no_share.detail().find("no key_share"), std::string::npos);
  Case unoffered = base;
  unoffered.o.key_exchange->group = kSecp384r1;
  EXPECT_NE(unoffered.detail().find("did not offer"), std::string::npos);
  Case unshared = base;
  unshared.o.key_exchange->group = kSecp256r1;
  unshared.o.key_exchange->public_bytes = 65;
  EXPECT_NE(unshared.detail().find("sent no key share for"), std::string::npos);
  unshared.after_hrr = true;  // the retried hello carries the share the server asked for
  EXPECT_EQ(unshared.detail(), "");
  Case short_share = base;
  short_share.o.key_exchange->public_bytes = 31;
  EXPECT_NE(short_share.detail().find("is 31 bytes, not 32"), std::string::npos);
  Case other_sid = base;
  other_sid.o.session_id_echoed = false;
  EXPECT_NE(other_sid.detail().find("does not echo the client's legacy_session_id"),
            std::string::npos);
  other_sid.profile.policy.check_tls13_session_id_echo = false;  // JSSE
  EXPECT_EQ(other_sid.detail(), "");
  Case tls12_sid = Case();  // a TLS 1.2 server picks its own session id
  tls12_sid.o.session_id_echoed = false;
  EXPECT_EQ(tls12_sid.detail(), "");
}

TEST(FlightChecks, RecordsOverTwoToTheFourteen) {
  Case at_limit;
  at_limit.o.largest_record = 16384;
  EXPECT_EQ(at_limit.detail(), "");
  Case over;
  over.o.largest_record = 16385;
  over.o.compression = 1;  // the record layer is judged before the ServerHello's contents
  EXPECT_NE(over.detail().find("16385-byte plaintext record"), std::string::npos);
}

TEST(FlightChecks, ServerKeyExchangePresence) {
  Case missing;
  missing.o.key_exchange->message_sent = false;
  EXPECT_NE(missing.detail().find("sent no ServerKeyExchange"), std::string::npos);
  Case unexpected;
  unexpected.o.cipher_suite = kRsaAes128Sha;
  unexpected.o.key_exchange =
      probe::KeyExchange{.kind = catalog::KxKind::rsa, .message_sent = true};
  EXPECT_NE(unexpected.detail().find("whose key exchange has none"), std::string::npos);
  Case garbled;
  garbled.o.key_exchange->decode_error = "truncated ECDHE parameters";
  EXPECT_NE(garbled.detail().find("does not parse"), std::string::npos);
}

TEST(FlightChecks, EcdhePoints) {
  Case curve;
  curve.o.key_exchange->group = kSecp384r1;
  EXPECT_NE(curve.detail().find("a curve the client did not offer"), std::string::npos);
  Case short_point;
  short_point.o.key_exchange->public_value = Bytes(31, 1);
  EXPECT_NE(short_point.detail().find("malformed (31 bytes)"), std::string::npos);
  Case compressed;
  compressed.o.key_exchange->group = kSecp256r1;
  compressed.o.key_exchange->public_value = Bytes(65, 0x02);
  EXPECT_NE(compressed.detail().find("malformed"), std::string::npos);
  compressed.o.key_exchange->public_value[0] = 0x04;
  EXPECT_EQ(compressed.detail(), "");
}

TEST(FlightChecks, DhValues) {
  Case c;
  c.o.cipher_suite = kDheRsaAes128Gcm;
  probe::KeyExchange& kx = *c.o.key_exchange;
  kx.kind = catalog::KxKind::dhe;
  kx.group.reset();
  kx.dh_prime = Bytes{0x00, 0xff, 0xfb};  // 65531, leading zero ignored
  kx.public_value = Bytes{0x12, 0x34};
  EXPECT_EQ(c.detail(), "");
  for (Bytes bad :
       {Bytes{0x01}, Bytes{0x00, 0x01}, Bytes{0xff, 0xfa}, Bytes{0xff, 0xfb}, Bytes{}}) {
    kx.public_value = bad;
    EXPECT_NE(c.detail().find("outside 1 < Ys < p-1"), std::string::npos);
  }
  kx.public_value = Bytes{0x12, 0x34};
  kx.dh_prime = Bytes{0xff, 0xfa};
  EXPECT_NE(c.detail().find("prime is even"), std::string::npos);
  c.profile.policy.check_dh_prime = false;  // JSSE, GnuTLS
  EXPECT_EQ(c.detail(), "");
}

TEST(FlightChecks, SignatureThatDoesNotVerify) {
  Case c;
  c.o.key_exchange->signature = "failed: signature does not verify";
  EXPECT_NE(c.detail().find("does not verify with the certificate's key"), std::string::npos);
}

TEST(FlightChecks, UndecodableCertificate) {
  Case c;
  c.o.certificate_error = "certificate is not one well-formed DER X.509 structure";
  EXPECT_NE(c.detail().find("does not parse"), std::string::npos);
}

}  // namespace
}  // namespace tlsd::simulate
