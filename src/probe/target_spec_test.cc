#include "probe/target_spec.h"

#include <gtest/gtest.h>

#include "probe/dialog_registry.h"

namespace tlsd::probe {
namespace {

std::vector<std::string> dialogs(const TargetSpec& s) {
  std::vector<std::string> out;
  for (const DialogSpec& d : s.target.route.dialogs) out.emplace_back(to_string(d.id));
  return out;
}

bool registry_has(std::string_view name) { return dialog_id(name).has_value(); }

TEST(TargetSpec, HostPortFormsAreDirectTls) {
  auto s = parse_target_spec("api.example.com");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->target.host, "api.example.com");
  EXPECT_EQ(s->target.port, 443);
  EXPECT_EQ(s->target.sni, "api.example.com");
  EXPECT_TRUE(s->target.route.empty());
  EXPECT_TRUE(s->notes.empty());

  s = parse_target_spec("[::1]:8443");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->target.host, "::1");
  EXPECT_EQ(s->target.port, 8443);
  EXPECT_EQ(s->target.sni, "");

  s = parse_target_spec("10.0.0.5:993");  // implicit TLS: plain TLS, no note
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->target.route.empty());
  EXPECT_TRUE(s->notes.empty());
}

TEST(TargetSpec, HttpsUrlKeepsPathForGet) {
  auto s = parse_target_spec("https://api.example.com/v1/orders?id=3#frag");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->target.host, "api.example.com");
  EXPECT_EQ(s->target.port, 443);
  EXPECT_EQ(s->path, "/v1/orders?id=3");
  EXPECT_EQ(s->scheme, "https");

  s = parse_target_spec("HTTPS://[::1]:8443");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->target.port, 8443);
  EXPECT_EQ(s->path, "/");
}

TEST(TargetSpec, SchemesPickDialogAndPort) {
  struct Case {
    const char* text;
    uint16_t port;
    const char* dialog;  // "" = direct TLS
  };
  for (Case c : {Case{"smtp://mx.example.com", 25, "smtp_starttls"},
                 Case{"smtp://mx.example.com:587", 587, "smtp_starttls"},
                 Case{"smtps://mx.example.com", 465, ""}, Case{"imaps://m.example.com", 993, ""},
                 Case{"pop3s://m.example.com", 995, ""}, Case{"ftps://f.example.com", 990, ""},
                 Case{"ldaps://d.example.com", 636, ""},
                 Case{"postgres+direct://db.example.com", 5432, ""}}) {
    auto s = parse_target_spec(c.text);
    ASSERT_TRUE(s.ok()) << c.text << ": " << s.error().message;
    EXPECT_EQ(s->target.port, c.port) << c.text;
    EXPECT_EQ(dialogs(*s),
              c.dialog[0] ? std::vector<std::string>{c.dialog} : std::vector<std::string>{})
        << c.text;
  }
  auto direct = parse_target_spec("postgres+direct://db.example.com");
  ASSERT_TRUE(direct.ok());
  EXPECT_EQ(direct->alpn, "postgresql");
}

TEST(TargetSpec, EveryStarttlsSchemeNamesItsDialogOrSaysItIsNotSupported) {
  for (const SchemeRow& row : scheme_rows()) {
    if (row.dialog.empty()) continue;
    auto s = parse_target_spec(std::string(row.scheme) + "://h.example.com");
    if (registry_has(row.dialog)) {
      ASSERT_TRUE(s.ok()) << row.scheme;
      EXPECT_EQ(dialogs(*s), std::vector<std::string>{std::string(row.dialog)});
      EXPECT_EQ(s->target.port, row.ports[0]);
    } else {
      ASSERT_FALSE(s.ok()) << row.scheme;
      EXPECT_NE(s.error().message.find("STARTTLS for " + std::string(row.protocol) +
                                       " is not supported yet"),
                std::string::npos);
    }
  }
}

TEST(TargetSpec, UnknownDialogIsAClearError) {
  auto id = dialog_named("carrier_pigeon_starttls", "RFC 1149");
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().layer, ErrorLayer::usage);
  EXPECT_EQ(id.error().message,
            "STARTTLS for RFC 1149 is not supported yet (this build has no "
            "'carrier_pigeon_starttls' dialog)");
  EXPECT_TRUE(dialog_named("smtp_starttls", "SMTP").ok());
}

TEST(TargetSpec, WellKnownStarttlsPortPicksTheProtocolAndSaysSo) {
  auto s = parse_target_spec("mx.example.com:25");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(dialogs(*s), std::vector<std::string>{"smtp_starttls"});
  ASSERT_EQ(s->notes.size(), 1u);
  EXPECT_NE(s->notes[0].find("port 25 is SMTP's"), std::string::npos);
  EXPECT_NE(s->notes[0].find("--no-starttls"), std::string::npos);

  s = parse_target_spec("mx.example.com:587", TargetFlags{"", true});
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->target.route.empty());
  EXPECT_TRUE(s->notes.empty());

  for (uint16_t port : {25, 587, 110, 143, 21, 389, 5432, 3306, 5222, 5269}) {
    const SchemeRow* row = starttls_row_for_port(port);
    ASSERT_NE(row, nullptr) << port;
    EXPECT_FALSE(row->dialog.empty());
  }
  for (uint16_t port : {465, 993, 995, 636, 990, 443}) {
    EXPECT_EQ(starttls_row_for_port(port), nullptr) << port;
    EXPECT_NE(implicit_row_for_port(port), nullptr) << port;
  }
  EXPECT_EQ(implicit_row_for_port(5432), nullptr);  // postgres's, not postgres+direct's
}

TEST(TargetSpec, StarttlsFlagForcesAProtocol) {
  auto s = parse_target_spec("127.0.0.1:2525", TargetFlags{"smtp", false});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(dialogs(*s), std::vector<std::string>{"smtp_starttls"});
  EXPECT_EQ(s->target.port, 2525);

  s = parse_target_spec("mx.example.com", TargetFlags{"SMTP", false});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->target.port, 25);

  auto bad = parse_target_spec("mx.example.com", TargetFlags{"gopher", false});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("known protocols are smtp"), std::string::npos);
  EXPECT_FALSE(parse_target_spec("mx.example.com", TargetFlags{"smtp", true}).ok());
  EXPECT_FALSE(parse_target_spec("imap://m.example.com", TargetFlags{"smtp", false}).ok());
}

TEST(TargetSpec, StarttlsSchemeOnAnImplicitPortWarns) {
  auto s = parse_target_spec("smtp://mx.example.com:465");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->notes.size(), 1u);
  EXPECT_NE(s->notes[0].find("use smtps://"), std::string::npos);

  s = parse_target_spec("smtps://mx.example.com:25");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->notes.size(), 1u);
  EXPECT_NE(s->notes[0].find("use smtp://"), std::string::npos);
}

TEST(TargetSpec, UserinfoIsDroppedAndNeverRepeated) {
  auto s = parse_target_spec("postgres://alice:s3cret@db.example.com/orders?sslmode=require",
                             TargetFlags{"", true});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->target.host, "db.example.com");
  EXPECT_EQ(s->target.port, 5432);
  ASSERT_EQ(s->notes.size(), 1u);
  EXPECT_EQ(s->notes[0].find("s3cret"), std::string::npos);
  EXPECT_EQ(s->notes[0].find("alice"), std::string::npos);
}

TEST(TargetSpec, RejectsHostileAndOddInput) {
  std::string long_name(kMaxTargetText + 1, 'a');
  std::string long_label = std::string(64, 'a') + ".example.com";
  for (const std::string& bad : {std::string(""),
                                 std::string("https://"),
                                 std::string("https://:443"),
                                 std::string("host:0"),
                                 std::string("host:65536"),
                                 std::string("host:99999999999999999999"),
                                 std::string("host:-1"),
                                 std::string("host:"),
                                 std::string("host:12ab"),
                                 std::string("[::1"),
                                 std::string("[::1]x"),
                                 std::string("[fe80::1%25eth0]:443"),
                                 std::string("gopher://h.example.com"),
                                 std::string("http://h.example.com"),
                                 std::string("ho st.example.com"),
                                 std::string("host\n.example.com"),
                                 std::string("h\x01.example.com"),
                                 std::string("caf\xc3\xa9.example.com"),
                                 std::string("postgres://a.example.com:5432,b.example.com:5433/db"),
                                 long_name,
                                 long_label,
                                 std::string("ex*ample.com"),
                                 std::string("a:b:c"),
                                 std::string("https://user@:443/")}) {
    auto s = parse_target_spec(bad);
    EXPECT_FALSE(s.ok()) << bad;
    if (!s.ok()) {
      EXPECT_EQ(s.error().layer, ErrorLayer::usage) << bad;
    }
  }
  auto unknown = parse_target_spec("gopher://h.example.com");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("known: https, smtp"), std::string::npos);
}

}  // namespace
}  // namespace tlsd::probe
