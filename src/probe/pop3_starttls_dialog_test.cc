#include "probe/pop3_starttls_dialog.h"

#include <gtest/gtest.h>

#include "probe/dialog_negatives.h"

namespace tlsd::probe {
namespace {

const std::string kGreeting = "+OK Dovecot (Debian) ready.\r\n";
const std::string kCapa =
    "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nstls\r\n"
    "SASL PLAIN\r\n.\r\n";
const std::string kStlsOk = "+OK Begin TLS negotiation now.\r\n";

DialogFactory pop3() {
  return [] { return std::make_unique<Pop3StarttlsDialog>(); };
}

TEST(Pop3Starttls, CompleteExchange) {
  expect_ready_in_any_split(pop3(), kGreeting + kCapa + kStlsOk, "CAPA\r\nSTLS\r\n");
}

TEST(Pop3Starttls, ServerWithoutCapaIsStillAskedStls) {
  expect_ready_in_any_split(pop3(), kGreeting + "-ERR unknown command\r\n" + kStlsOk,
                            "CAPA\r\nSTLS\r\n");
}

TEST(Pop3Starttls, ByteStuffedLinesAndBareLineFeeds) {
  Pop3StarttlsDialog d;
  play(d, "+OK\n+OK\n...\n..\nSTLS\n.\n+OK\n");  // "..." is "..", not the end (RFC 1939 §3)
  EXPECT_EQ(d.state(), DialogState::ready) << d.error().message;
}

TEST(Pop3Starttls, EveryTruncatedPrefixNeedsMoreBytes) {
  expect_every_prefix_needs_more(pop3(), kGreeting + kCapa + kStlsOk);
}

TEST(Pop3Starttls, NoStlsInCapa) {
  Pop3StarttlsDialog d;
  std::string sent = play(d, kGreeting + "+OK\r\nTOP\r\nSTLSX\r\nUSER\r\n.\r\n");
  EXPECT_EQ(sent, "CAPA\r\n");
  expect_failure(d, "starttls_unsupported",
                 "the POP3 server's CAPA has no STLS: 'TOP / STLSX / USER'");
}

TEST(Pop3Starttls, RefusalsCarryTheServersWords) {
  {
    Pop3StarttlsDialog d;
    play(d, kGreeting + kCapa + "-ERR [SYS/TEMP] TLS support isn't enabled.\r\n");
    expect_failure(d, "starttls_refused", "TLS support isn't enabled");
  }
  {
    Pop3StarttlsDialog d;
    play(d, "-ERR [SYS/TEMP] too many connections\r\n");
    expect_failure(d, "pop3_refused", "too many connections");
  }
}

TEST(Pop3Starttls, NonPop3Banners) {
  for (std::string banner : std::vector<std::string>{
           "220 mail.example.com ESMTP\r\n", "* OK IMAP4rev1\r\n", "+OKAY\r\n",
           "+ok lower case\r\n", std::string("\x16\x03\x01\x00\x05\x00\n", 7)}) {
    Pop3StarttlsDialog d;
    play(d, banner);
    expect_failure(d, "not_pop3", "not a POP3 server");
  }
  Pop3StarttlsDialog d;
  play(d, kGreeting + kCapa + "220 what\r\n");
  expect_failure(d, "not_pop3", "malformed reply: '220 what'");
}

TEST(Pop3Starttls, EndlessCapaEnds) {
  Pop3StarttlsDialog d;
  std::string endless = kGreeting + "+OK\r\n";
  for (int i = 0; i < 10000; ++i) endless += "X-CAPABILITY\r\n";
  play(d, endless, 512);
  expect_failure(d, "dialog_too_many_lines", "POP3 server sent more than 256 lines");
}

TEST(Pop3Starttls, OverLongLineEnds) {
  Pop3StarttlsDialog d;
  play(d, "+OK " + std::string(1 << 20, 'a'), 4096);
  expect_failure(d, "dialog_line_too_long", "longer than 4096 bytes");
}

TEST(Pop3Starttls, PipelinedBytesAfterReadyAreAnError) {
  expect_extra_bytes_refused(pop3(), kGreeting + kCapa + kStlsOk, "POP3 server");
}

TEST(Pop3Starttls, RowInTheRegistry) {
  const DialogRow& row = dialog_row(DialogId::pop3_starttls);
  EXPECT_EQ(row.name, "pop3_starttls");
  EXPECT_EQ(row.default_port, 110);
  DialogSpec spec{DialogId::pop3_starttls, ""};
  EXPECT_EQ(row.make(DialogContext{"mail.example.com", 110, spec})->waiting_for(),
            "the POP3 greeting");
}

}  // namespace
}  // namespace tlsd::probe
