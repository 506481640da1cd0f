#include "probe/http_connect_dialog.h"

#include <gtest/gtest.h>

#include "probe/dialog_chain.h"
#include "probe/dialog_test_util.h"

namespace tlsd::probe {
namespace {

const std::string kOk = "HTTP/1.1 200 Connection established\r\nVia: 1.1 squid\r\n\r\n";

TEST(HttpConnect, RequestWithoutCredentials) {
  HttpConnectDialog d("example.com:443", "");
  EXPECT_EQ(play(d, kOk),
            "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n"
            "User-Agent: tlsdoctor\r\n\r\n");
  EXPECT_EQ(d.state(), DialogState::ready);
}

TEST(HttpConnect, BasicCredentials) {
  HttpConnectDialog d("example.com:443", "Aladdin:open sesame");  // RFC 7617 §2's example
  std::string sent = play(d, kOk);
  EXPECT_NE(sent.find("\r\nProxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n"),
            std::string::npos);
}

TEST(HttpConnect, Base64Padding) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("\xff\xfe"), "//4=");
}

TEST(HttpConnect, AuthorityBracketsIpv6) {
  EXPECT_EQ(authority("::1", 8443), "[::1]:8443");
  EXPECT_EQ(authority("10.0.0.1", 443), "10.0.0.1:443");
}

TEST(HttpConnect, AnyTwoXxOpensTheTunnel) {
  HttpConnectDialog d("h:1", "");
  play(d, "HTTP/1.0 200\r\n\r\n", 1);
  EXPECT_EQ(d.state(), DialogState::ready);
  HttpConnectDialog e("h:1", "");
  play(e, "HTTP/1.1 204 No Content\r\nContent-Length: 12\r\n\r\n");  // RFC 9110: ignored
  EXPECT_EQ(e.state(), DialogState::ready);
}

TEST(HttpConnect, InterimResponseThenFinal) {
  HttpConnectDialog d("h:1", "");
  play(d, "HTTP/1.1 100 Continue\r\n\r\n" + kOk);
  EXPECT_EQ(d.state(), DialogState::ready);
}

TEST(HttpConnect, EveryTruncatedPrefixNeedsMoreBytes) {
  for (size_t n = 0; n < kOk.size(); ++n) {
    HttpConnectDialog d("h:1", "");
    play(d, std::string_view(kOk).substr(0, n));
    EXPECT_EQ(d.state(), DialogState::need_more) << n << ": " << d.error().message;
  }
}

TEST(HttpConnect, ProxyAuthenticationRequired) {
  HttpConnectDialog d("example.com:443", "");
  play(d,
       "HTTP/1.1 407 Proxy Authentication Required\r\n"
       "Proxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n");
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "proxy_auth_required");
  EXPECT_EQ(d.error().message,
            "the proxy answered 'HTTP/1.1 407 Proxy Authentication Required' "
            "(Proxy-Authenticate: Basic realm=\"corp\") [headers: Content-Length: 0]");
}

TEST(HttpConnect, RefusalCarriesTheStatusLine) {
  HttpConnectDialog d("example.com:443", "secret:word");
  play(d, "HTTP/1.1 403 Forbidden\r\nServer: corp\r\n\r\n");
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "proxy_refused");
  EXPECT_EQ(d.error().message,
            "the proxy refused CONNECT example.com:443: 'HTTP/1.1 403 Forbidden' "
            "[headers: Server: corp]");
  EXPECT_EQ(d.error().message.find("secret"), std::string::npos);
}

TEST(HttpConnect, RefusalHeadersAreBoundedAndEscaped) {
  HttpConnectDialog d("example.com:443", "");
  std::string reply = "HTTP/1.1 403 Forbidden\r\nX-Evil: \x1b[31mred\r\n";
  for (int i = 0; i < 20; ++i) reply += "X-Many: " + std::to_string(i) + "\r\n";
  play(d, reply + "\r\n");
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().message.find('\x1b'), std::string::npos);
  EXPECT_NE(d.error().message.find("X-Many: 6"), std::string::npos);
  EXPECT_EQ(d.error().message.find("X-Many: 7"), std::string::npos);  // 8 headers at most
}

TEST(HttpConnect, ServerErrorFromTheProxy) {
  HttpConnectDialog d("example.com:443", "");
  play(d, "HTTP/1.1 502 Bad Gateway\r\n\r\n");
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "proxy_refused");
}

TEST(HttpConnect, GarbageIsNotAProxy) {
  for (std::string reply : std::vector<std::string>{
           "SSH-2.0-OpenSSH\r\n", "HTTP/2 200\r\n", "HTTP/1.1 20x OK\r\n", "HTTP/1.1 099 x\r\n",
           "HTTP/1.1 200OK\r\n", std::string("\x15\x03\x01\x00\x02\x02\x28\n", 8)}) {
    HttpConnectDialog d("h:1", "");
    play(d, reply);
    ASSERT_EQ(d.state(), DialogState::failed) << reply;
    EXPECT_EQ(d.error().code.name(), "not_http_proxy") << reply;
    for (char c : d.error().message) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << reply;
  }
}

TEST(HttpConnect, MalformedHeader) {
  HttpConnectDialog d("h:1", "");
  play(d, "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n");
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "bad_proxy_response");
}

TEST(HttpConnect, OverLongHeaderLine) {
  HttpConnectDialog d("h:1", "");
  play(d, "HTTP/1.1 200 OK\r\nX: " + std::string(1 << 20, 'a') + "\r\n\r\n", 1500);
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "dialog_line_too_long");
}

TEST(HttpConnect, EndlessHeaders) {
  HttpConnectDialog d("h:1", "");
  std::string endless = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 5000; ++i) endless += "X-A: b\r\n";
  play(d, endless);
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "dialog_too_many_lines");
}

TEST(HttpConnect, BytesAfterTheHeadAreTheNextDialogsOrAnError) {
  HttpConnectDialog d("h:1", "");
  play(d, kOk + "220 mail\r\n");
  ASSERT_EQ(d.state(), DialogState::ready);
  Bytes rest = d.take_unconsumed();
  EXPECT_EQ(std::string(rest.begin(), rest.end()), "220 mail\r\n");

  DialogChain chain(one(std::make_unique<HttpConnectDialog>("h:1", "")));
  play(chain, kOk + "\x16\x03\x03");
  ASSERT_EQ(chain.state(), DialogState::failed);
  EXPECT_EQ(chain.error().code.name(), "dialog_extra_bytes");
  EXPECT_NE(chain.error().message.find("the HTTP proxy sent bytes"), std::string::npos);
}

TEST(HttpConnect, ProxyClosesBeforeAnswering) {
  HttpConnectDialog d("example.com:443", "");
  play(d, "HTTP/1.1 200 OK\r\n");
  d.feed_end();
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "closed");
  EXPECT_NE(d.error().message.find("the end of the proxy's response headers"), std::string::npos);
}

TEST(HttpConnect, RowInTheRegistry) {
  const DialogRow& row = dialog_row(DialogId::http_connect);
  EXPECT_EQ(row.name, "http_connect");
  EXPECT_EQ(dialog_id("http_connect"), DialogId::http_connect);
  EXPECT_EQ(dialog_id("nope"), std::nullopt);
  DialogSpec spec{DialogId::http_connect, "u:p"};
  auto d = row.make(DialogContext{"::1", 8443, spec});
  Bytes out = d->take_output();
  std::string sent(out.begin(), out.end());
  EXPECT_TRUE(sent.starts_with("CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n")) << sent;
}

}  // namespace
}  // namespace tlsd::probe
