#include "probe/xmpp_starttls_dialog.h"

#include <gtest/gtest.h>

#include "probe/dialog_negatives.h"
#include "probe/target.h"

namespace tlsd::probe {
namespace {

const std::string kHeader =
    "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
    "xmlns:stream='http://etherx.jabber.org/streams' id='abc' from='example.com' "
    "version='1.0' xml:lang='en'>";
const std::string kFeatures =
    "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
    "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
    "</mechanisms></stream:features>";
const std::string kProceed = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
const std::string kOpen =
    "<?xml version='1.0'?><stream:stream to='example.com' version='1.0' xmlns='jabber:client' "
    "xmlns:stream='http://etherx.jabber.org/streams'>";
const std::string kStarttls = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

DialogFactory xmpp() {
  return [] {
    return std::make_unique<XmppStarttlsDialog>(XmppStarttlsDialog::Kind::client, "example.com");
  };
}

TEST(XmppStarttls, CompleteExchange) {
  expect_ready_in_any_split(xmpp(), kHeader + kFeatures + kProceed, kOpen + kStarttls);
}

TEST(XmppStarttls, WhitespaceQuotesAndAnEndTaggedProceed) {
  XmppStarttlsDialog d(XmppStarttlsDialog::Kind::client, "example.com");
  play(d, "\n " + kHeader + "\n <stream:features a=\"x>y\">\n  <starttls xmlns=\"" +
              "urn:ietf:params:xml:ns:xmpp-tls\"/>\n </stream:features>\n" +
              "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'></proceed>");
  EXPECT_EQ(d.state(), DialogState::ready) << d.error().message;
}

TEST(XmppStarttls, ServerToServerStreamAndEscapedDomain) {
  XmppStarttlsDialog d(XmppStarttlsDialog::Kind::server, "a'<b");
  std::string sent = play(d, "");
  EXPECT_NE(sent.find("to='a&apos;&lt;b'"), std::string::npos) << sent;
  EXPECT_NE(sent.find("xmlns='jabber:server'"), std::string::npos);
}

TEST(XmppStarttls, DomainIsTheNameNeverTheIp) {
  Target t;
  t.host = "chat.example.org";
  t.port = 5222;
  t.connect_ip = "192.0.2.7";
  t.route.dialogs = {{DialogId::xmpp_client, ""}};
  auto d = make_route_dialog(t);
  Bytes out = d->take_output();
  EXPECT_NE(std::string(out.begin(), out.end()).find("to='chat.example.org'"), std::string::npos);
}

TEST(XmppStarttls, EveryTruncatedPrefixNeedsMoreBytes) {
  expect_every_prefix_needs_more(xmpp(), kHeader + kFeatures + kProceed);
}

TEST(XmppStarttls, NoStarttlsInFeatures) {
  XmppStarttlsDialog d(XmppStarttlsDialog::Kind::client, "example.com");
  EXPECT_EQ(
      play(d, kHeader + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                        "<mechanism>starttls</mechanism></mechanisms><bind/></stream:features>"),
      kOpen);
  expect_failure(d, "starttls_unsupported",
                 "the XMPP server's stream features have no STARTTLS: 'mechanisms, bind'");
}

TEST(XmppStarttls, RefusalsCarryTheServersWords) {
  {
    XmppStarttlsDialog d(XmppStarttlsDialog::Kind::client, "example.com");
    play(d, kHeader + kFeatures + "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    expect_failure(d, "starttls_refused", "the XMPP server refused STARTTLS: '<failure");
  }
  {
    XmppStarttlsDialog d(XmppStarttlsDialog::Kind::client, "example.com");
    play(d, kHeader +
                "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>This server does not serve "
                "example.com</text></stream:error></stream:stream>");
    expect_failure(d, "xmpp_refused",
                   "sent a stream error: host-unknown 'This server does not serve example.com'");
  }
  {
    XmppStarttlsDialog d(XmppStarttlsDialog::Kind::client, "example.com");
    play(d, kHeader + "</stream:stream>");
    expect_failure(d, "xmpp_refused",
                   "closed the XMPP stream while we waited for the XMPP "
                   "stream features");
  }
}

TEST(XmppStarttls, GarbageIsNotXmpp) {
  for (std::string server : std::vector<std::string>{
           "220 smtp\r\n<", "<html><body>", "<?xml version='1.0'?><stream:stream>",
           kHeader + "<!-- hi -->", kHeader + "<?pi?>", kHeader + kFeatures + "<message/>",
           kHeader + "< >", std::string("\x16\x03\x01\x00\x05<", 6)}) {
    XmppStarttlsDialog d(XmppStarttlsDialog::Kind::client, "example.com");
    play(d, server);
    ASSERT_EQ(d.state(), DialogState::failed) << server;
    EXPECT_EQ(d.error().code.name(), "not_xmpp") << d.error().message;
    expect_printable(d.error());
  }
}

TEST(XmppStarttls, OverLongTagAndTextEnd) {
  for (std::string server : {kHeader + "<stream:features " + std::string(1 << 20, 'a'),
                             kHeader + "<stream:features><x>" + std::string(1 << 20, 'a')}) {
    XmppStarttlsDialog d(XmppStarttlsDialog::Kind::client, "example.com");
    play(d, server, 4096);
    ASSERT_EQ(d.state(), DialogState::failed);
    EXPECT_EQ(d.error().code.name(), "dialog_line_too_long") << d.error().message;
    EXPECT_LT(d.error().message.size(), 300u);
  }
}

TEST(XmppStarttls, EndlessFeaturesEnd) {
  XmppStarttlsDialog d(XmppStarttlsDialog::Kind::client, "example.com");
  std::string endless = kHeader + "<stream:features>";
  for (int i = 0; i < 10000; ++i) endless += "<feature-x/>";
  play(d, endless, 512);
  expect_failure(d, "dialog_too_long", "XMPP server sent more than 65536 bytes");
}

TEST(XmppStarttls, BytesAfterProceedAreAnError) {
  expect_extra_bytes_refused(xmpp(), kHeader + kFeatures + kProceed, "XMPP server");
}

TEST(XmppStarttls, RowsInTheRegistry) {
  EXPECT_EQ(dialog_row(DialogId::xmpp_client).name, "xmpp_client");
  EXPECT_EQ(dialog_row(DialogId::xmpp_client).default_port, 5222);
  EXPECT_EQ(dialog_row(DialogId::xmpp_server).name, "xmpp_server");
  EXPECT_EQ(dialog_row(DialogId::xmpp_server).default_port, 5269);
  DialogSpec spec{DialogId::xmpp_server, ""};
  auto d = dialog_row(DialogId::xmpp_server).make(DialogContext{"x", 5269, spec, "example.net"});
  EXPECT_EQ(d->waiting_for(), "the XMPP stream header");
  EXPECT_EQ(d->peer(), "XMPP server (server-to-server)");
}

}  // namespace
}  // namespace tlsd::probe
