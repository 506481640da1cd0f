// Preflight, offline: the real doctor over the fakes of fake_server.h; one
// fake server per endpoint.
#include "diagnose/preflight.h"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

#include "diagnose/fake_server.h"
#include "diagnose/test_models.h"

namespace tlsd::diagnose {
namespace {

using testing::connects;
using testing::fails;

// Endpoints by host, each a fake server; the consultation is the real doctor.
struct FakeFleet {
  std::map<std::string, testing::FakeScan> scans;
  std::map<std::string, testing::FakeReplayer> servers;
  std::map<std::string, size_t> consultations;

  void add(const std::string& host, checks::ServerModel model,
           std::map<std::string, simulate::ClientResult> outcomes) {
    scans[host].model = std::move(model);
    servers[host].outcomes = std::move(outcomes);
  }

  Consultant consultant() {
    return [this](const checks::ScanOptions& o, const std::vector<catalog::Profile>& clients) {
      ++consultations[o.target.host];
      if (o.target.host == "throws") throw std::runtime_error("boom");
      if (!scans.contains(o.target.host)) {
        DoctorReport r;
        r.target = o.target.display();
        r.error = Error::transport(TransportCode::refused, "connection refused");
        return r;
      }
      return run_doctor(o, clients, scans[o.target.host].scanner(), servers[o.target.host]);
    };
  }
};

checks::ScanOptions job(const std::string& host) {
  checks::ScanOptions o;
  o.target.host = host;
  o.target.sni = host;
  o.target.port = 443;
  return o;
}

PreflightReport run(FakeFleet& fleet, const std::vector<std::string>& hosts, size_t parallel = 2) {
  std::vector<checks::ScanOptions> jobs;
  for (const std::string& h : hosts) jobs.push_back(job(h));
  return run_preflight(jobs, hosts, testing::profile("go-1.21"), testing::profile("go-1.22"),
                       parallel, fleet.consultant());
}

TEST(Preflight, OutcomeNamesRoundTrip) {
  for (auto o :
       {PreflightOutcome::unchanged_ok, PreflightOutcome::unchanged_failing,
        PreflightOutcome::breaks, PreflightOutcome::starts_working, PreflightOutcome::unreachable})
    EXPECT_EQ(parse_preflight_outcome(name(o)), o);
  EXPECT_FALSE(parse_preflight_outcome("broken"));
  EXPECT_FALSE(parse_preflight_outcome(""));
}

TEST(Preflight, EveryOutcomeOnceWithTheDoctorsVerdicts) {
  FakeFleet fleet;
  // story2: RSA key exchange only; Go 1.21 connects, Go 1.22 drops it.
  fleet.add("story2", testing::tls12_server({0x002f}),
            {{"go-1.21", connects()},
             {"go-1.22+CipherSuites=TLS_RSA_WITH_AES_128_CBC_SHA", connects()},
             {"go-1.22+GODEBUG=tlsrsakex=1", connects()}});
  fleet.add("modern", testing::tls12_server({0xc02f}),
            {{"go-1.21", connects(0x0303, 0xc02f)}, {"go-1.22", connects(0x0303, 0xc02f)}});
  fleet.add("story", testing::tls12_server({0x003d}), {});  // nobody connects
  fleet.add("newer", testing::tls12_server({0xc02f}), {{"go-1.22", connects(0x0303, 0xc02f)}});
  PreflightReport r = run(fleet, {"story2", "modern", "story", "newer", "dead", "throws"});

  EXPECT_EQ(r.from, "go-1.21");
  EXPECT_EQ(r.to, "go-1.22");
  ASSERT_EQ(r.endpoints.size(), 6u);
  EXPECT_EQ(r.endpoints[0].outcome, PreflightOutcome::breaks);
  EXPECT_EQ(r.endpoints[1].outcome, PreflightOutcome::unchanged_ok);
  EXPECT_EQ(r.endpoints[2].outcome, PreflightOutcome::unchanged_failing);
  EXPECT_EQ(r.endpoints[3].outcome, PreflightOutcome::starts_working);
  EXPECT_EQ(r.endpoints[4].outcome, PreflightOutcome::unreachable);
  EXPECT_EQ(r.endpoints[5].outcome, PreflightOutcome::unreachable);
  EXPECT_NE(r.endpoints[5].doctor.error->message.find("boom"), std::string::npos);
  EXPECT_EQ(r.endpoints[4].input, "dead");

  // The break carries the doctor's cause, its verified fixes and the server fix.
  const EndpointPreflight& broken = r.endpoints[0];
  ASSERT_TRUE(broken.to() && broken.from());
  EXPECT_TRUE(broken.from()->result.ok);
  EXPECT_EQ(broken.to()->cause.reason_name(), "no_common_suite");
  ASSERT_FALSE(broken.to()->fixes.empty());
  EXPECT_TRUE(broken.to()->fixes.front().verified);
  EXPECT_FALSE(broken.doctor.server_fixes.empty());

  // One consultation per endpoint, both clients in it.
  for (const auto& [host, n] : fleet.consultations) EXPECT_EQ(n, 1u) << host;
  EXPECT_EQ(fleet.servers["modern"].batches.front(),
            (std::vector<std::string>{"go-1.21", "go-1.22"}));
  EXPECT_EQ(fleet.scans["modern"].calls, 1u);

  EXPECT_EQ(r.summary.breaks, 1u);
  EXPECT_EQ(r.summary.unchanged_ok, 1u);
  EXPECT_EQ(r.summary.unchanged_failing, 1u);
  EXPECT_EQ(r.summary.starts_working, 1u);
  EXPECT_EQ(r.summary.unreachable, 2u);
  EXPECT_EQ(r.summary.total(), 6u);
}

TEST(Preflight, SameResultAtAnyParallelism) {
  for (size_t parallel : {1u, 3u, 16u}) {
    FakeFleet fleet;
    fleet.add("a", testing::tls12_server({0x002f}), {{"go-1.21", connects()}});
    fleet.add("b", testing::tls12_server({0xc02f}),
              {{"go-1.21", connects(0x0303, 0xc02f)}, {"go-1.22", connects(0x0303, 0xc02f)}});
    PreflightReport r = run(fleet, {"a", "b", "c", "a"}, parallel);
    ASSERT_EQ(r.endpoints.size(), 4u);
    EXPECT_EQ(r.endpoints[0].outcome, PreflightOutcome::breaks) << parallel;
    EXPECT_EQ(r.endpoints[1].outcome, PreflightOutcome::unchanged_ok) << parallel;
    EXPECT_EQ(r.endpoints[2].outcome, PreflightOutcome::unreachable) << parallel;
    EXPECT_EQ(r.endpoints[3].outcome, PreflightOutcome::breaks) << parallel;
  }
}

TEST(Preflight, NoEndpointsIsAnEmptyReport) {
  FakeFleet fleet;
  PreflightReport r = run(fleet, {});
  EXPECT_TRUE(r.endpoints.empty());
  EXPECT_EQ(r.summary.total(), 0u);
}

TEST(Preflight, AReportWithoutBothVerdictsIsUnreachableNotAGuess) {
  DoctorReport only_one;
  Verdict v;
  v.profile = testing::profile("go-1.21");
  v.result = connects();
  only_one.verdicts.push_back(v);
  EndpointPreflight e =
      judge_endpoint("x", only_one, testing::profile("go-1.21"), testing::profile("go-1.22"));
  EXPECT_EQ(e.outcome, PreflightOutcome::unreachable);
  ASSERT_TRUE(e.doctor.error);
  EXPECT_NE(e.doctor.error->message.find("go-1.22"), std::string::npos);
  EXPECT_EQ(e.from(), nullptr);
  EXPECT_EQ(e.to(), nullptr);
}

TEST(Preflight, FailuresFirstOrderDoesNotSwapTheClients) {
  // The doctor puts failures first: go-1.22 comes before go-1.21 here.
  FakeFleet fleet;
  fleet.add("a", testing::tls12_server({0x002f}), {{"go-1.21", connects()}});
  PreflightReport r = run(fleet, {"a"});
  const EndpointPreflight& e = r.endpoints[0];
  EXPECT_EQ(e.from()->result.client, "go-1.21");
  EXPECT_EQ(e.to()->result.client, "go-1.22");
  EXPECT_EQ(*e.to_index, 0u);
}

}  // namespace
}  // namespace tlsd::diagnose
