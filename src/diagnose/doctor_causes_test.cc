// The doctor's causes, offline: each failure reason with the evidence the
// scan gives it, the signature refinement, the traps, and the family a
// client is compared with.
#include <gtest/gtest.h>

#include "diagnose/doctor.h"
#include "diagnose/fake_server.h"
#include "diagnose/test_models.h"

namespace tlsd::diagnose {
namespace {

using testing::connects;
using testing::fails;

DoctorReport doctor(const checks::ServerModel& model, testing::FakeReplayer& server,
                    const std::vector<std::string>& specs) {
  testing::FakeScan scan{model};
  checks::ScanOptions options;
  options.target.host = options.target.sni = "api.partner.example";
  std::vector<catalog::Profile> clients;
  for (const std::string& spec : specs) clients.push_back(testing::profile(spec));
  return run_doctor(options, clients, scan.scanner(), server);
}

// A TLS 1.2 server whose handshakes are signed with SHA-1 only.
checks::ServerModel sha1_signing_server() {
  checks::ServerModel m = testing::tls12_server({0xc02f});
  m.signature_schemes[0x0303] = {0x0201};  // rsa_pkcs1_sha1
  return m;
}

TEST(DoctorCauses, AHandshakeFailureIsRefinedToNoCommonSignature) {
  testing::FakeReplayer server;
  server.otherwise = fails("alert:handshake_failure", "the server answered with alert");
  server.outcomes["go-1.24"] = connects(0x0303, 0xc02f);
  server.outcomes["go-1.26+GODEBUG=tlssha1=1"] = connects(0x0303, 0xc02f);
  DoctorReport report = doctor(sha1_signing_server(), server, {"go-1.26"});
  const Verdict& go = report.verdicts[0];
  EXPECT_EQ(go.result.reason_name(), "alert:handshake_failure");  // the simulation's, unchanged
  EXPECT_EQ(go.cause.reason_name(), "no_common_sigalg");
  EXPECT_EQ(go.cause.summary, "the server can sign only with rsa_pkcs1_sha1");
  // The knobs of ske_sigalg_rejected apply to the refined reason.
  EXPECT_EQ(go.fixes.size(), 1u);
  EXPECT_EQ(go.fixes[0].candidate.title, "GODEBUG=tlssha1=1");
  ASSERT_EQ(go.changes.size(), 1u);
  EXPECT_EQ(go.changes[0].change->id, "go-1.25-tlssha1");
  EXPECT_EQ(go.changes[0].confirmed, std::optional<bool>(true));  // go-1.24 connects
  ASSERT_EQ(report.server_fixes.size(), 1u);
  EXPECT_EQ(report.server_fixes[0].fix->id, "handshake_signatures");
}

TEST(DoctorCauses, AHandshakeFailureStaysUnexplainedWhenTheClientOffersTheScheme) {
  testing::FakeReplayer server;
  server.otherwise = fails("alert:handshake_failure", "the server answered with alert");
  DoctorReport report = doctor(sha1_signing_server(), server, {"go-1.22"});
  const Verdict& go = report.verdicts[0];
  EXPECT_EQ(go.cause.reason_name(), "alert:handshake_failure");
  EXPECT_EQ(go.cause.summary, "the server answered with alert");
  EXPECT_TRUE(go.fixes.empty());
  EXPECT_TRUE(go.ruled_out.empty());         // no knob relaxes an unexplained alert
  EXPECT_TRUE(report.server_fixes.empty());  // nor is there a server fix for it
}

TEST(DoctorCauses, NoCommonGroupNamesTheGroupsAndTheTrap) {
  checks::ServerModel m = testing::tls12_server({0xc02f});
  m.groups[0x0303].groups = {0x001e};  // x448 only
  testing::FakeReplayer server;
  server.otherwise = fails("no_common_group");
  DoctorReport report = doctor(m, server, {"go-1.22"});
  const Verdict& go = report.verdicts[0];
  EXPECT_EQ(go.cause.summary, "the server accepts only these key exchange groups: x448");
  EXPECT_EQ(go.cause.evidence.front(), "go-1.22 offers x25519, secp256r1, secp384r1, secp521r1");
  ASSERT_EQ(go.traps.size(), 1u);
  EXPECT_NE(go.traps[0].find("never implemented any key exchange group"), std::string::npos);
  EXPECT_TRUE(go.fixes.empty());
  EXPECT_EQ(report.server_fixes[0].fix->id, "modern_tls");
}

TEST(DoctorCauses, NoTrapWhenTheStackHasAnAcceptedGroup) {
  checks::ServerModel m = testing::tls12_server({0xc02f});
  m.groups[0x0303].groups = {0x0018};  // secp384r1: Go has it, but does not offer it first
  testing::FakeReplayer server;
  server.otherwise = fails("no_common_group");
  server.outcomes["go-1.22+CurvePreferences=secp384r1"] = connects(0x0303, 0xc02f);
  DoctorReport report = doctor(m, server, {"go-1.22"});
  const Verdict& go = report.verdicts[0];
  EXPECT_TRUE(go.traps.empty());
  ASSERT_EQ(go.fixes.size(), 1u);
  EXPECT_EQ(name(go.fixes[0].candidate.kind), "pin_group");
}

TEST(DoctorCauses, ACertificateFailureKeepsTheSimulationsEvidence) {
  testing::FakeReplayer server;
  server.otherwise = fails("cert_key_too_small", "RSA 1024-bit key");
  server.outcomes["go-1.26+GODEBUG=rsa1024min=0"] = connects();
  DoctorReport report = doctor(testing::tls12_server({0x002f}), server, {"go-1.26"});
  const Verdict& go = report.verdicts[0];
  EXPECT_EQ(go.cause.title, "the certificate's key is too small for the client");
  EXPECT_EQ(go.cause.summary, "RSA 1024-bit key");
  EXPECT_TRUE(go.cause.hint.empty());
  EXPECT_EQ(go.fixes.size(), 1u);
  EXPECT_EQ(go.fixes[0].candidate.title, "GODEBUG=rsa1024min=0");
}

TEST(DoctorCauses, AnUntrustedChainGetsAHintAndNoClientFix) {
  testing::FakeReplayer server;
  server.otherwise = fails("untrusted", "x509: certificate signed by unknown authority");
  DoctorReport report = doctor(testing::tls12_server({0x002f}), server, {"go-1.26"});
  const Verdict& go = report.verdicts[0];
  EXPECT_NE(go.cause.hint.find("--ca-file"), std::string::npos);
  EXPECT_TRUE(go.fixes.empty());
  EXPECT_TRUE(go.ruled_out.empty());
  EXPECT_EQ(report.server_fixes[0].fix->id, "certificate_chain");
}

TEST(DoctorCauses, AVariantIsComparedWithItsOwnVersionsOnly) {
  testing::FakeReplayer server;
  DoctorReport report = doctor(testing::tls12_server({0x003d}), server, {"go-1.22-noaes"});
  const Verdict& go = report.verdicts[0];
  ASSERT_EQ(go.family.size(), 9u);
  for (const simulate::ClientResult& r : go.family) EXPECT_TRUE(r.client.ends_with("-noaes"));
  EXPECT_EQ(go.cause.evidence.back().rfind("none of the 9 other go profiles connects either "
                                           "(go-1.18-noaes, go-1.19-noaes",
                                           0),
            0u);
}

TEST(DoctorCauses, AClientWithoutOtherVersionsHasNoFamilySentence) {
  testing::FakeReplayer server;
  server.otherwise = fails("no_secure_renegotiation", "no renegotiation_info");
  DoctorReport report = doctor(testing::tls12_server({0x002f}), server, {"python-3.11-debian"});
  const Verdict& py = report.verdicts[0];
  EXPECT_TRUE(py.family.empty());
  EXPECT_EQ(py.cause.evidence, std::vector<std::string>{});
  EXPECT_EQ(py.cause.summary, "no renegotiation_info");
}

}  // namespace
}  // namespace tlsd::diagnose
