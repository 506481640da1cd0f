#include "probe/mysql_ssl_dialog.h"

#include <gtest/gtest.h>

#include "probe/dialog_negatives.h"

namespace tlsd::probe {
namespace {

std::string le(uint32_t v, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
  return out;
}

std::string packet(const std::string& payload, uint8_t sequence = 0) {
  return le(static_cast<uint32_t>(payload.size()), 3) + static_cast<char>(sequence) + payload;
}

// Handshake v10 as MySQL 8 and MariaDB 10.11 send it.
std::string handshake(const std::string& version, uint32_t caps) {
  std::string p = "\x0a" + version + std::string(1, '\0');
  p += le(42, 4) + "abcdefgh" + std::string(1, '\0') + le(caps & 0xffff, 2);
  p += "\x21" + le(2, 2) + le(caps >> 16, 2) + "\x15" + std::string(10, '\0');
  p += "ijklmnopqrst" + std::string(1, '\0') + "mysql_native_password" + std::string(1, '\0');
  return packet(p);
}

constexpr uint32_t kCaps = 0xc7fffeff;  // MariaDB 10.11's, CLIENT_SSL (0x800) among them
const std::string kMariadb = handshake("5.5.5-10.11.6-MariaDB-0+deb12u1", kCaps);

std::string ssl_request() {
  return std::string("\x20\x00\x00\x01", 4) + le(0x88a01, 4) + le(16 * 1024 * 1024, 4) + "\x21" +
         std::string(23, '\0');
}

DialogFactory mysql() {
  return [] { return std::make_unique<MysqlSslDialog>(); };
}

TEST(MysqlSsl, HandshakeWithClientSslGetsTheSslRequest) {
  expect_ready_in_any_split(mysql(), kMariadb, ssl_request());
  MysqlSslDialog d;
  play(d, kMariadb);
  EXPECT_EQ(d.server_version(), "5.5.5-10.11.6-MariaDB-0+deb12u1");
}

TEST(MysqlSsl, ShortHandshakeWithOnlyTheLowCapabilities) {
  std::string p =
      "\x0a"
      "5.0.96" +
      std::string(1, '\0') + le(1, 4) + "abcdefgh" + std::string(1, '\0') + le(0xaa0c, 2);
  MysqlSslDialog d;
  EXPECT_EQ(play(d, packet(p)), ssl_request());
  EXPECT_EQ(d.state(), DialogState::ready);
}

TEST(MysqlSsl, EveryTruncatedPrefixNeedsMoreBytes) {
  expect_every_prefix_needs_more(mysql(), kMariadb);
}

TEST(MysqlSsl, NoClientSslIsNamedWithTheVersion) {
  MysqlSslDialog d;
  EXPECT_EQ(play(d, handshake("5.7.44", kCaps & ~0x800u)), "");
  expect_failure(d, "mysql_no_ssl",
                 "the MySQL server '5.7.44' does not offer TLS: CLIENT_SSL is not among its "
                 "capabilities");
}

TEST(MysqlSsl, OldProtocols) {
  {
    MysqlSslDialog d;
    play(d, packet("\x09"
                   "3.21.33" +
                   std::string(1, '\0') + "abcdefgh" + std::string(1, '\0')));
    expect_failure(d, "mysql_no_ssl", "'3.21.33' speaks protocol 9");
  }
  {
    MysqlSslDialog d;
    play(d, handshake("4.0.27", 0x82c));  // SSL, not PROTOCOL_41
    expect_failure(d, "mysql_no_ssl", "predates protocol 4.1");
  }
}

TEST(MysqlSsl, ErrPacketCarriesTheServersWords) {
  {
    MysqlSslDialog d;
    play(d, packet("\xff" + le(1130, 2) +
                   "Host '10.1.2.3' is not allowed to connect to this MariaDB server"));
    expect_failure(d, "mysql_refused",
                   "'1130 Host '10.1.2.3' is not allowed to connect to this MariaDB server'");
  }
  {
    MysqlSslDialog d;
    play(d, packet("\xff" + le(1040, 2) + "#08004Too many connections"));
    expect_failure(d, "mysql_refused", "'1040 Too many connections'");
  }
  {
    MysqlSslDialog d;
    play(d, packet("\xff\x01"));
    expect_failure(d, "not_mysql", "ERR packet cut short");
  }
}

TEST(MysqlSsl, GarbageIsNotMysql) {
  for (std::string server :
       std::vector<std::string>{"220 mail ESMTP\r\n", "* OK IMAP\r\n", "SSH-2.0-OpenSSH_9.2\r\n",
                                std::string("\x16\x03\x01\x00\x05\x00\x00\x00\x00\x00", 10),
                                packet("\x0a"
                                       "no terminator"),
                                packet("\x0b"
                                       "8.0" +
                                       std::string(1, '\0')),
                                packet("\x0a"
                                       "8.0" +
                                       std::string(1, '\0') + "short"),
                                packet("x", 3), std::string(4, '\0')}) {
    MysqlSslDialog d;
    play(d, server);
    ASSERT_EQ(d.state(), DialogState::failed) << server;
    EXPECT_EQ(d.error().code.name(), "not_mysql") << server;
    expect_printable(d.error());
  }
}

TEST(MysqlSsl, OverLongPacketEnds) {
  MysqlSslDialog d;  // a 1 MiB handshake is refused on its header, without waiting for it
  play(d, le(1 << 20, 3) + std::string(1, '\0') + "\x0a");
  expect_failure(d, "not_mysql", "not a MySQL server");
}

TEST(MysqlSsl, VersionIsDisplaySafe) {
  MysqlSslDialog d;
  play(d, handshake("8.0\x1b[31m\x07", kCaps & ~0x800u));
  expect_failure(d, "mysql_no_ssl", "'8.0\\x1b[31m\\x07'");
  EXPECT_EQ(d.server_version(), "8.0\\x1b[31m\\x07");
}

TEST(MysqlSsl, BytesAfterTheHandshakeAreAnError) {
  expect_extra_bytes_refused(mysql(), kMariadb, "MySQL server");
}

TEST(MysqlSsl, RowInTheRegistry) {
  const DialogRow& row = dialog_row(DialogId::mysql_ssl);
  EXPECT_EQ(row.name, "mysql_ssl");
  EXPECT_EQ(row.default_port, 3306);
  DialogSpec spec{DialogId::mysql_ssl, ""};
  EXPECT_EQ(row.make(DialogContext{"db.example.com", 3306, spec})->waiting_for(),
            "the MySQL server's handshake");
}

}  // namespace
}  // namespace tlsd::probe
