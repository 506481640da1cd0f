#include "probe/mysql_ssl_dialog.h"

namespace tlsd::probe {
namespace {

// Capability flags (MySQL's include/mysql_com.h, the same in MariaDB).
constexpr uint32_t kLongPassword = 0x1;
constexpr uint32_t kProtocol41 = 0x200;
constexpr uint32_t kSsl = 0x800;
constexpr uint32_t kSecureConnection = 0x8000;
constexpr uint32_t kPluginAuth = 0x80000;
// What we say we speak: 4.1 packets and TLS; the rest is what every modern
// client sends, so the server takes us for an ordinary one.
constexpr uint32_t kOurCapabilities =
    kLongPassword | kProtocol41 | kSsl | kSecureConnection | kPluginAuth;
constexpr uint32_t kMaxPacket = 16 * 1024 * 1024;
constexpr uint8_t kUtf8GeneralCi = 33;

uint32_t le(std::string_view b, size_t n) {
  uint32_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(b[i])) << (8 * i);
  return v;
}

void put_le(std::string& out, uint32_t v, size_t n) {
  for (size_t i = 0; i < n; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

std::string ssl_request() {
  std::string payload;
  put_le(payload, kOurCapabilities, 4);
  put_le(payload, kMaxPacket, 4);
  payload += static_cast<char>(kUtf8GeneralCi);
  payload.append(23, '\0');
  std::string packet;
  put_le(packet, static_cast<uint32_t>(payload.size()), 3);
  packet += '\x01';  // sequence id: the answer to the server's packet 0
  return packet + payload;
}

}  // namespace

MysqlSslDialog::MysqlSslDialog(DialogLimits limits) : MessageDialog("MySQL server", limits) {}

std::string MysqlSslDialog::waiting_for() const { return "the MySQL server's handshake"; }

size_t MysqlSslDialog::on_bytes(std::string_view buffered) {
  if (buffered.size() < 4) return 0;
  uint32_t length = le(buffered, 3);
  uint8_t sequence = static_cast<uint8_t>(buffered[3]);
  if (length == 0 || length > limits().max_line || sequence != 0) {
    fail(Error::protocol(ProtocolCode::not_mysql, "not a MySQL server: its first bytes were '" +
                                                      server_words(buffered, 64) + "'"));
    return buffered.size();
  }
  if (buffered.size() < 4 + length) return 0;
  std::string_view payload = buffered.substr(4, length);
  if (static_cast<uint8_t>(payload[0]) == 0xff) {
    on_err(payload);
  } else {
    on_handshake(payload);
  }
  return 4 + length;
}

// Handshake v10: version 10, server_version (NUL-terminated), connection
// id (4), auth data (8), filler (1), capability flags low (2), then
// optionally charset (1), status (2), capability flags high (2), ...
void MysqlSslDialog::on_handshake(std::string_view payload) {
  uint8_t version = static_cast<uint8_t>(payload[0]);
  size_t end = payload.find('\0', 1);
  if ((version != 10 && version != 9) || end == std::string_view::npos)
    return fail(Error::protocol(ProtocolCode::not_mysql,
                                "not a MySQL handshake: '" + server_words(payload, 64) + "'"));
  server_version_ = server_words(payload.substr(1, end - 1), 100);
  std::string who = "the MySQL server '" + server_version_ + "'";
  if (version == 9)  // MySQL before 3.22: no capabilities, no TLS
    return fail(
        Error::protocol(ProtocolCode::mysql_no_ssl, who + " speaks protocol 9, which has no TLS"));
  size_t caps_at = end + 1 + 4 + 8 + 1;
  if (payload.size() < caps_at + 2)
    return fail(Error::protocol(ProtocolCode::not_mysql, "a MySQL handshake cut short: '" +
                                                             server_words(payload, 64) + "'"));
  uint32_t caps = le(payload.substr(caps_at), 2);
  if (payload.size() >= caps_at + 2 + 1 + 2 + 2) caps |= le(payload.substr(caps_at + 5), 2) << 16;
  if (!(caps & kSsl))
    return fail(Error::protocol(ProtocolCode::mysql_no_ssl,
                                who + " does not offer TLS: CLIENT_SSL is not among its "
                                      "capabilities (have_ssl is DISABLED: no certificate "
                                      "configured, or TLS turned off)"));
  if (!(caps & kProtocol41))
    return fail(Error::protocol(ProtocolCode::mysql_no_ssl,
                                who + " predates protocol 4.1, whose SSLRequest we speak"));
  send(ssl_request());
  succeed();
}

// ERR packet: 0xff, error code (2), then "#" and a 5-character SQL state
// in the 4.1 protocol (not always before the handshake), then the message.
void MysqlSslDialog::on_err(std::string_view payload) {
  if (payload.size() < 3)
    return fail(Error::protocol(ProtocolCode::not_mysql, "a MySQL ERR packet cut short: '" +
                                                             server_words(payload, 64) + "'"));
  uint32_t code = le(payload.substr(1), 2);
  std::string_view message = payload.substr(3);
  if (message.size() >= 6 && message[0] == '#') message.remove_prefix(6);
  fail(Error::protocol(ProtocolCode::mysql_refused, "the MySQL server refused the connection: '" +
                                                        std::to_string(code) + " " +
                                                        server_words(message, 300) + "'"));
}

std::unique_ptr<Dialog> make_mysql_ssl(const DialogContext&) {
  return std::make_unique<MysqlSslDialog>();
}

}  // namespace tlsd::probe
