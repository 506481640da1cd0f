#include "diagnose/verdict.h"

#include <gtest/gtest.h>

#include "diagnose/fake_server.h"
#include "diagnose/test_models.h"

namespace tlsd::diagnose {
namespace {

using testing::connects;
using testing::fails;
using testing::profile;

FixCandidate candidate(const std::string& spec, const std::string& kind, int rank) {
  FixCandidate c;
  c.profile = profile(spec);
  c.kind = *parse_fix_kind(kind);
  c.rank = rank;
  c.title = c.profile.applied_knobs.empty() ? spec : c.profile.applied_knobs.back();
  return c;
}

ClientFix fix(const std::string& kind, const std::string& title, bool verified = true) {
  ClientFix f;
  f.candidate.kind = *parse_fix_kind(kind);
  f.candidate.title = title;
  f.verified = verified;
  return f;
}

// Live results as the replayer gives them: each names its client.
LiveResults live(std::vector<std::pair<std::string, simulate::ClientResult>> results) {
  LiveResults out;
  for (auto& [spec, r] : results) {
    r.client = spec;
    out[spec] = r;
  }
  return out;
}

std::vector<std::string> clients_of(const std::vector<ClientFix>& fixes) {
  std::vector<std::string> out;
  for (const ClientFix& f : fixes) out.push_back(f.client);
  return out;
}

TEST(Verdict, DoesMoreThanNeeded) {
  std::vector<ClientFix> shown{fix("pin_suite", "offer A"), fix("knob", "GODEBUG=tlsrsakex=1")};
  EXPECT_TRUE(does_more_than_needed(fix("knob", "GODEBUG=tlsrsakex=1,tls3des=1"), shown));
  EXPECT_TRUE(does_more_than_needed(fix("pin_suite", "offer B"), shown));  // a second pin
  EXPECT_FALSE(does_more_than_needed(fix("knob", "GODEBUG=tls3des=1"), shown));
  EXPECT_FALSE(does_more_than_needed(fix("pin_group", "offer x25519"), shown));
  EXPECT_FALSE(does_more_than_needed(fix("knob", "GODEBUG=tlsrsakex=1"), {}));
  // A knob is never "more" than a pin, however its title reads.
  EXPECT_FALSE(does_more_than_needed(fix("knob", "offer A"), {fix("pin_suite", "offer A")}));
}

TEST(Verdict, FixesAreShownMostScopedFirst) {
  Verdict v;
  LiveResults results = live({{"go-1.22+GODEBUG=tlsrsakex=1", connects()},
                              {"go-1.22+tls.Config.MinVersion = tls.VersionTLS10", connects()}});
  add_fixes(v,
            {candidate("go-1.22+GODEBUG=tlsrsakex=1", "knob", 3),
             candidate("go-1.22+tls.Config.MinVersion = tls.VersionTLS10", "knob", 1)},
            results);
  EXPECT_EQ(clients_of(v.fixes),
            (std::vector<std::string>{"go-1.22+tls.Config.MinVersion = tls.VersionTLS10",
                                      "go-1.22+GODEBUG=tlsrsakex=1"}));
}

TEST(Verdict, ACandidateNotReplayedIsNeitherShownNorRuledOut) {
  Verdict v;
  add_fixes(v, {candidate("go-1.22+GODEBUG=tlsrsakex=1", "knob", 3)}, {});
  EXPECT_TRUE(v.fixes.empty());
  EXPECT_TRUE(v.ruled_out.empty());
}

TEST(Verdict, AStepOfAShownCombinationIsNotRuledOutByItsLink) {
  const std::string step = "go-1.26+tls.Config.MinVersion = tls.VersionTLS10";
  FixCandidate both = candidate(step + "+GODEBUG=tlssha1=1", "combined", 3);
  both.title = "two settings";  // the title says nothing of the step
  both.built_from = {step};
  Verdict v;
  add_fixes(v, {candidate(step, "knob", 1), both},
            live({{step, fails("ske_sigalg_rejected")}, {both.profile.spec(), connects()}}));
  EXPECT_EQ(clients_of(v.fixes), (std::vector<std::string>{both.profile.spec()}));
  EXPECT_TRUE(v.ruled_out.empty());
}

TEST(Verdict, ATitleThatReadsLikeACombinationIsNoLink) {
  const std::string step = "go-1.26+tls.Config.MinVersion = tls.VersionTLS10";
  FixCandidate other = candidate("go-1.26+GODEBUG=tlssha1=1", "knob", 3);
  other.title = "tls.Config.MinVersion = tls.VersionTLS10, and GODEBUG=tlssha1=1";
  Verdict v;
  add_fixes(v, {candidate(step, "knob", 1), other},
            live({{step, fails("ske_sigalg_rejected")}, {other.profile.spec(), connects()}}));
  EXPECT_EQ(clients_of(v.ruled_out), (std::vector<std::string>{step}));
}

TEST(Verdict, AStepOfAFailedCombinationIsRuledOut) {
  const std::string step = "go-1.26+tls.Config.MinVersion = tls.VersionTLS10";
  FixCandidate both = candidate(step + "+GODEBUG=tlssha1=1", "combined", 3);
  both.built_from = {step};
  Verdict v;
  add_fixes(
      v, {candidate(step, "knob", 1), both},
      live({{step, fails("ske_sigalg_rejected")}, {both.profile.spec(), fails("untrusted")}}));
  EXPECT_EQ(clients_of(v.ruled_out), (std::vector<std::string>{step, both.profile.spec()}));
}

TEST(Verdict, ConfirmChangeComparesWithTheReleaseBefore) {
  const ClientChange* rsakex = nullptr;
  for (const ClientChange* c :
       FixKnowledge::get().changes_for(profile("go-1.22"), testing::reason("no_common_suite")))
    if (c->id == "go-1.22-tlsrsakex") rsakex = c;
  ASSERT_NE(rsakex, nullptr);
  ChangeFinding found =
      confirm_change(*rsakex, profile("go-1.22"), live({{"go-1.21", connects()}}));
  EXPECT_EQ(found.confirmed, std::optional<bool>(true));
  EXPECT_EQ(found.evidence, "go-1.21 connects: TLSv1.2 TLS_RSA_WITH_AES_128_CBC_SHA");
  found =
      confirm_change(*rsakex, profile("go-1.23"), live({{"go-1.21", fails("no_common_version")}}));
  EXPECT_EQ(found.confirmed, std::optional<bool>(false));
  EXPECT_EQ(found.evidence, "go-1.21 fails too (no_common_version)");
  found = confirm_change(*rsakex, profile("go-1.22"), {});  // not replayed: no verdict
  EXPECT_FALSE(found.confirmed.has_value());
  EXPECT_EQ(found.evidence, "");
  ClientChange first = *rsakex;
  first.since = "1.18";  // nothing older to compare with
  found = confirm_change(first, profile("go-1.22"), live({{"go-1.21", connects()}}));
  EXPECT_FALSE(found.confirmed.has_value());
  EXPECT_EQ(found.evidence, "no older go profile to compare with");
}

TEST(Verdict, TheFamilyIsTheSameStackAndVariantOldestFirst) {
  std::vector<std::string> ids;
  for (const catalog::Profile* p : family_of(profile("go-1.22"))) ids.push_back(p->id);
  EXPECT_EQ(ids, (std::vector<std::string>{"go-1.18", "go-1.19", "go-1.20", "go-1.21", "go-1.23",
                                           "go-1.24", "go-1.25", "go-1.26", "go-1.27"}));
  for (const catalog::Profile* p : family_of(profile("openssl-3.0")))
    EXPECT_NE(p->id, "openssl-3.0-debian");
  EXPECT_TRUE(family_of(profile("openssl-3.0-debian")).empty());
  // The variant is data: a profile that says it is none has the upstream family.
  catalog::Profile renamed = profile("go-1.22-noaes");
  renamed.variant = "";
  EXPECT_EQ(family_of(renamed).size(), 10u);  // every upstream Go, go-1.22 among them
}

TEST(Verdict, TheFamilySentenceSaysWhoConnects) {
  Verdict v;
  v.profile = profile("java-21");
  add_family(v, live({{"java-17", connects()}, {"java-24", fails("no_common_suite")}}));
  EXPECT_EQ(v.family.size(), 2u);
  EXPECT_EQ(v.cause.evidence,
            (std::vector<std::string>{"these versions of the client connect: java-17"}));
  Verdict none;
  none.profile = profile("java-21");
  add_family(none, {});
  EXPECT_TRUE(none.cause.evidence.empty());
}

TEST(Verdict, AChangeForAVariantAppliesToThatVariantOnly) {
  auto ids = [](const std::string& spec) {
    Verdict v;
    v.profile = profile(spec);
    v.cause.reason = testing::reason("cert_key_too_small");
    add_changes(v, {});
    std::vector<std::string> out;
    for (const ChangeFinding& c : v.changes) out.push_back(c.change->id);
    return out;
  };
  EXPECT_EQ(ids("openssl-3.0-debian"), (std::vector<std::string>{"openssl-3.0-debian-seclevel2"}));
  EXPECT_TRUE(ids("openssl-3.0").empty());
}

TEST(Verdict, TwoStepCandidatesAreLinkedToTheirFirstStep) {
  Verdict v;
  v.profile = profile("go-1.26");
  v.result = fails("no_common_version");
  probe::Target target;
  target.host = "h";
  FixCandidate min = candidate("go-1.26+tls.Config.MinVersion = tls.VersionTLS10", "knob", 1);
  min.changes = {"hello.supported_versions"};
  auto steps = two_step_candidates(
      v, {min}, live({{min.profile.spec(), fails("ske_sigalg_rejected")}}), target);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].profile.spec(), min.profile.spec() + "+GODEBUG=tlssha1=1");
  EXPECT_EQ(steps[0].built_from, (std::vector<std::string>{min.profile.spec()}));
  // Nothing to add on top of a fix that works, that was not tried, or that
  // failed the same way.
  EXPECT_TRUE(
      two_step_candidates(v, {min}, live({{min.profile.spec(), connects()}}), target).empty());
  EXPECT_TRUE(two_step_candidates(v, {min}, {}, target).empty());
  EXPECT_TRUE(two_step_candidates(v, {min},
                                  live({{min.profile.spec(), fails("no_common_version")}}), target)
                  .empty());
}

}  // namespace
}  // namespace tlsd::diagnose
