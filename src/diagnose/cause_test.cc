#include "diagnose/cause.h"

#include <gtest/gtest.h>

#include "diagnose/fix_data.h"
#include "diagnose/test_models.h"

namespace tlsd::diagnose {
namespace {

using testing::profile;

simulate::ClientResult failed(const std::string& reason, const std::string& detail = "") {
  simulate::ClientResult r;
  r.reason = testing::reason(reason);
  r.detail = detail;
  return r;
}

TEST(Cause, NoCommonSuiteQuotesTheServersSuites) {
  FailureCause c = explain_failure(profile("go-1.22"), failed("no_common_suite", "alert"),
                                   testing::tls12_server({0x003d}));
  EXPECT_EQ(c.reason_name(), "no_common_suite");
  EXPECT_EQ(c.title, "no cipher suite in common");
  EXPECT_EQ(c.summary,
            "the server accepts only TLSv1.2 with RSA key exchange (no forward secrecy): "
            "TLS_RSA_WITH_AES_256_CBC_SHA256 (0x003d, AES256-SHA256)");
  ASSERT_GE(c.evidence.size(), 2u);
  EXPECT_EQ(c.evidence[0].rfind("go-1.22 offers 11 suites for TLSv1.2, none of them: ", 0), 0u);
  EXPECT_EQ(c.evidence[1], "alert");  // the simulation's own evidence follows
}

TEST(Cause, MixedKeyExchangeIsNotSummarised) {
  FailureCause c = explain_failure(profile("go-1.22"), failed("no_common_suite"),
                                   testing::tls12_server({0x0039, 0x003d}));
  EXPECT_EQ(c.summary.find("key exchange"), std::string::npos);
}

TEST(Cause, NoCommonVersionNamesBothSides) {
  checks::ServerModel m = testing::tls12_server({});
  for (auto& v : m.versions) v.supported = v.version == 0x0301;
  FailureCause c = explain_failure(profile("go-1.26"), failed("no_common_version"), m);
  EXPECT_EQ(c.summary, "the server accepts only TLSv1");
  EXPECT_EQ(c.evidence.front(), "go-1.26 offers TLSv1.3, TLSv1.2");
}

TEST(Cause, HandshakeFailureWithNoCommonSignatureIsRefined) {
  checks::ServerModel m = testing::tls12_server({0xc02f});
  m.signature_schemes[0x0303] = {0x0201};  // rsa_pkcs1_sha1 only
  FailureCause c = explain_failure(profile("go-1.26"), failed("alert:handshake_failure"), m);
  EXPECT_EQ(c.reason_name(), "no_common_sigalg");
  EXPECT_EQ(c.summary, "the server can sign only with rsa_pkcs1_sha1");
  // go-1.22 still offers rsa_pkcs1_sha1: the alert stays unexplained.
  c = explain_failure(profile("go-1.22"),
                      failed("alert:handshake_failure", "the server answered with alert"), m);
  EXPECT_EQ(c.reason_name(), "alert:handshake_failure");
  EXPECT_EQ(c.summary, "the server answered with alert");
}

TEST(Cause, WithoutAScanTheSimulationEvidenceStands) {
  FailureCause c = explain_failure(
      profile("go-1.22"), failed("no_common_suite", "what the probe saw"), checks::ServerModel{});
  EXPECT_EQ(c.summary, "what the probe saw");
  EXPECT_TRUE(c.evidence.empty());
}

TEST(Cause, ABrokenFlightBlamesTheServer) {
  FailureCause c =
      explain_failure(profile("go-1.22"),
                      failed("protocol_error",
                             "the server chose compression method 1; the client offers only null"),
                      checks::ServerModel{});
  EXPECT_EQ(c.summary,
            "the server's handshake is broken: the server chose compression method 1; the client "
            "offers only null");
  ASSERT_EQ(c.evidence.size(), 1u);
  EXPECT_NE(c.evidence[0].find("fix the server"), std::string::npos);
  EXPECT_EQ(
      explain_failure(profile("go-1.22"), failed("protocol_error"), checks::ServerModel{}).summary,
      "");  // nothing to quote: no claim
  const ServerFixTemplate* fix =
      FixKnowledge::get().server_fix_for(testing::reason("protocol_error"));
  ASSERT_NE(fix, nullptr);
  EXPECT_EQ(fix->id, "broken_handshake");
}

TEST(Cause, OfferedVersionsWithoutSupportedVersions) {
  catalog::HelloTemplate h;
  h.legacy_version = 0x0303;
  EXPECT_EQ(offered_versions(h), (std::vector<uint16_t>{0x0303}));
  h.supported_versions = {0x0a0a, 0x0304, 0x0303};  // GREASE is not a version
  EXPECT_EQ(offered_versions(h), (std::vector<uint16_t>{0x0304, 0x0303}));
}

}  // namespace
}  // namespace tlsd::diagnose
