#include "probe/greeting_sniff.h"

#include <gtest/gtest.h>

namespace tlsd::probe {
namespace {

std::optional<std::string> sniff(std::string_view s) {
  return plaintext_greeting_message(ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size()));
}

TEST(GreetingSniff, NamesTheProtocolAndTheTargetForm) {
  auto smtp = sniff("220 mx.example ESMTP Postfix (Debian/GNU)\r\n");
  ASSERT_TRUE(smtp);
  EXPECT_EQ(*smtp,
            "the server greeted in SMTP instead of TLS ('220 mx.example ESMTP Postfix "
            "(Debian/GNU)\\x0d'): it speaks SMTP before TLS on this port; use smtp:// (STARTTLS; "
            "or smtps:// on 465)");
  EXPECT_NE(sniff("220 (vsFTPd 3.0.3)\r\n")->find("use ftp://"), std::string::npos);
  EXPECT_NE(sniff("* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.\r\n")->find("imap://"),
            std::string::npos);
  EXPECT_NE(sniff("+OK Dovecot ready.\r\n")->find("pop3://"), std::string::npos);
  EXPECT_NE(sniff("HTTP/1.1 400 Bad Request\r\n")->find("plain HTTP"), std::string::npos);
  std::string mysql(
      "\x4a\x00\x00\x00\x0a"
      "5.7.44\x00",
      12);
  EXPECT_NE(sniff(mysql)->find("mysql://"), std::string::npos);
}

TEST(GreetingSniff, LeavesEverythingElseAlone) {
  EXPECT_FALSE(sniff(""));
  EXPECT_FALSE(sniff("SSH-2.0-OpenSSH_9.2\r\n"));
  EXPECT_FALSE(sniff(std::string("\x15\x03\x03\x00\x02\x02\x28", 7)));
  // escapes control bytes, bounded
  auto evil = sniff("220 \x1b[31m" + std::string(5000, 'A'));
  ASSERT_TRUE(evil);
  EXPECT_EQ(evil->find('\x1b'), std::string::npos);
  EXPECT_LT(evil->size(), 400u);
}

}  // namespace
}  // namespace tlsd::probe
