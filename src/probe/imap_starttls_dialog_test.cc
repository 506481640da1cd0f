#include "probe/imap_starttls_dialog.h"

#include <gtest/gtest.h>

#include "probe/dialog_negatives.h"

namespace tlsd::probe {
namespace {

// Dovecot's greeting carries its capabilities (RFC 3501 §7.1 response code).
const std::string kGreetingWithCaps =
    "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS "
    "AUTH=PLAIN] Dovecot (Debian) ready.\r\n";
const std::string kGreeting = "* OK IMAP4rev1 Service Ready\r\n";
const std::string kCapability =
    "* CAPABILITY IMAP4rev1 starttls LOGINDISABLED\r\na1 OK CAPABILITY completed\r\n";
const std::string kStarttlsOk = "a2 OK Begin TLS negotiation now\r\n";

DialogFactory imap() {
  return [] { return std::make_unique<ImapStarttlsDialog>(); };
}

TEST(ImapStarttls, GreetingWithCapabilitiesGoesStraightToStarttls) {
  expect_ready_in_any_split(imap(), kGreetingWithCaps + kStarttlsOk, "a2 STARTTLS\r\n");
}

TEST(ImapStarttls, AsksCapabilityWhenTheGreetingDoesNotSay) {
  expect_ready_in_any_split(imap(), kGreeting + kCapability + kStarttlsOk,
                            "a1 CAPABILITY\r\na2 STARTTLS\r\n");
}

TEST(ImapStarttls, GreetingCapabilitiesWithoutStarttlsAskAgain) {
  ImapStarttlsDialog d;
  EXPECT_EQ(play(d, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n" + kCapability + kStarttlsOk),
            "a1 CAPABILITY\r\na2 STARTTLS\r\n");
  EXPECT_EQ(d.state(), DialogState::ready);
}

TEST(ImapStarttls, UntaggedLinesBeforeTheTaggedReplyAreRead) {
  ImapStarttlsDialog d;
  play(d, kGreeting + "* OK still here\r\n* CAPABILITY IMAP4rev1\r\n* CAPABILITY STARTTLS\r\n" +
              "a1 OK done\r\n* OK go on\r\n" + kStarttlsOk);
  EXPECT_EQ(d.state(), DialogState::ready) << d.error().message;
}

TEST(ImapStarttls, EveryTruncatedPrefixNeedsMoreBytes) {
  expect_every_prefix_needs_more(imap(), kGreeting + kCapability + kStarttlsOk);
  expect_every_prefix_needs_more(imap(), kGreetingWithCaps + kStarttlsOk);
}

TEST(ImapStarttls, NoStarttlsInCapability) {
  ImapStarttlsDialog d;
  std::string sent =
      play(d, kGreeting + "* CAPABILITY IMAP4rev1 STARTTLSX AUTH=PLAIN\r\na1 OK done\r\n");
  EXPECT_EQ(sent, "a1 CAPABILITY\r\n");  // STARTTLS is never sent
  expect_failure(d, "starttls_unsupported", "the IMAP server's CAPABILITY has no STARTTLS");
  EXPECT_NE(d.error().message.find("STARTTLSX AUTH=PLAIN"), std::string::npos);
}

TEST(ImapStarttls, RefusalsCarryTheServersWords) {
  {
    ImapStarttlsDialog d;
    play(d, kGreetingWithCaps + "a2 BAD TLS support isn't enabled.\r\n");
    expect_failure(d, "starttls_refused", "TLS support isn't enabled");
  }
  {
    ImapStarttlsDialog d;
    play(d, kGreeting + "a1 NO no capabilities for you\r\n");
    expect_failure(d, "imap_refused", "no capabilities for you");
  }
  {
    ImapStarttlsDialog d;
    play(d, "* BYE Too many connections from your IP\r\n");
    expect_failure(d, "imap_refused", "Too many connections");
  }
  {
    ImapStarttlsDialog d;
    play(d, "* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] logged in as you\r\n");
    expect_failure(d, "imap_refused", "PREAUTH");
  }
  {
    ImapStarttlsDialog d;
    play(d, kGreeting + "* BYE shutting down\r\n");
    expect_failure(d, "imap_refused", "shutting down");
  }
}

TEST(ImapStarttls, NonImapBanners) {
  for (std::string banner : std::vector<std::string>{
           "220 mail.example.com ESMTP\r\n", "+OK POP3 ready\r\n", "SSH-2.0-OpenSSH_9.2\r\n",
           "* NO go\r\n", "*OK\r\n", std::string("\x16\x03\x01\x00\x05hello\n", 11)}) {
    ImapStarttlsDialog d;
    play(d, banner);
    expect_failure(d, "not_imap", "not an IMAP server");
  }
}

TEST(ImapStarttls, WrongTagOrContinuationIsGarbage) {
  for (std::string reply : {"a9 OK\r\n", "+ go ahead\r\n", "a1 MAYBE\r\n"}) {
    ImapStarttlsDialog d;
    play(d, kGreeting + reply);
    ASSERT_EQ(d.state(), DialogState::failed) << reply;
    EXPECT_EQ(d.error().code.name(), "not_imap") << reply;
  }
}

TEST(ImapStarttls, EndlessUntaggedRepliesEnd) {
  ImapStarttlsDialog d;
  std::string endless = kGreeting;
  for (int i = 0; i < 10000; ++i) endless += "* OK still thinking\r\n";
  play(d, endless, 512);
  expect_failure(d, "dialog_too_many_lines", "IMAP server sent more than 256 lines");
}

TEST(ImapStarttls, OverLongLineEnds) {
  ImapStarttlsDialog d;
  play(d, "* OK " + std::string(1 << 20, 'a'), 4096);  // 1 MiB, no line end
  expect_failure(d, "dialog_line_too_long", "longer than 4096 bytes");
  EXPECT_LT(d.error().message.size(), 300u);
}

TEST(ImapStarttls, PipelinedBytesAfterReadyAreAnError) {
  expect_extra_bytes_refused(imap(), kGreetingWithCaps + kStarttlsOk, "IMAP server");
}

TEST(ImapStarttls, RowInTheRegistry) {
  const DialogRow& row = dialog_row(DialogId::imap_starttls);
  EXPECT_EQ(row.name, "imap_starttls");
  EXPECT_EQ(row.default_port, 143);
  DialogSpec spec{DialogId::imap_starttls, ""};
  EXPECT_EQ(row.make(DialogContext{"mail.example.com", 143, spec})->waiting_for(),
            "the IMAP greeting");
}

}  // namespace
}  // namespace tlsd::probe
