#include "diagnose/client_fixes.h"

#include <gtest/gtest.h>

#include "diagnose/test_models.h"

namespace tlsd::diagnose {
namespace {

using testing::profile;

probe::Target target(const std::string& host) {
  probe::Target t;
  t.host = host;
  t.sni = host;
  t.port = 8443;
  return t;
}

TEST(ClientFixes, TheStoryHasOnlyAKnobToTryAndATrap) {
  auto model = testing::tls12_server({0x003d});
  auto fixes = client_fix_candidates(profile("go-1.22"), testing::reason("no_common_suite"), model,
                                     target("api.partner.example"));
  ASSERT_EQ(fixes.size(), 1u);  // no pin: Go cannot offer 0x003d
  EXPECT_EQ(fixes[0].title, "GODEBUG=tlsrsakex=1");
  auto trap = implementation_trap(profile("go-1.22"), testing::reason("no_common_suite"), model);
  ASSERT_TRUE(trap.has_value());
  EXPECT_NE(trap->find("never implemented"), std::string::npos);
  EXPECT_NE(trap->find("0x003d"), std::string::npos);
}

TEST(ClientFixes, ASecondSuitePinsTheStrongestOneGoHas) {
  auto model = testing::tls12_server({0x003d, 0x002f, 0x009c});
  auto fixes = client_fix_candidates(profile("go-1.22"), testing::reason("no_common_suite"), model,
                                     target("api.partner.example"));
  ASSERT_GE(fixes.size(), 3u);
  EXPECT_EQ(fixes[0].kind, FixKind::pin_suite);
  EXPECT_EQ(fixes[0].profile.hello.cipher_suites.front(), 0x009c);  // GCM before CBC-SHA1
  EXPECT_EQ(fixes[1].profile.hello.cipher_suites.front(), 0x002f);
  // TLS 1.3 suites are configured apart in Go and stay offered.
  EXPECT_EQ(fixes[0].profile.hello.cipher_suites.size(), 4u);
  EXPECT_NE(
      fixes[0].snippets[0].code.find("CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256}"),
      std::string::npos);
  EXPECT_NE(fixes[0].snippets[0].code.find("ServerName:   \"api.partner.example\""),
            std::string::npos);
  EXPECT_FALSE(implementation_trap(profile("go-1.22"), testing::reason("no_common_suite"), model)
                   .has_value());
}

TEST(ClientFixes, NeverPinsAnonymousOrNullSuites) {
  auto model = testing::tls12_server({0x0034 /* ADH-AES128-SHA */, 0x0002 /* NULL-SHA */});
  auto fixes = client_fix_candidates(profile("python-3.13"), testing::reason("no_common_suite"),
                                     model, target("h"));
  for (const FixCandidate& f : fixes) EXPECT_NE(f.kind, FixKind::pin_suite) << f.title;
}

TEST(ClientFixes, GodebugKnobIsWrittenThreeWays) {
  auto model = testing::tls12_server({0x002f});
  auto fixes = client_fix_candidates(profile("go-1.23"), testing::reason("no_common_suite"), model,
                                     target("h"));
  auto both = std::find_if(fixes.begin(), fixes.end(), [](const FixCandidate& f) {
    return f.title == "GODEBUG=tlsrsakex=1,tls3des=1";
  });
  ASSERT_NE(both, fixes.end());
  ASSERT_EQ(both->snippets.size(), 3u);
  EXPECT_EQ(both->snippets[0].code, "GODEBUG=tlsrsakex=1,tls3des=1 ./yourprogram");
  EXPECT_EQ(both->snippets[1].code, "//go:debug tlsrsakex=1\n//go:debug tls3des=1");
  EXPECT_EQ(both->snippets[2].code, "godebug tlsrsakex=1\ngodebug tls3des=1");
  EXPECT_EQ(both->removed_in, "go-1.27");
}

TEST(ClientFixes, AKnobsOwnSnippetIsShownAsItIs) {
  catalog::Profile java = profile("java-24");
  nlohmann::json doc = java.raw;
  for (nlohmann::json& k : doc["knobs"])
    if (k["name"] == "jdk.tls.disabledAlgorithms without TLS_RSA_*")
      k["snippet"] = "jdk.tls.disabledAlgorithms=SSLv3";
  auto edited = catalog::parse_profile(doc, "java-24 (test)");
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  auto fixes = client_fix_candidates(*edited, testing::reason("no_common_suite"),
                                     testing::tls12_server({0x002f}), target("h"));
  auto knob = std::find_if(fixes.begin(), fixes.end(), [](const FixCandidate& f) {
    return f.title == "jdk.tls.disabledAlgorithms without TLS_RSA_*";
  });
  ASSERT_NE(knob, fixes.end());
  ASSERT_EQ(knob->snippets.size(), 1u);
  EXPECT_EQ(knob->snippets[0].code, "jdk.tls.disabledAlgorithms=SSLv3");
  EXPECT_EQ(knob->rank, 4);  // the whole JVM
}

TEST(ClientFixes, SnippetsEscapeAHostileHost) {
  auto model = testing::tls12_server({0x002f});
  auto fixes = client_fix_candidates(profile("python-3.13"), testing::reason("no_common_suite"),
                                     model, target("a'b\n"));
  ASSERT_FALSE(fixes.empty());
  EXPECT_NE(fixes[0].snippets[0].code.find("server_hostname='a\\'b\\n'"), std::string::npos)
      << fixes[0].snippets[0].code;
}

TEST(ClientFixes, CombineAddsASecondKnobUnlessItOverwrites) {
  auto model = testing::tls12_server({0x002f});
  auto fixes = client_fix_candidates(profile("go-1.26"), testing::reason("no_common_version"),
                                     model, target("h"));
  ASSERT_FALSE(fixes.empty());
  const catalog::Profile go = profile("go-1.26");
  auto sha1 = std::find_if(go.knobs.begin(), go.knobs.end(),
                           [](const catalog::Knob& k) { return k.name == "GODEBUG=tlssha1=1"; });
  ASSERT_NE(sha1, go.knobs.end());
  auto both = combine(fixes[0], *sha1, target("h"));
  ASSERT_TRUE(both.has_value());
  EXPECT_EQ(both->title, "tls.Config.MinVersion = tls.VersionTLS10, and GODEBUG=tlssha1=1");
  EXPECT_EQ(both->rank, 3);  // as wide as its widest step
  EXPECT_TRUE(both->profile.policy.accept_sha1_handshake_signature);
  EXPECT_EQ(both->profile.applied_knobs.size(), 2u);
  EXPECT_EQ(both->built_from,
            (std::vector<std::string>{"go-1.26+tls.Config.MinVersion = tls.VersionTLS10"}));
  EXPECT_TRUE(fixes[0].built_from.empty());
  EXPECT_FALSE(combine(*both, *sha1, target("h")).has_value());  // already applied
}

TEST(FixKinds, EveryKindRoundTripsAndUnknownIsRejected) {
  for (FixKind k : {FixKind::pin_suite, FixKind::pin_group, FixKind::knob, FixKind::combined})
    EXPECT_EQ(parse_fix_kind(name(k)), k) << name(k);
  EXPECT_EQ(name(FixKind::pin_group), "pin_group");
  EXPECT_FALSE(parse_fix_kind("pin-suite"));
  EXPECT_FALSE(parse_fix_kind(""));
}

}  // namespace
}  // namespace tlsd::diagnose
