#include "probe/postgres_sslrequest_dialog.h"

namespace tlsd::probe {
namespace {

// Length 8, then the code 80877103 (1234 << 16 | 5679), big-endian.
constexpr char kSslRequest[] = {0, 0, 0, 8, 0x04, static_cast<char>(0xd2), 0x16, 0x2f};

uint32_t be32(std::string_view b) {
  return static_cast<uint32_t>(static_cast<uint8_t>(b[0])) << 24 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[1])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[2])) << 8 | static_cast<uint8_t>(b[3]);
}

}  // namespace

std::string postgres_error_words(std::string_view fields) {
  std::string severity, code, message;
  size_t at = 0;
  while (at < fields.size() && fields[at] != '\0') {
    char type = fields[at++];
    size_t end = fields.find('\0', at);
    if (end == std::string_view::npos) end = fields.size();
    std::string_view value = fields.substr(at, end - at);
    at = end + 1;
    if (type == 'S' && severity.empty()) severity = server_words(value, 16);
    if (type == 'C') code = server_words(value, 8);
    if (type == 'M') message = server_words(value, 300);
  }
  std::string out = severity;
  if (!code.empty()) out += (out.empty() ? "" : " ") + code;
  if (!message.empty()) out += (out.empty() ? "" : ": ") + message;
  return out;
}

PostgresSslRequestDialog::PostgresSslRequestDialog(DialogLimits limits)
    : MessageDialog("PostgreSQL server", limits) {
  send(std::string_view(kSslRequest, sizeof kSslRequest));
}

std::string PostgresSslRequestDialog::waiting_for() const {
  return "the PostgreSQL server's answer to SSLRequest";
}

size_t PostgresSslRequestDialog::on_bytes(std::string_view buffered) {
  switch (buffered[0]) {
    case 'S':
      succeed();
      return 1;
    case 'N':
      fail(Error::protocol(ProtocolCode::postgres_ssl_off,
                           "PostgreSQL answered 'N' to SSLRequest: ssl = off on the server"));
      return 1;
    case 'E':
      return on_error_response(buffered);
  }
  fail(Error::protocol(
      ProtocolCode::not_postgres,
      "not a PostgreSQL server: it answered SSLRequest with '" + server_words(buffered, 64) + "'"));
  return buffered.size();
}

size_t PostgresSslRequestDialog::on_error_response(std::string_view buffered) {
  auto refused = [&](const std::string& words) {
    fail(Error::protocol(
        ProtocolCode::postgres_refused,
        "the PostgreSQL server answered SSLRequest with an error: '" + words + "'"));
  };
  size_t bound = limits().max_line;
  // Protocol 3: 'E', a length whose first byte is zero for any sane size.
  if (buffered.size() >= 2 && buffered[1] == '\0') {
    if (buffered.size() < 5) return 0;
    uint32_t length = be32(buffered.substr(1, 4));
    if (length < 5 || length > bound) {
      fail(Error::protocol(ProtocolCode::not_postgres,
                           "not a PostgreSQL ErrorResponse: a length of " + std::to_string(length) +
                               " bytes (at most " + std::to_string(bound) + " are read)"));
      return buffered.size();
    }
    if (buffered.size() < 1 + length) return 0;
    refused(postgres_error_words(buffered.substr(5, length - 4)));
    return 1 + length;
  }
  // Protocol 2: 'E' and one C string ("FATAL:  ...\n").
  size_t end = buffered.find('\0', 1);
  if (end == std::string_view::npos) {
    if (buffered.size() > bound) {
      fail(Error::protocol(ProtocolCode::dialog_line_too_long,
                           "the PostgreSQL server sent an error message longer than " +
                               std::to_string(bound) + " bytes: '" +
                               server_words(buffered.substr(1), 64) + "'"));
      return buffered.size();
    }
    return 0;
  }
  std::string_view text = buffered.substr(1, end - 1);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  refused(server_words(text, 300));
  return end + 1;
}

std::unique_ptr<Dialog> make_postgres_sslrequest(const DialogContext&) {
  return std::make_unique<PostgresSslRequestDialog>();
}

}  // namespace tlsd::probe
