#include "report/hello_report.h"

#include <gtest/gtest.h>

namespace tlsd::report {
namespace {

HelloReport story_answer() {
  HelloReport r;
  r.target = "127.0.0.1:4433";
  r.sni = "localhost";
  r.offered_version = "TLSv1.2";
  r.offered_suites = 300;
  probe::Observation& o = r.observation;
  o.outcome = probe::Outcome::server_hello;
  o.stage = probe::Stage::done;
  o.version = 0x0303;
  o.cipher_suite = 0x003d;
  o.extensions = {0xff01, 0x0017};
  o.secure_renegotiation = true;
  o.key_exchange = probe::KeyExchange{};
  o.key_exchange->kind = catalog::KxKind::rsa;
  o.key_exchange->signature = "unsigned";
  return r;
}

TEST(HelloReport, TextNamesSuiteEveryWay) {
  std::string text = render_hello_text(story_answer(), Style(false));
  EXPECT_NE(text.find("TLSv1.2"), std::string::npos);
  EXPECT_NE(text.find("TLS_RSA_WITH_AES_256_CBC_SHA256 (0x003d, AES256-SHA256)"),
            std::string::npos);
  EXPECT_NE(text.find("no forward secrecy"), std::string::npos);
  EXPECT_EQ(text.find("\x1b["), std::string::npos) << "no colour when asked for none";
  EXPECT_NE(render_hello_text(story_answer(), Style(true)).find("\x1b["), std::string::npos);
}

TEST(HelloReport, JsonShape) {
  nlohmann::json j = hello_json(story_answer());
  EXPECT_EQ(j["schema"], kHelloSchema);
  EXPECT_EQ(j["outcome"], "server_hello");
  EXPECT_EQ(j["version"], "TLSv1.2");
  EXPECT_EQ(j["cipher_suite"]["code"], "0x003d");
  EXPECT_EQ(j["cipher_suite"]["iana"], "TLS_RSA_WITH_AES_256_CBC_SHA256");
  EXPECT_EQ(j["cipher_suite"]["openssl"], "AES256-SHA256");
  EXPECT_EQ(j["extensions"][0]["name"], "renegotiation_info");
  EXPECT_TRUE(j["error"].is_null());
  EXPECT_TRUE(j["secure_renegotiation"].get<bool>());
}

TEST(HelloReport, AlertAndFailure) {
  HelloReport r = story_answer();
  r.observation = {};
  r.observation.outcome = probe::Outcome::alert;
  r.observation.alert = 40;
  r.observation.alert_fatal = true;
  EXPECT_NE(render_hello_text(r, Style(false)).find("fatal alert handshake_failure (40)"),
            std::string::npos);
  nlohmann::json j = hello_json(r);
  EXPECT_EQ(j["alert"]["name"], "handshake_failure");
  EXPECT_TRUE(j["version"].is_null());
  EXPECT_TRUE(j["cipher_suite"].is_null());

  r.observation = {};
  r.observation.error =
      Error::transport(TransportCode::timeout, "no answer in time while awaiting ServerHello");
  r.observation.stage = probe::Stage::awaiting_server_hello;
  std::string text = render_hello_text(r, Style(false));
  EXPECT_NE(text.find("no TLS answer"), std::string::npos);
  EXPECT_NE(text.find("transport layer"), std::string::npos);
  EXPECT_EQ(hello_json(r)["error"]["code"], "timeout");
}

}  // namespace
}  // namespace tlsd::report
