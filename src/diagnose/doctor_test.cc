// The whole doctor, offline: a scanned model and a fake replayer stand in
// for the server (fake_server.h), the profiles and fix knowledge are real.
#include "diagnose/doctor.h"

#include <gtest/gtest.h>

#include "diagnose/fake_server.h"
#include "diagnose/test_models.h"

namespace tlsd::diagnose {
namespace {

using testing::connects;
using testing::fails;

const std::string kMinVersion = "go-1.26+tls.Config.MinVersion = tls.VersionTLS10";
const std::string kMinVersionThenSha1 = kMinVersion + "+GODEBUG=tlssha1=1";

// A doctor on a fake server; `scan.model` is what the scan finds.
struct FakeDoctor {
  testing::FakeScan scan;
  testing::FakeReplayer server;
  checks::ScanOptions options;
  std::vector<std::string> steps;

  explicit FakeDoctor(checks::ServerModel model) {
    scan.model = std::move(model);
    scan.model.connections = 30;
    options.target.host = "api.partner.example";
    options.target.sni = "api.partner.example";
    options.target.port = 8443;
  }

  DoctorReport run(const std::vector<std::string>& specs) {
    std::vector<catalog::Profile> clients;
    for (const std::string& spec : specs) clients.push_back(testing::profile(spec));
    return run_doctor(options, clients, scan.scanner(), server,
                      [&](std::string_view step) { steps.emplace_back(step); });
  }
};

std::vector<std::string> clients_of(const std::vector<ClientFix>& fixes) {
  std::vector<std::string> out;
  for (const ClientFix& f : fixes) out.push_back(f.client);
  return out;
}

std::vector<std::string> clients_of(const std::vector<Verdict>& verdicts) {
  std::vector<std::string> out;
  for (const Verdict& v : verdicts) out.push_back(v.result.client);
  return out;
}

// TLS 1.0 only, signing with SHA-1 only: what Go 1.26 meets on an old server.
checks::ServerModel tls10_sha1_server() {
  checks::ServerModel m = testing::tls12_server({});
  for (auto& v : m.versions) v.supported = v.version == 0x0301;
  m.suites[0x0301].suites.push_back({0xc013, std::nullopt, 0, ""});
  m.signature_schemes[0x0301] = {0x0201};
  return m;
}

// Go 1.18 to 1.21 connect to a server that only does RSA key exchange.
void older_go_connects(testing::FakeReplayer& server) {
  for (const char* id : {"go-1.18", "go-1.19", "go-1.20", "go-1.21"})
    server.outcomes[id] = connects();
}

TEST(Doctor, TheStoryIsATrapWithNothingToVerify) {
  FakeDoctor doctor(testing::tls12_server({0x003d}));
  doctor.server.otherwise = fails("no_common_suite", "the server answered with alert");
  DoctorReport report = doctor.run({"go-1.22"});
  ASSERT_FALSE(report.error);
  ASSERT_EQ(report.verdicts.size(), 1u);
  const Verdict& go = report.verdicts[0];
  EXPECT_EQ(go.cause.reason_name(), "no_common_suite");
  EXPECT_NE(go.cause.summary.find("TLS_RSA_WITH_AES_256_CBC_SHA256 (0x003d, AES256-SHA256)"),
            std::string::npos);
  ASSERT_EQ(go.traps.size(), 1u);
  EXPECT_NE(go.traps[0].find("never implemented any suite this server accepts"), std::string::npos);
  EXPECT_TRUE(go.fixes.empty());
  EXPECT_EQ(clients_of(go.ruled_out), (std::vector<std::string>{"go-1.22+GODEBUG=tlsrsakex=1"}));
  EXPECT_EQ(go.ruled_out[0].outcome.reason_name(), "no_common_suite");
  EXPECT_EQ(go.family.size(), 9u);
  EXPECT_EQ(go.cause.evidence.back(),
            "none of the 9 other go profiles connects either (go-1.18, go-1.19, go-1.20, go-1.21, "
            "go-1.23, go-1.24, go-1.25, go-1.26, go-1.27)");
}

TEST(Doctor, AReleaseChangeIsRefutedWhenTheReleaseBeforeFailsToo) {
  FakeDoctor doctor(testing::tls12_server({0x003d}));
  DoctorReport report = doctor.run({"go-1.22"});
  const Verdict& go = report.verdicts[0];
  auto rsakex = std::find_if(go.changes.begin(), go.changes.end(), [](const ChangeFinding& c) {
    return c.change->id == "go-1.22-tlsrsakex";
  });
  ASSERT_NE(rsakex, go.changes.end());
  EXPECT_EQ(rsakex->confirmed, std::optional<bool>(false));
  EXPECT_EQ(rsakex->evidence, "go-1.21 fails too (no_common_suite)");
}

TEST(Doctor, AReleaseChangeIsConfirmedWhenTheReleaseBeforeConnects) {
  FakeDoctor doctor(testing::tls12_server({0x003d, 0x002f}));
  older_go_connects(doctor.server);
  DoctorReport report = doctor.run({"go-1.22"});
  const Verdict& go = report.verdicts[0];
  ASSERT_EQ(go.changes.size(), 1u);
  EXPECT_EQ(go.changes[0].change->id, "go-1.22-tlsrsakex");
  EXPECT_EQ(go.changes[0].confirmed, std::optional<bool>(true));
  EXPECT_EQ(go.changes[0].evidence, "go-1.21 connects: TLSv1.2 TLS_RSA_WITH_AES_128_CBC_SHA");
  EXPECT_EQ(go.cause.evidence.back(),
            "these versions of the client connect: go-1.18, go-1.19, go-1.20, go-1.21");
}

TEST(Doctor, AReleaseChangeWithNoOlderProfileCannotBeCompared) {
  FakeDoctor doctor(tls10_sha1_server());
  doctor.server.otherwise = fails("no_common_version");
  DoctorReport report = doctor.run({"go-1.26"});
  const Verdict& go = report.verdicts[0];
  ASSERT_EQ(go.changes.size(), 1u);
  EXPECT_EQ(go.changes[0].change->id, "go-1.18-client-min-tls12");
  EXPECT_FALSE(go.changes[0].confirmed.has_value());
  EXPECT_EQ(go.changes[0].evidence, "no older go profile to compare with");
}

TEST(Doctor, APinComesBeforeAKnobAndBothAreVerified) {
  FakeDoctor doctor(testing::tls12_server({0x003d, 0x002f}));
  doctor.server.outcomes["go-1.22+CipherSuites=TLS_RSA_WITH_AES_128_CBC_SHA"] = connects();
  doctor.server.outcomes["go-1.22+GODEBUG=tlsrsakex=1"] = connects();
  DoctorReport report = doctor.run({"go-1.22"});
  const Verdict& go = report.verdicts[0];
  EXPECT_EQ(clients_of(go.fixes),
            (std::vector<std::string>{"go-1.22+CipherSuites=TLS_RSA_WITH_AES_128_CBC_SHA",
                                      "go-1.22+GODEBUG=tlsrsakex=1"}));
  EXPECT_EQ(name(go.fixes[0].candidate.kind), "pin_suite");
  EXPECT_LT(go.fixes[0].candidate.rank, go.fixes[1].candidate.rank);
  for (const ClientFix& f : go.fixes) EXPECT_TRUE(f.verified && f.outcome.ok) << f.client;
  EXPECT_TRUE(go.ruled_out.empty());
  EXPECT_TRUE(go.traps.empty());  // Go does have 0x002f
}

TEST(Doctor, ASecondPinIsNotShownOnceOneWorks) {
  FakeDoctor doctor(testing::tls12_server({0x003d, 0x002f, 0x009c}));
  doctor.server.otherwise = connects();
  doctor.server.outcomes["go-1.22"] = fails("no_common_suite");
  DoctorReport report = doctor.run({"go-1.22"});
  const Verdict& go = report.verdicts[0];
  EXPECT_EQ(clients_of(go.fixes),
            (std::vector<std::string>{"go-1.22+CipherSuites=TLS_RSA_WITH_AES_128_GCM_SHA256",
                                      "go-1.22+GODEBUG=tlsrsakex=1"}));
  EXPECT_TRUE(go.ruled_out.empty());  // the second pin works too: not ruled out
}

TEST(Doctor, APinThatFailsLiveIsRuledOutAndTheKnobShown) {
  FakeDoctor doctor(testing::tls12_server({0x003d, 0x002f}));
  doctor.server.outcomes["go-1.22+CipherSuites=TLS_RSA_WITH_AES_128_CBC_SHA"] =
      fails("alert:handshake_failure");
  doctor.server.outcomes["go-1.22+GODEBUG=tlsrsakex=1"] = connects();
  DoctorReport report = doctor.run({"go-1.22"});
  const Verdict& go = report.verdicts[0];
  EXPECT_EQ(clients_of(go.fixes), (std::vector<std::string>{"go-1.22+GODEBUG=tlsrsakex=1"}));
  EXPECT_EQ(clients_of(go.ruled_out),
            (std::vector<std::string>{"go-1.22+CipherSuites=TLS_RSA_WITH_AES_128_CBC_SHA"}));
  EXPECT_FALSE(go.ruled_out[0].verified);
}

TEST(Doctor, ALargerKnobIsDroppedAfterASmallerVerifiedOne) {
  FakeDoctor doctor(testing::tls12_server({0x003d, 0x002f}));
  doctor.server.outcomes["go-1.23+CipherSuites=TLS_RSA_WITH_AES_128_CBC_SHA"] =
      fails("no_common_suite");
  doctor.server.outcomes["go-1.23+GODEBUG=tlsrsakex=1"] = connects();
  doctor.server.outcomes["go-1.23+GODEBUG=tlsrsakex=1,tls3des=1"] = connects();
  DoctorReport report = doctor.run({"go-1.23"});
  const Verdict& go = report.verdicts[0];
  EXPECT_EQ(clients_of(go.fixes), (std::vector<std::string>{"go-1.23+GODEBUG=tlsrsakex=1"}));
  // tls3des=1 alone fails: ruled out; the larger knob works but is not needed.
  EXPECT_EQ(clients_of(go.ruled_out),
            (std::vector<std::string>{"go-1.23+CipherSuites=TLS_RSA_WITH_AES_128_CBC_SHA",
                                      "go-1.23+GODEBUG=tls3des=1"}));
}

TEST(Doctor, TheLargerKnobIsShownWhenTheSmallerFails) {
  FakeDoctor doctor(testing::tls12_server({0x003d, 0x000a}));
  doctor.server.outcomes["go-1.23+GODEBUG=tlsrsakex=1,tls3des=1"] = connects(0x0303, 0x000a);
  DoctorReport report = doctor.run({"go-1.23"});
  const Verdict& go = report.verdicts[0];
  EXPECT_EQ(clients_of(go.fixes),
            (std::vector<std::string>{"go-1.23+GODEBUG=tlsrsakex=1,tls3des=1"}));
  // The pin of 3DES fails (the fake says so), and each knob alone.
  EXPECT_EQ(clients_of(go.ruled_out),
            (std::vector<std::string>{"go-1.23+CipherSuites=TLS_RSA_WITH_3DES_EDE_CBC_SHA",
                                      "go-1.23+GODEBUG=tlsrsakex=1", "go-1.23+GODEBUG=tls3des=1"}));
}

TEST(Doctor, TheTwoStepSearchFindsMinVersionThenSha1) {
  FakeDoctor doctor(tls10_sha1_server());
  doctor.server.otherwise = fails("no_common_version", "the server answered with alert");
  doctor.server.outcomes[kMinVersion] = fails("ske_sigalg_rejected", "signed with rsa_pkcs1_sha1");
  doctor.server.outcomes[kMinVersionThenSha1] = connects(0x0301, 0xc013);
  DoctorReport report = doctor.run({"go-1.26"});
  const Verdict& go = report.verdicts[0];
  EXPECT_EQ(go.cause.summary, "the server accepts only TLSv1");
  EXPECT_EQ(go.cause.evidence.front(), "go-1.26 offers TLSv1.3, TLSv1.2");
  ASSERT_EQ(doctor.server.batches.size(), 3u);
  EXPECT_EQ(doctor.server.batches[2], (std::vector<std::string>{kMinVersionThenSha1}));
  EXPECT_EQ(clients_of(go.fixes), (std::vector<std::string>{kMinVersionThenSha1}));
  EXPECT_EQ(name(go.fixes[0].candidate.kind), "combined");
  EXPECT_EQ(go.fixes[0].candidate.title,
            "tls.Config.MinVersion = tls.VersionTLS10, and GODEBUG=tlssha1=1");
  EXPECT_EQ(go.fixes[0].candidate.built_from, (std::vector<std::string>{kMinVersion}));
  EXPECT_TRUE(go.ruled_out.empty());  // MinVersion helped, as the first step
}

TEST(Doctor, BothStepsAreRuledOutWhenTheCombinationFailsToo) {
  FakeDoctor doctor(tls10_sha1_server());
  doctor.server.otherwise = fails("no_common_version");
  doctor.server.outcomes[kMinVersion] = fails("ske_sigalg_rejected");
  doctor.server.outcomes[kMinVersionThenSha1] = fails("alert:decrypt_error");
  DoctorReport report = doctor.run({"go-1.26"});
  const Verdict& go = report.verdicts[0];
  EXPECT_TRUE(go.fixes.empty());
  EXPECT_EQ(clients_of(go.ruled_out), (std::vector<std::string>{kMinVersion, kMinVersionThenSha1}));
}

TEST(Doctor, NoSecondStepWhenTheFixFailsForTheSameReason) {
  FakeDoctor doctor(tls10_sha1_server());
  doctor.server.otherwise = fails("no_common_version");
  DoctorReport report = doctor.run({"go-1.26"});
  EXPECT_EQ(doctor.server.batches.size(), 2u);
  EXPECT_EQ(clients_of(report.verdicts[0].ruled_out), (std::vector<std::string>{kMinVersion}));
}

TEST(Doctor, NoSecondStepWhenTheFixConnects) {
  FakeDoctor doctor(tls10_sha1_server());
  doctor.server.otherwise = fails("no_common_version");
  doctor.server.outcomes[kMinVersion] = connects(0x0301, 0xc013);
  DoctorReport report = doctor.run({"go-1.26"});
  EXPECT_EQ(doctor.server.batches.size(), 2u);
  EXPECT_EQ(clients_of(report.verdicts[0].fixes), (std::vector<std::string>{kMinVersion}));
}

TEST(Doctor, AScanErrorShortCircuits) {
  FakeDoctor doctor(testing::tls12_server({0x003d}));
  doctor.scan.model.error = Error::transport(TransportCode::refused, "connection refused");
  doctor.scan.model.connections = 1;
  DoctorReport report = doctor.run({"go-1.22"});
  ASSERT_TRUE(report.error);
  EXPECT_EQ(report.error->code.name(), "refused");
  EXPECT_TRUE(doctor.server.batches.empty());
  EXPECT_TRUE(report.verdicts.empty());
  EXPECT_TRUE(report.server_fixes.empty());
  EXPECT_EQ(report.connections, 1u);
  EXPECT_EQ(doctor.steps, (std::vector<std::string>{"cipher suites"}));
}

TEST(Doctor, AReplayErrorShortCircuits) {
  FakeDoctor doctor(testing::tls12_server({0x003d}));
  doctor.server.error = Error::transport(TransportCode::timeout, "no answer");
  DoctorReport report = doctor.run({"go-1.22", "python-3.13"});
  ASSERT_TRUE(report.error);
  EXPECT_EQ(report.error->code.name(), "timeout");
  EXPECT_EQ(doctor.server.batches.size(), 1u);
  EXPECT_TRUE(report.verdicts.empty());
  EXPECT_EQ(report.connections, 30u + 2 * 2);  // the failed batch's connections count
}

TEST(Doctor, AReplayThatLosesClientsIsAnError) {
  FakeDoctor doctor(testing::tls12_server({0x003d}));
  doctor.server.answer_only = 1;
  DoctorReport report = doctor.run({"go-1.22", "python-3.13"});
  ASSERT_TRUE(report.error);
  EXPECT_EQ(report.error->message, "the simulation answered for 1 of 2 clients");
  EXPECT_TRUE(report.verdicts.empty());
}

TEST(Doctor, ALaterReplayErrorLeavesTheFixesUntried) {
  FakeDoctor doctor(testing::tls12_server({0x003d, 0x002f}));
  doctor.server.error = Error::transport(TransportCode::timeout, "no answer");
  doctor.server.error_from = 1;
  DoctorReport report = doctor.run({"go-1.22"});
  EXPECT_FALSE(report.error);
  const Verdict& go = report.verdicts[0];
  EXPECT_TRUE(go.fixes.empty());
  EXPECT_TRUE(go.ruled_out.empty());  // not tried is not ruled out
  EXPECT_TRUE(go.family.empty());
  ASSERT_EQ(go.changes.size(), 1u);
  EXPECT_FALSE(go.changes[0].confirmed.has_value());
  EXPECT_EQ(go.changes[0].evidence, "");
}

TEST(Doctor, FailuresComeFirstEachInTheClientsOrder) {
  FakeDoctor doctor(testing::tls12_server({0x002f}));
  doctor.server.otherwise = connects();
  doctor.server.outcomes["go-1.22"] = fails("no_common_suite");
  doctor.server.outcomes["java-24"] = fails("no_common_suite");
  DoctorReport report = doctor.run({"python-3.13", "go-1.22", "go-1.21", "java-24"});
  EXPECT_EQ(clients_of(report.verdicts),
            (std::vector<std::string>{"go-1.22", "java-24", "python-3.13", "go-1.21"}));
  EXPECT_FALSE(report.verdicts[2].cause.reason.has_value());  // a client that connects has no cause
  EXPECT_TRUE(report.verdicts[2].fixes.empty());
}

TEST(Doctor, ConnectionsAreTheScansPlusEveryBatchs) {
  FakeDoctor doctor(testing::tls12_server({0x003d}));
  DoctorReport report = doctor.run({"go-1.22"});
  ASSERT_EQ(doctor.server.batches.size(), 2u);
  EXPECT_EQ(doctor.server.batches[0], (std::vector<std::string>{"go-1.22"}));
  EXPECT_EQ(doctor.server.batches[1].size(), 10u);  // 9 other versions, one knob
  EXPECT_EQ(report.connections, 30u + 2 * (1 + 10));
}

TEST(Doctor, NoClientIsReplayedTwice) {
  FakeDoctor doctor(testing::tls12_server({0x003d}));
  doctor.server.outcomes["go-1.21"] = connects();
  DoctorReport report = doctor.run({"go-1.21", "go-1.22", "go-1.23"});
  ASSERT_EQ(doctor.server.batches.size(), 2u);
  const std::vector<std::string>& second = doctor.server.batches[1];
  std::set<std::string> once(second.begin(), second.end());
  EXPECT_EQ(once.size(), second.size());
  for (const char* first : {"go-1.21", "go-1.22", "go-1.23"}) EXPECT_EQ(once.count(first), 0u);
  EXPECT_EQ(once.count("go-1.18"), 1u);
  EXPECT_EQ(once.count("go-1.23+GODEBUG=tlsrsakex=1,tls3des=1"), 1u);
  // The first batch's results serve as family: go-1.21 connects.
  EXPECT_EQ(report.verdicts[0].cause.evidence.back(),
            "these versions of the client connect: go-1.21");
}

TEST(Doctor, WhenEveryClientConnectsThereIsOneBatch) {
  FakeDoctor doctor(testing::tls12_server({0xc02f}));
  doctor.server.otherwise = connects(0x0303, 0xc02f);
  DoctorReport report = doctor.run({"go-1.22", "python-3.13"});
  EXPECT_EQ(doctor.server.batches.size(), 1u);
  EXPECT_TRUE(report.server_fixes.empty());
  EXPECT_EQ(report.connections, 30u + 2 * 2);
  EXPECT_EQ(doctor.steps, (std::vector<std::string>{"cipher suites", "simulating clients",
                                                    "verifying fixes live"}));
}

TEST(Doctor, TheScanIsLimitedToWhatDecidesAClient) {
  FakeDoctor doctor(testing::tls12_server({0xc02f}));
  doctor.options.only = {"extensions"};
  doctor.run({"go-1.22"});
  EXPECT_EQ(doctor.scan.calls, 1u);
  EXPECT_EQ(doctor.scan.seen.only,
            (checks::CheckSet{"suites", "groups", "sigalgs", "certificates"}));
  EXPECT_EQ(doctor.scan.seen.target.sni, "api.partner.example");
}

TEST(Doctor, ServerFixesAreGroupedPerTemplateWithTheirClients) {
  FakeDoctor doctor(testing::tls12_server({0x003d}));
  doctor.server.otherwise = connects();
  doctor.server.outcomes["go-1.22"] = fails("no_common_suite");
  doctor.server.outcomes["java-24"] = fails("no_common_suite");
  doctor.server.outcomes["python-3.13"] = fails("cert_key_too_small", "RSA 1024-bit key");
  doctor.server.outcomes["node-22"] = fails("transport", "connection reset");
  DoctorReport report = doctor.run({"go-1.22", "python-3.13", "node-22", "java-24", "go-1.21"});
  ASSERT_EQ(report.server_fixes.size(), 2u);  // no server fix for a transport failure
  EXPECT_EQ(report.server_fixes[0].fix->id, "modern_tls");
  EXPECT_EQ(report.server_fixes[0].clients, (std::vector<std::string>{"go-1.22", "java-24"}));
  EXPECT_EQ(report.server_fixes[1].fix->id, "certificate_key");
  EXPECT_EQ(report.server_fixes[1].clients, (std::vector<std::string>{"python-3.13"}));
  for (const ServerFix& f : report.server_fixes)
    for (const auto& [software, text] : f.render) EXPECT_EQ(text.find("{host}"), std::string::npos);
}

TEST(Doctor, TheServerFixNamesTheHost) {
  FakeDoctor doctor(testing::tls12_server({0x003d}));
  doctor.server.otherwise = fails("expired", "the certificate expired on 2024-01-01");
  DoctorReport report = doctor.run({"go-1.22"});
  ASSERT_EQ(report.server_fixes.size(), 1u);
  EXPECT_EQ(report.server_fixes[0].fix->id, "certificate_renewal");
  bool named = false;
  for (const auto& [software, text] : report.server_fixes[0].render)
    named = named || text.find("api.partner.example") != std::string::npos;
  EXPECT_TRUE(named);
}

}  // namespace
}  // namespace tlsd::diagnose
