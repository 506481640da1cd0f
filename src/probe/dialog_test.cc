// The frame shared by every line-based dialog, and the registry's shape.
#include "probe/dialog.h"

#include <gtest/gtest.h>

#include <set>

#include "probe/dialog_chain.h"
#include "probe/dialog_error.h"
#include "probe/dialog_registry.h"
#include "probe/dialog_test_util.h"
#include "probe/http_connect_dialog.h"
#include "probe/smtp_starttls_dialog.h"
#include "probe/target.h"

namespace tlsd::probe {
namespace {

TEST(ServerWords, ControlBytesNeverPassThrough) {
  EXPECT_EQ(server_words("220 ok"), "220 ok");
  EXPECT_EQ(server_words("a\x1b[31mb\x07\r\n"), "a\\x1b[31mb\\x07\\x0d\\x0a");
  // display_safe's rule: valid UTF-8 stays, C1 controls and broken UTF-8 are escaped.
  EXPECT_EQ(server_words("\xc3\xa9\x7f"), "\xc3\xa9\\x7f");
  EXPECT_EQ(server_words("a\xc2\x9b"
                         "2J\xff"),
            "a\\u{009b}2J\\xff");
  EXPECT_EQ(server_words(std::string(600, 'a'), 4), "aaaa...");
}

TEST(DialogRegistry, OneRowPerIdInOrderWithUniqueNames) {
  std::set<std::string_view> names;
  for (size_t i = 0; i < dialog_rows().size(); ++i) {
    const DialogRow& row = dialog_rows()[i];
    EXPECT_EQ(static_cast<size_t>(row.id), i);
    EXPECT_TRUE(names.insert(row.name).second) << row.name;
    EXPECT_EQ(dialog_id(row.name), row.id);
    EXPECT_EQ(to_string(row.id), row.name);
    EXPECT_NE(row.default_port, 0);
    DialogSpec spec{row.id, ""};
    auto dialog = row.make(DialogContext{"example.com", row.default_port, spec});
    ASSERT_TRUE(dialog);
    EXPECT_EQ(dialog->state(), DialogState::need_more);
    EXPECT_FALSE(dialog->waiting_for().empty());
  }
}

const std::string kProxyThenSmtp =
    "HTTP/1.1 200 OK\r\n\r\n220 mx\r\n250-mx\r\n250 STARTTLS\r\n220 go\r\n";

std::unique_ptr<Dialog> proxy_then_smtp() {
  Target t;
  t.host = "mx.example.com";
  t.port = 25;
  t.route.via = Endpoint{"proxy", 3128};
  t.route.dialogs = {{DialogId::http_connect, ""}, {DialogId::smtp_starttls, ""}};
  return make_route_dialog(t);
}

TEST(DialogChain, ProxyTunnelOpensOnTheSmtpGreetingInTheSameRead) {
  for (size_t chunk : {0, 1, 5}) {
    auto chain = proxy_then_smtp();
    std::string sent = play(*chain, kProxyThenSmtp, chunk);
    EXPECT_EQ(chain->state(), DialogState::ready) << chunk << chain->error().message;
    EXPECT_EQ(sent,
              "CONNECT mx.example.com:25 HTTP/1.1\r\nHost: mx.example.com:25\r\n"
              "User-Agent: tlsdoctor\r\n\r\nEHLO tlsdoctor.invalid\r\nSTARTTLS\r\n");
  }
}

TEST(DialogChain, EveryTruncatedPrefixNeedsMoreBytes) {
  for (size_t n = 0; n < kProxyThenSmtp.size(); ++n) {
    auto chain = proxy_then_smtp();
    play(*chain, std::string_view(kProxyThenSmtp).substr(0, n));
    EXPECT_EQ(chain->state(), DialogState::need_more) << n;
  }
}

TEST(DialogChain, TheFailingDialogNamesItself) {
  auto chain = proxy_then_smtp();
  play(*chain, "HTTP/1.1 200 OK\r\n\r\n421 too busy\r\n");
  ASSERT_EQ(chain->state(), DialogState::failed);
  EXPECT_EQ(chain->error().code.name(), "smtp_refused");
  EXPECT_EQ(chain->peer(), "SMTP server");
}

TEST(DialogChain, EmptyRouteHasNoDialog) {
  Target t;
  t.host = "example.com";
  EXPECT_EQ(make_route_dialog(t), nullptr);
  EXPECT_TRUE(t.route.empty());
  EXPECT_EQ(first_hop(t).host, "example.com");
  t.connect_ip = "192.0.2.1";
  EXPECT_EQ(first_hop(t).host, "192.0.2.1");
  t.route.via = Endpoint{"proxy", 3128};
  EXPECT_EQ(first_hop(t).port, 3128);
}

}  // namespace
}  // namespace tlsd::probe

namespace tlsd::probe {
namespace {

TEST(DialogError, DialogCodesAreTheWayToTlsFailing) {
  EXPECT_TRUE(is_dialog_error(Error::protocol(ProtocolCode::postgres_ssl_off, "N")));
  EXPECT_TRUE(is_dialog_error(Error::protocol(ProtocolCode::dialog_extra_bytes, "x")));
  EXPECT_TRUE(is_dialog_error(Error::protocol(ProtocolCode::xmpp_refused, "x")));
  EXPECT_FALSE(is_dialog_error(Error::protocol(ProtocolCode::not_tls, "x")));
  EXPECT_FALSE(is_dialog_error(Error::protocol(ProtocolCode::unoffered_suite, "x")));
  EXPECT_FALSE(is_dialog_error(Error::transport(TransportCode::timeout, "x")));
}

}  // namespace
}  // namespace tlsd::probe
