// The client-auth policy decision, from probe results written by hand.
#include "checks/client_auth.h"

#include <gtest/gtest.h>

#include "wire/constants.h"

namespace tlsd::checks {
namespace {

using probe::ClientAuthProbeResult;
using probe::ServerAnswer;

// TLS 1.2 CertificateRequest: types {rsa_sign, ecdsa_sign}, schemes {0x0804},
// one CA name "CN=lab CA".
const Bytes kRequest12 = {0x02, 0x01, 0x40, 0x00, 0x02, 0x08, 0x04, 0x00, 0x15, 0x00,
                          0x13, 0x30, 0x11, 0x31, 0x0f, 0x30, 0x0d, 0x06, 0x03, 0x55,
                          0x04, 0x03, 0x0c, 0x06, 'l',  'a',  'b',  ' ',  'C',  'A'};
// TLS 1.3: empty context, signature_algorithms {0x0403}, no CA names.
const Bytes kRequest13 = {0x00, 0x00, 0x08, 0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x04, 0x03};

ClientAuthProbeResult probe(uint16_t version, ServerAnswer answer, bool asked) {
  ClientAuthProbeResult r;
  r.version = answer == ServerAnswer::refused_in_handshake ? 0 : version;
  r.answer = answer;
  if (asked) r.request_in_handshake = version == wire::kTls13 ? kRequest13 : kRequest12;
  r.connections = 1;
  return r;
}

TEST(ClientAuth, AnAnsweredRequestIsOptional) {
  auto r = probe(wire::kTls12, ServerAnswer::answered, true);
  r.first_bytes = "HTTP/1.1 200 OK";
  ClientAuth ca = decide_client_auth(wire::kTls12, r);
  EXPECT_EQ(ca.policy, ClientAuthPolicy::optional);
  EXPECT_EQ(ca.ca_names, std::vector<std::string>{"CN=lab CA"});
  EXPECT_EQ(ca.certificate_types, (std::vector<std::string>{"rsa_sign", "ecdsa_sign"}));
  EXPECT_EQ(ca.signature_schemes, std::vector<uint16_t>{0x0804});
  EXPECT_NE(ca.evidence.find("HTTP/1.1 200 OK"), std::string::npos);
}

TEST(ClientAuth, AnAlertInTheHandshakeAfterARequestIsRequired) {
  auto r = probe(wire::kTls12, ServerAnswer::refused_in_handshake, true);
  r.alert = 40;
  ClientAuth ca = decide_client_auth(wire::kTls12, r);
  EXPECT_EQ(ca.policy, ClientAuthPolicy::required);
  EXPECT_EQ(ca.version, wire::kTls12);
  EXPECT_NE(ca.evidence.find("handshake_failure"), std::string::npos);
}

TEST(ClientAuth, Tls13RefusalAtTheFirstReadIsRequired) {
  auto r = probe(wire::kTls13, ServerAnswer::refused_after_handshake, true);
  r.alert = 116;
  ClientAuth ca = decide_client_auth(wire::kTls13, r);
  EXPECT_EQ(ca.policy, ClientAuthPolicy::required);
  EXPECT_FALSE(ca.after_handshake);
  EXPECT_EQ(ca.signature_schemes, std::vector<uint16_t>{0x0403});
  EXPECT_TRUE(ca.certificate_types.empty());
  EXPECT_NE(ca.evidence.find("certificate_required"), std::string::npos);
}

TEST(ClientAuth, AnHttpRefusalAfterTheHandshakeIsRequired) {
  auto r = probe(wire::kTls12, ServerAnswer::answered, true);
  r.first_bytes = "HTTP/1.1 400 Bad Request";
  r.refuses_in_http = true;
  ClientAuth ca = decide_client_auth(wire::kTls12, r);
  EXPECT_EQ(ca.policy, ClientAuthPolicy::required);
  EXPECT_NE(ca.evidence.find("400"), std::string::npos);
}

TEST(ClientAuth, NoRequestIsNone) {
  EXPECT_EQ(
      decide_client_auth(wire::kTls13, probe(wire::kTls13, ServerAnswer::answered, false)).policy,
      ClientAuthPolicy::none);
  EXPECT_EQ(
      decide_client_auth(wire::kTls13, probe(wire::kTls13, ServerAnswer::silent, false)).policy,
      ClientAuthPolicy::none);
}

TEST(ClientAuth, AnAlertWithoutARequestIsNotBlamedOnClientAuth) {
  auto r = probe(wire::kTls12, ServerAnswer::refused_in_handshake, false);
  r.alert = 40;
  EXPECT_EQ(decide_client_auth(wire::kTls12, r).policy, ClientAuthPolicy::unknown);
  EXPECT_EQ(decide_client_auth(wire::kTls12, probe(wire::kTls12, ServerAnswer::none, false)).policy,
            ClientAuthPolicy::unknown);
}

TEST(ClientAuth, APostHandshakeRequestIsMarked) {
  ClientAuthProbeResult r = probe(wire::kTls13, ServerAnswer::refused_after_handshake, false);
  r.request_after_handshake = kRequest13;
  r.alert = 116;
  ClientAuth ca = decide_client_auth(wire::kTls13, r);
  EXPECT_TRUE(ca.after_handshake);
  EXPECT_EQ(ca.policy, ClientAuthPolicy::required);
}

TEST(ClientAuth, AMalformedRequestIsEvidenceNotACrash) {
  ClientAuthProbeResult r = probe(wire::kTls12, ServerAnswer::answered, true);
  r.request_in_handshake = Bytes{0x05, 0x01};
  ClientAuth ca = decide_client_auth(wire::kTls12, r);
  EXPECT_EQ(ca.policy, ClientAuthPolicy::optional);
  EXPECT_NE(ca.evidence.find("does not parse"), std::string::npos);
}

}  // namespace
}  // namespace tlsd::checks
