#include "diagnose/explain.h"

#include <gtest/gtest.h>

namespace tlsd::diagnose {
namespace {

const char* kPatterns = R"({"schema": "tlsdoctor.errors/1", "patterns": [
  {"id": "generic-handshake-failure", "stack": "generic", "match": "handshake failure",
   "meaning": "an alert 40", "causes": [{"reason": "no_common_suite", "text": "x"}],
   "next": "tlsdoctor HOST", "source": "RFC 8446"},
  {"id": "go-remote-handshake-failure", "stack": "go", "match": "remote error: tls: handshake failure",
   "meaning": "go got alert 40", "causes": [{"reason": "no_common_suite", "text": "y"}],
   "next": "tlsdoctor HOST[:PORT] --client go-1.26", "source": "alert.go"},
  {"id": "openssl-alert-number", "stack": "openssl", "regex": "ssl alert number [0-9]+",
   "meaning": "an alert", "causes": [], "source": "ssl_err.c"}
]})";

TEST(Explain, LongestMatchWins) {
  auto kb = KnowledgeBase::load(kPatterns);
  ASSERT_TRUE(kb.ok()) << kb.error().message;
  Explanation e = kb->explain("Get \"https://x/\": Remote Error: TLS: Handshake Failure");
  ASSERT_NE(e.pattern, nullptr);
  EXPECT_EQ(e.pattern->id, "go-remote-handshake-failure");
  EXPECT_EQ(e.matched, "Remote Error: TLS: Handshake Failure");  // the user's own casing
  e = kb->explain("sslv3 alert handshake failure");
  ASSERT_NE(e.pattern, nullptr);
  EXPECT_EQ(e.pattern->id, "generic-handshake-failure");
  e = kb->explain("...:SSL alert number 40");
  ASSERT_NE(e.pattern, nullptr);
  EXPECT_EQ(e.pattern->id, "openssl-alert-number");
}

TEST(Explain, UnknownTextIsNotGuessed) {
  auto kb = KnowledgeBase::load(kPatterns);
  ASSERT_TRUE(kb.ok());
  EXPECT_EQ(kb->explain("connection refused by database").pattern, nullptr);
  EXPECT_EQ(kb->explain("").pattern, nullptr);
  EXPECT_EQ(kb->explain(std::string(1 << 20, 'a')).pattern, nullptr);  // big paste, bounded
}

TEST(Explain, FindsTheErrorInALongLog) {
  auto kb = KnowledgeBase::load(kPatterns);
  ASSERT_TRUE(kb.ok());
  std::string log;
  for (int i = 0; i < 2000; ++i) log += "line " + std::to_string(i) + " all is well\n";
  log += "2026-11-27 ERROR: remote error: tls: handshake failure\n";
  Explanation e = kb->explain(log);
  ASSERT_NE(e.pattern, nullptr);
  EXPECT_EQ(e.pattern->id, "go-remote-handshake-failure");
}

TEST(Explain, RejectsBadKnowledge) {
  EXPECT_FALSE(KnowledgeBase::load("{").ok());
  EXPECT_FALSE(KnowledgeBase::load(R"({"patterns": [{"id": "a", "stack": "go", "match": "x",
      "regex": "y", "meaning": "m", "source": "s"}]})")
                   .ok());  // both match and regex
  EXPECT_FALSE(KnowledgeBase::load(R"({"patterns": [{"id": "a", "stack": "go", "regex": "(",
      "meaning": "m", "source": "s"}]})")
                   .ok());  // bad regex
  EXPECT_FALSE(KnowledgeBase::load(R"({"patterns": [{"id": "a", "stack": "go", "match": "x",
      "meaning": "m", "source": "s", "causes": [{"reason": "bogus", "text": "t"}]}]})")
                   .ok());
  EXPECT_FALSE(KnowledgeBase::load(R"({"patterns": [
      {"id": "a", "stack": "go", "match": "x", "meaning": "m", "source": "s"},
      {"id": "a", "stack": "go", "match": "y", "meaning": "m", "source": "s"}]})")
                   .ok());
}

// Every reason a cause names is a taxonomy value: a misspelt one (or an alert
// that does not exist) fails the load with the pattern and the reason named.
TEST(Explain, MisspeltCauseReasonsFailAtLoad) {
  auto load = [](const std::string& reason) {
    auto kb = KnowledgeBase::load(
        R"({"patterns": [{"id": "p1", "stack": "go", "match": "x", "meaning": "m",
            "source": "s", "causes": [{"reason": ")" +
        reason + R"(", "text": "t"}]}]})");
    return kb.ok() ? std::string("loaded") : kb.error().message;
  };
  EXPECT_EQ(load("no_common_suites"), "p1: unknown reason no_common_suites");
  EXPECT_EQ(load("alert:handshake_failed"), "p1: unknown reason alert:handshake_failed");
  EXPECT_EQ(load("alert"), "p1: unknown reason alert");
  for (const char* known : {"not_tls", "unknown", "alert:handshake_failure", "untrusted"})
    EXPECT_EQ(load(known), "loaded") << known;
}

TEST(Explain, EmbeddedCausesKeepTheirSpelling) {
  for (const char* name : {"alert:access_denied", "not_tls", "client_cert_required"}) {
    auto r = catalog::parse_failure_reason(name);
    ASSERT_TRUE(r) << name;
    EXPECT_EQ(r->name(), name);
  }
  EXPECT_GT(KnowledgeBase::get().size(), 0u);
}

TEST(Explain, RequiredLiterals) {
  EXPECT_EQ(required_literal("ssl alert number [0-9]+"), "ssl alert number ");
  EXPECT_EQ(required_literal("(?:tls: failed to verify certificate: )?x509: certificate signed"),
            "x509: certificate signed");
  EXPECT_EQ(required_literal("remote error: tls: alert\\(\\d{1,3}"), "remote error: tls: alert(");
  EXPECT_EQ(required_literal("version [0-9a-f]{3,4}"), "version ");
  EXPECT_EQ(required_literal("abc|defgh"), "");                 // either may match
  EXPECT_EQ(required_literal("colou?r spelled"), "r spelled");  // 'u' is optional
  EXPECT_EQ(required_literal("a+bcd"), "bcd");
  EXPECT_EQ(required_literal("x(yz|w)longer tail"), "longer tail");
}

TEST(RequiredLiterals, OneLiteralPerTopLevelAlternative) {
  using V = std::vector<std::string>;
  EXPECT_EQ(required_literals("abc|defgh"), (V{"abc", "defgh"}));
  EXPECT_EQ(required_literals("ssl alert number [0-9]+"), (V{"ssl alert number "}));
  EXPECT_EQ(required_literals("(?:a|b)cd|e[|]fg"), (V{"cd", "fg"}));  // nested and class bars
  EXPECT_EQ(required_literals("x\\|yz|w"), (V{"x|yz", "w"}));         // an escaped bar
  EXPECT_EQ(required_literals("abc|x?"), V{});  // an alternative may match anything
  EXPECT_EQ(required_literals(""), V{});
}

TEST(RequiredLiterals, GroupsThatCannotBeSkipped) {
  using V = std::vector<std::string>;
  // A required group's alternatives filter better than a short plain literal.
  EXPECT_EQ(required_literals("(?:error:(?:0a0000c1):[^:]{0,40}:)?(?:no shared cipher)|"
                              "error:(?:0a0000c1|1417a0c1)"),
            (V{"no shared cipher", "0a0000c1", "1417a0c1"}));
  EXPECT_EQ(required_literals("(?:received fatal alert: |alertreceived\\()(?:unrecognisedname|"
                              "unrecognizedname)"),
            (V{"unrecognisedname", "unrecognizedname"}));
  EXPECT_EQ(required_literals("(abc)?d"), (V{"d"}));  // an optional group proves nothing
  EXPECT_EQ(required_literals("(abc)*"), V{});
  EXPECT_EQ(required_literals("(?!abc)d"), (V{"d"}));    // a lookahead consumes nothing
  EXPECT_EQ(required_literals("(?:abc)+"), (V{"abc"}));  // at least once
  EXPECT_EQ(required_literals("x(ab|c?)"), (V{"x"}));    // the group may match nothing
  EXPECT_EQ(required_literals("(unclosed"), V{});        // malformed: no claim
}

TEST(Explain, EmbeddedKnowledgeLoads) { EXPECT_GE(KnowledgeBase::get().size(), 150u); }

TEST(Explain, TheHostInTheTextFillsTheNextStep) {
  EXPECT_EQ(host_in("Get \"https://api.partner.example/v1\": remote error: tls: handshake failure"),
            "api.partner.example");
  EXPECT_EQ(host_in("Post https://10.0.0.7:8443/x: EOF"), "10.0.0.7:8443");
  EXPECT_EQ(host_in("dial tcp [::1]:443: connect: connection refused"), "[::1]:443");
  EXPECT_EQ(host_in("no host here: sslv3 alert handshake failure"), "");
  // Only host-name characters are taken: a hostile paste cannot inject a command.
  EXPECT_EQ(host_in("https://evil.example;rm -rf /"), "evil.example");
  EXPECT_EQ(host_in("https://$(reboot)/"), "");
  auto kb = KnowledgeBase::load(kPatterns);
  ASSERT_TRUE(kb.ok());
  Explanation e = kb->explain("Get \"https://api.x:8443/\": remote error: tls: handshake failure");
  EXPECT_EQ(e.next_step(), "tlsdoctor api.x:8443 --client go-1.26");
  e = kb->explain("remote error: tls: handshake failure");
  EXPECT_EQ(e.next_step(), "tlsdoctor HOST[:PORT] --client go-1.26");
}

}  // namespace
}  // namespace tlsd::diagnose
