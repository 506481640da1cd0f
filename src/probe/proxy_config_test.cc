#include "probe/proxy_config.h"

#include <gtest/gtest.h>

#include <map>

#include "probe/dialog_registry.h"
#include "probe/route_text.h"

namespace tlsd::probe {
namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ProxyUrl, Forms) {
  auto p = parse_proxy_url("http://proxy.corp:3128", "--proxy");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->endpoint.host, "proxy.corp");
  EXPECT_EQ(p->endpoint.port, 3128);
  EXPECT_EQ(p->credentials, "");
  EXPECT_EQ(p->shown(), "http://proxy.corp:3128");

  p = parse_proxy_url("proxy.corp", "HTTPS_PROXY");  // curl: http:// and port 1080
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->endpoint.port, 1080);

  p = parse_proxy_url("http://al%40ice:p%3Ass@[::1]:8080/", "--proxy");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->credentials, "al@ice:p:ss");
  EXPECT_EQ(p->endpoint.host, "::1");
  EXPECT_EQ(p->shown(), "http://***@[::1]:8080");
}

TEST(ProxyUrl, RefusesWhatItCannotSpeakAndNeverEchoesCredentials) {
  auto https = parse_proxy_url("https://u:secret@proxy.corp:3128", "HTTPS_PROXY");
  ASSERT_FALSE(https.ok());
  EXPECT_NE(https.error().message.find("https:// proxy"), std::string::npos);
  EXPECT_NE(https.error().message.find("HTTPS_PROXY"), std::string::npos);
  EXPECT_EQ(https.error().message.find("secret"), std::string::npos);
  for (const char* bad : {"socks5://proxy:1080", "ftp://proxy", "http://u:%zz@proxy:1",
                          "http://proxy:0", "http://proxy:99999", "http://", "http://pro xy:1"}) {
    auto p = parse_proxy_url(bad, "--proxy");
    EXPECT_FALSE(p.ok()) << bad;
  }
  EXPECT_FALSE(parse_proxy_url(std::string(3000, 'a'), "--proxy").ok());
}

TEST(NoProxy, CurlsMatchingRules) {
  EXPECT_TRUE(no_proxy_matches("*", "anything.example"));
  EXPECT_TRUE(no_proxy_matches("example.com", "example.com"));
  EXPECT_TRUE(no_proxy_matches("example.com", "www.example.com"));
  EXPECT_TRUE(no_proxy_matches(".example.com", "www.example.com"));
  EXPECT_TRUE(no_proxy_matches(".example.com", "example.com"));
  EXPECT_TRUE(no_proxy_matches("localhost, Example.COM ", "WWW.example.com."));
  EXPECT_FALSE(no_proxy_matches("example.com", "nonexample.com"));
  EXPECT_FALSE(no_proxy_matches("www.example.com", "example.com"));
  EXPECT_FALSE(no_proxy_matches("", "example.com"));
  EXPECT_FALSE(no_proxy_matches(",,", "example.com"));
  EXPECT_FALSE(no_proxy_matches("*.example.com", "www.example.com"));  // '*' only alone
  EXPECT_TRUE(no_proxy_matches("127.0.0.1", "127.0.0.1"));
  EXPECT_TRUE(no_proxy_matches("10.0.0.0/8", "10.2.3.4"));
  EXPECT_FALSE(no_proxy_matches("10.0.0.0/8", "11.2.3.4"));
  EXPECT_TRUE(no_proxy_matches("::1", "[::1]"));
  EXPECT_TRUE(no_proxy_matches("fd00::/8", "fd12::1"));
  EXPECT_FALSE(no_proxy_matches("10.0.0.0/33", "10.0.0.1"));
  EXPECT_FALSE(no_proxy_matches("0.0.0.1", "example.com"));
}

TEST(ChooseProxy, EnvironmentAsCurlReadsIt) {
  auto chosen = [](std::map<std::string, std::string> vars, std::string_view scheme = "https",
                   std::string_view host = "api.example.com", ProxyFlags flags = {}) {
    auto r = choose_proxy(scheme, host, flags, env_of(std::move(vars)));
    EXPECT_TRUE(r.ok());
    return r.ok() && *r ? (*r)->source : std::string("direct");
  };
  EXPECT_EQ(chosen({}), "direct");
  EXPECT_EQ(chosen({{"HTTPS_PROXY", "p:1"}}), "HTTPS_PROXY");
  EXPECT_EQ(chosen({{"HTTPS_PROXY", "p:1"}, {"https_proxy", "q:1"}}), "https_proxy");
  EXPECT_EQ(chosen({{"ALL_PROXY", "p:1"}}), "ALL_PROXY");
  EXPECT_EQ(chosen({{"all_proxy", "p:1"}, {"ALL_PROXY", "q:1"}}), "all_proxy");
  EXPECT_EQ(chosen({{"ALL_PROXY", "p:1"}, {"HTTPS_PROXY", "q:1"}}), "HTTPS_PROXY");
  // http_proxy is read in lower case only (a CGI's HTTP_PROXY header, httpoxy)
  EXPECT_EQ(chosen({{"HTTP_PROXY", "p:1"}}, "http"), "direct");
  EXPECT_EQ(chosen({{"http_proxy", "p:1"}}, "http"), "http_proxy");
  EXPECT_EQ(chosen({{"SMTP_PROXY", "p:1"}}, "smtp"), "SMTP_PROXY");
  EXPECT_EQ(chosen({{"HTTPS_PROXY", "p:1"}}, "smtp"), "direct");
  EXPECT_EQ(chosen({{"XMPP_SERVER_PROXY", "p:1"}}, "xmpp-server"), "XMPP_SERVER_PROXY");
  EXPECT_EQ(chosen({{"HTTPS_PROXY", "p:1"}, {"NO_PROXY", "example.com"}}), "direct");
  EXPECT_EQ(chosen({{"HTTPS_PROXY", "p:1"}, {"no_proxy", "other.org"}, {"NO_PROXY", "*"}}),
            "HTTPS_PROXY");  // lower case wins
  EXPECT_EQ(chosen({{"HTTPS_PROXY", "p:1"}}, "https", "h", ProxyFlags{"", true}), "direct");
  EXPECT_EQ(chosen({{"HTTPS_PROXY", "p:1"}}, "https", "h", ProxyFlags{"http://x:2", false}),
            "--proxy");
  EXPECT_EQ(chosen({{"NO_PROXY", "h"}}, "https", "h", ProxyFlags{"http://x:2", false}), "direct");
  EXPECT_EQ(chosen({{"HTTPS_PROXY", ""}}), "direct");  // empty = unset

  auto bad = choose_proxy("https", "h", {}, env_of({{"HTTPS_PROXY", "https://p:1"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("HTTPS_PROXY"), std::string::npos);
}

TEST(ChooseProxy, RouteThroughPutsConnectFirst) {
  Target t;
  t.host = "mx.example.com";
  t.port = 25;
  t.route.dialogs.push_back({DialogId::smtp_starttls, {}});
  auto p = parse_proxy_url("http://u:pw@proxy:3128", "--proxy");
  ASSERT_TRUE(p.ok());
  route_through(t, *p);
  ASSERT_TRUE(t.route.via);
  EXPECT_EQ(t.route.via->port, 3128);
  ASSERT_EQ(t.route.dialogs.size(), 2u);
  EXPECT_EQ(t.route.dialogs[0].id, DialogId::http_connect);
  EXPECT_EQ(t.route.dialogs[0].credentials, "u:pw");
  EXPECT_EQ(t.route.dialogs[1].id, DialogId::smtp_starttls);
}

}  // namespace
}  // namespace tlsd::probe

namespace tlsd::probe {
namespace {

TEST(RouteText, SaysTheProxyAndDialogsNeverTheCredentials) {
  Target t;
  t.host = "mx.example.com";
  t.port = 25;
  EXPECT_EQ(route_text(t.route), "");
  EXPECT_EQ(route_proxy(t.route), "");
  t.route.dialogs.push_back({DialogId::smtp_starttls, {}});
  EXPECT_EQ(route_text(t.route), "smtp_starttls");
  auto p = parse_proxy_url("http://u:hunter2@[::1]:3128", "--proxy");
  ASSERT_TRUE(p.ok());
  route_through(t, *p);
  EXPECT_EQ(route_text(t.route), "via proxy [::1]:3128, smtp_starttls");
  EXPECT_EQ(route_dialog_names(t.route),
            (std::vector<std::string>{"http_connect", "smtp_starttls"}));
  EXPECT_EQ(route_text(t.route).find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace tlsd::probe
