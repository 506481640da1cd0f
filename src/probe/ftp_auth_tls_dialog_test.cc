#include "probe/ftp_auth_tls_dialog.h"

#include <gtest/gtest.h>

#include "probe/dialog_negatives.h"

namespace tlsd::probe {
namespace {

const std::string kGreeting = "220-Welcome to the lab\r\n free text here\r\n220 (vsFTPd 3.0.3)\r\n";
const std::string kAuthOk = "234 Proceed with negotiation.\r\n";

DialogFactory ftp() {
  return [] { return std::make_unique<FtpAuthTlsDialog>(); };
}

TEST(FtpAuthTls, CompleteExchange) {
  expect_ready_in_any_split(ftp(), kGreeting + kAuthOk, "AUTH TLS\r\n");
  expect_ready_in_any_split(ftp(), "220\n234\n", "AUTH TLS\r\n");
}

TEST(FtpAuthTls, WaitRepliesBeforeTheGreeting) {
  expect_ready_in_any_split(ftp(), "120 ready in 1 minute\r\n" + kGreeting + kAuthOk,
                            "AUTH TLS\r\n");
}

TEST(FtpAuthTls, MultiLineReplyEndsOnlyOnItsOwnCode) {
  FtpAuthTlsDialog d;
  EXPECT_EQ(play(d, "220-a\r\n221 not the end\r\n220-still not\r\n"), "");
  EXPECT_EQ(d.state(), DialogState::need_more);
  EXPECT_EQ(play(d, "220 end\r\n"), "AUTH TLS\r\n");
}

TEST(FtpAuthTls, EveryTruncatedPrefixNeedsMoreBytes) {
  expect_every_prefix_needs_more(ftp(), kGreeting + kAuthOk);
}

TEST(FtpAuthTls, RefusalsCarryTheServersWords) {
  {
    FtpAuthTlsDialog d;
    play(d, kGreeting + "530 Please login with USER and PASS.\r\n");
    expect_failure(d, "starttls_refused", "the FTP server refused AUTH TLS: '530 Please login");
  }
  {
    FtpAuthTlsDialog d;
    play(d, kGreeting + "500 Unknown command.\r\n");
    expect_failure(d, "starttls_unsupported", "does not know AUTH TLS: '500 Unknown command.'");
  }
  {
    FtpAuthTlsDialog d;
    play(d, "421-Too many users\r\n421 try later\r\n");
    expect_failure(d, "ftp_refused", "Too many users / 421 try later");
  }
}

TEST(FtpAuthTls, NonFtpBanners) {
  for (std::string banner : std::vector<std::string>{
           "* OK IMAP4rev1\r\n", "+OK POP3\r\n", "SSH-2.0-OpenSSH_9.2\r\n", "230 logged in\r\n",
           "220x\r\n", std::string("\x16\x03\x01\x00\x05\x00\n", 7)}) {
    FtpAuthTlsDialog d;
    play(d, banner);
    ASSERT_EQ(d.state(), DialogState::failed) << banner;
    EXPECT_EQ(d.error().code.name(), "not_ftp") << banner;
    expect_printable(d.error());
  }
  FtpAuthTlsDialog d;
  play(d, kGreeting + "hello\r\n");
  expect_failure(d, "not_ftp", "malformed reply: 'hello'");
}

TEST(FtpAuthTls, EndlessBannerEnds) {
  FtpAuthTlsDialog d;
  std::string endless = "220-welcome\r\n";
  for (int i = 0; i < 10000; ++i) endless += "220-and more\r\n";
  play(d, endless, 512);
  expect_failure(d, "dialog_too_many_lines", "FTP server sent more than 256 lines");
}

TEST(FtpAuthTls, OverLongLineEnds) {
  FtpAuthTlsDialog d;
  play(d, "220 " + std::string(1 << 20, 'a'), 4096);
  expect_failure(d, "dialog_line_too_long", "longer than 4096 bytes");
}

TEST(FtpAuthTls, PipelinedBytesAfterReadyAreAnError) {
  expect_extra_bytes_refused(ftp(), kGreeting + kAuthOk, "FTP server");
}

TEST(FtpAuthTls, RowInTheRegistry) {
  const DialogRow& row = dialog_row(DialogId::ftp_auth_tls);
  EXPECT_EQ(row.name, "ftp_auth_tls");
  EXPECT_EQ(row.default_port, 21);
  DialogSpec spec{DialogId::ftp_auth_tls, ""};
  EXPECT_EQ(row.make(DialogContext{"ftp.example.com", 21, spec})->waiting_for(),
            "the FTP greeting");
}

}  // namespace
}  // namespace tlsd::probe
