#include "simulate/policy.h"

#include <gtest/gtest.h>

#include <ctime>

namespace tlsd::simulate {
namespace {

struct Case {
  catalog::ClientPolicy policy;
  catalog::HelloTemplate hello;
  probe::Observation o;
  std::vector<wire::CertificateSummary> chain;
  checks::TrustVerdict verdict{true, "", true, ""};
  bool cert_requested = false;

  Case() {
    hello.signature_algorithms = {0x0804, 0x0201};
    o.version = 0x0303;
    o.secure_renegotiation = true;
    o.extended_master_secret = true;
    wire::CertificateSummary leaf;
    leaf.key_type = "RSA";
    leaf.key_bits = 2048;
    leaf.subject = "CN=server";
    leaf.signature_algorithm = "sha256WithRSAEncryption";
    leaf.not_after = static_cast<int64_t>(std::time(nullptr)) + 86400;
    chain.push_back(leaf);
  }
  std::string reason() const {
    auto f = apply_policy(policy, hello, o, chain, verdict, cert_requested);
    return f ? f->reason.name() : "";
  }
};

TEST(Policy, CleanHandshakePasses) { EXPECT_EQ(Case().reason(), ""); }

TEST(Policy, EachRuleFires) {
  Case reneg;
  reneg.policy.require_secure_renegotiation = true;
  reneg.o.secure_renegotiation = false;
  EXPECT_EQ(reneg.reason(), "no_secure_renegotiation");

  Case ems;
  ems.policy.require_extended_master_secret = true;
  ems.o.extended_master_secret = false;
  EXPECT_EQ(ems.reason(), "ems_required");

  Case small;
  small.policy.min_rsa_bits = 4096;
  EXPECT_EQ(small.reason(), "cert_key_too_small");

  Case large;
  large.policy.max_rsa_bits = 1024;
  EXPECT_EQ(large.reason(), "cert_key_too_large");

  Case sha1;
  sha1.policy.accept_sha1_certificate_signature = false;
  sha1.chain[0].signature_algorithm = "sha1WithRSAEncryption";
  EXPECT_EQ(sha1.reason(), "cert_sha1_signature");

  Case expired;
  expired.chain[0].not_after = 1000;
  EXPECT_EQ(expired.reason(), "expired");

  Case untrusted;
  untrusted.verdict.trusted = false;
  untrusted.verdict.error = "self-signed certificate";
  EXPECT_EQ(untrusted.reason(), "untrusted");

  Case host;
  host.verdict.hostname_match = false;
  EXPECT_EQ(host.reason(), "hostname_mismatch");

  Case ske;
  ske.policy.accept_sha1_handshake_signature = false;
  ske.o.key_exchange = probe::KeyExchange{};
  ske.o.key_exchange->signature_scheme = 0x0201;
  EXPECT_EQ(ske.reason(), "ske_sigalg_rejected");

  Case unoffered;
  unoffered.o.key_exchange = probe::KeyExchange{};
  unoffered.o.key_exchange->signature_scheme = 0x0403;
  EXPECT_EQ(unoffered.reason(), "ske_sigalg_rejected");

  Case legacy;
  legacy.policy.accept_sha1_handshake_signature = false;
  legacy.o.version = 0x0301;
  legacy.o.key_exchange = probe::KeyExchange{};
  legacy.o.key_exchange->kind = catalog::KxKind::ecdhe;
  legacy.o.key_exchange->signature = "verified";
  EXPECT_EQ(legacy.reason(), "ske_sigalg_rejected");
  legacy.o.key_exchange->kind = catalog::KxKind::rsa;  // no ServerKeyExchange to sign
  legacy.o.key_exchange->signature = "unsigned";
  EXPECT_EQ(legacy.reason(), "");

  Case dh;
  dh.policy.min_dh_bits = 2048;
  dh.o.key_exchange = probe::KeyExchange{};
  dh.o.key_exchange->dh_bits = 1024;
  EXPECT_EQ(dh.reason(), "dh_too_small");

  Case client_cert;
  client_cert.cert_requested = true;
  EXPECT_EQ(client_cert.reason(), "client_cert_required");
}

TEST(Policy, Tls13SkipsTls12OnlyRules) {
  Case c;
  c.o.version = 0x0304;
  c.policy.require_secure_renegotiation = true;
  c.policy.require_extended_master_secret = true;
  c.o.secure_renegotiation = false;
  c.o.extended_master_secret = false;
  EXPECT_EQ(c.reason(), "");
}

TEST(Policy, NoVerificationMeansNoTrustFailure) {
  Case c;
  c.policy.verify_certificate = false;
  c.verdict.trusted = false;
  c.chain[0].not_after = 1000;
  EXPECT_EQ(c.reason(), "");
}

}  // namespace
}  // namespace tlsd::simulate
