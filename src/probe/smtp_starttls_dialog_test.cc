#include "probe/smtp_starttls_dialog.h"

#include <gtest/gtest.h>

#include "probe/dialog_chain.h"
#include "probe/dialog_test_util.h"

namespace tlsd::probe {
namespace {

const std::string kGreeting = "220-mail.example.com ESMTP\r\n220 no UCE\r\n";
const std::string kEhloReply =
    "250-mail.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-starttls\r\n"
    "250 8BITMIME\r\n";
const std::string kStarttlsReply = "220 2.0.0 Ready to start TLS\r\n";
const std::string kServer = kGreeting + kEhloReply + kStarttlsReply;

TEST(SmtpStarttls, CompleteExchange) {
  SmtpStarttlsDialog d;
  EXPECT_EQ(play(d, kServer), "EHLO tlsdoctor.invalid\r\nSTARTTLS\r\n");
  EXPECT_EQ(d.state(), DialogState::ready);
}

TEST(SmtpStarttls, AnySplitOfTheServerBytes) {
  for (size_t chunk : {1, 2, 3, 7, 64}) {
    SmtpStarttlsDialog d;
    EXPECT_EQ(play(d, kServer, chunk), "EHLO tlsdoctor.invalid\r\nSTARTTLS\r\n") << chunk;
    EXPECT_EQ(d.state(), DialogState::ready) << chunk;
  }
}

TEST(SmtpStarttls, EveryTruncatedPrefixNeedsMoreBytes) {
  for (size_t n = 0; n < kServer.size(); ++n) {
    SmtpStarttlsDialog d;
    play(d, std::string_view(kServer).substr(0, n));
    EXPECT_EQ(d.state(), DialogState::need_more) << n << ": " << d.error().message;
    d.feed_end();
    EXPECT_EQ(d.state(), DialogState::failed);
    EXPECT_EQ(d.error().code.name(), "closed");
  }
}

TEST(SmtpStarttls, BareLineFeedsAndCodeOnlyLinesAreAccepted) {
  SmtpStarttlsDialog d;
  play(d, "220\n250-x\n250 STARTTLS\n220\n");
  EXPECT_EQ(d.state(), DialogState::ready);
}

TEST(SmtpStarttls, NoStarttlsInEhloReply) {
  SmtpStarttlsDialog d;
  std::string sent = play(d, kGreeting + "250-mail.example.com\r\n250-STARTTLSX\r\n250 SIZE\r\n");
  EXPECT_EQ(sent, "EHLO tlsdoctor.invalid\r\n");  // STARTTLS is never sent
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "starttls_unsupported");
  EXPECT_NE(d.error().message.find("the SMTP server's EHLO reply has no STARTTLS"),
            std::string::npos);
  EXPECT_NE(d.error().message.find("250 SIZE"), std::string::npos) << d.error().message;
}

TEST(SmtpStarttls, StarttlsRefusedCarriesTheServersWords) {
  SmtpStarttlsDialog d;
  play(d, kGreeting + kEhloReply + "454 4.7.0 TLS not available due to temporary reason\r\n");
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "starttls_refused");
  EXPECT_NE(d.error().message.find("454 4.7.0 TLS not available"), std::string::npos);
}

TEST(SmtpStarttls, GreetingRefusal5xx) {
  SmtpStarttlsDialog d;
  play(d, "554-mx.example.com\r\n554 no service for you\r\n");
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "smtp_refused");
  EXPECT_NE(d.error().message.find("554 no service for you"), std::string::npos);
}

TEST(SmtpStarttls, EhloRefused) {
  SmtpStarttlsDialog d;
  play(d, kGreeting + "502 5.5.2 Error: command not recognized\r\n");
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "smtp_refused");
}

TEST(SmtpStarttls, NonSmtpBanners) {
  for (std::string banner :
       std::vector<std::string>{"SSH-2.0-OpenSSH_9.2\r\n", "HTTP/1.1 400 Bad Request\r\n",
                                "* OK IMAP4rev1 ready\r\n", "+OK POP3\r\n", "250 hello\r\n",
                                std::string("\x16\x03\x01\x00\x05hello\n", 11), "22O oops\r\n"}) {
    SmtpStarttlsDialog d;
    play(d, banner);
    ASSERT_EQ(d.state(), DialogState::failed) << banner;
    EXPECT_EQ(d.error().code.name(), "not_smtp") << banner;
    for (char c : d.error().message) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << banner;
  }
}

TEST(SmtpStarttls, CodeChangesInsideAMultiLineReply) {
  SmtpStarttlsDialog d;
  play(d, kGreeting + "250-mail\r\n251 STARTTLS\r\n");
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "bad_smtp_reply");
}

TEST(SmtpStarttls, EndlessMultiLineReplyEnds) {
  SmtpStarttlsDialog d;
  std::string endless = kGreeting;
  for (int i = 0; i < 10000; ++i) endless += "250-AUTH PLAIN\r\n";
  play(d, endless, 512);
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "dialog_too_many_lines");
}

TEST(SmtpStarttls, OverLongLineEnds) {
  SmtpStarttlsDialog d;
  std::string line = "220 " + std::string(5000, 'a');  // no line end yet
  play(d, line, 100);
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "dialog_line_too_long");
  EXPECT_LT(d.error().message.size(), 300u);
}

TEST(SmtpStarttls, ManyBytesWithinLimitsStillBounded) {
  SmtpStarttlsDialog d(DialogLimits{.max_line = 4096, .max_total = 1000, .max_lines = 256});
  std::string chatty = kGreeting;
  for (int i = 0; i < 100; ++i) chatty += "250-" + std::string(40, 'x') + "\r\n";
  play(d, chatty);
  ASSERT_EQ(d.state(), DialogState::failed);
  EXPECT_EQ(d.error().code.name(), "dialog_too_long");
}

// RFC 3207 §4 / STARTTLS command injection: plaintext after the 220 to
// STARTTLS must never be taken for the start of TLS. The dialog keeps it
// aside; the chain that ends in TLS refuses it.
TEST(SmtpStarttls, PipelinedBytesAfterReadyAreAnError) {
  {
    SmtpStarttlsDialog d;
    play(d, kServer + "250 injected\r\n");
    ASSERT_EQ(d.state(), DialogState::ready);
    Bytes rest = d.take_unconsumed();
    EXPECT_EQ(std::string(rest.begin(), rest.end()), "250 injected\r\n");
  }
  {
    DialogChain chain(one(std::make_unique<SmtpStarttlsDialog>()));
    play(chain, kServer + "250 injected\r\n");
    ASSERT_EQ(chain.state(), DialogState::failed);
    EXPECT_EQ(chain.error().code.name(), "dialog_extra_bytes");
    EXPECT_NE(chain.error().message.find("SMTP server sent bytes after it was ready for TLS"),
              std::string::npos)
        << chain.error().message;
    EXPECT_NE(chain.error().message.find("250 injected"), std::string::npos);
  }
  {  // the extra bytes arrive in a later read
    DialogChain chain(one(std::make_unique<SmtpStarttlsDialog>()));
    play(chain, kServer);
    ASSERT_EQ(chain.state(), DialogState::ready);
    const uint8_t tls[] = {0x16, 0x03, 0x03};
    chain.feed(tls);
    EXPECT_EQ(chain.state(), DialogState::failed);
  }
}

TEST(SmtpStarttls, RowInTheRegistry) {
  const DialogRow& row = dialog_row(DialogId::smtp_starttls);
  EXPECT_EQ(row.name, "smtp_starttls");
  EXPECT_EQ(row.default_port, 25);
  DialogSpec spec{DialogId::smtp_starttls, ""};
  auto d = row.make(DialogContext{"mail.example.com", 25, spec});
  EXPECT_EQ(d->waiting_for(), "the SMTP greeting");
}

}  // namespace
}  // namespace tlsd::probe
