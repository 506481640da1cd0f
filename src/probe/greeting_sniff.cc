#include "probe/greeting_sniff.h"

#include <string_view>

#include "probe/dialog.h"

namespace tlsd::probe {
namespace {

struct Greeting {
  std::string_view prefix;
  std::string_view protocol;
  std::string_view use;
};

// The first bytes each protocol's server sends on connect: RFC 5321 §4.2
// (220), RFC 959 §4.2 (220), RFC 9051 §7.1 (* OK), RFC 1939 §4 (+OK).
constexpr Greeting kGreetings[] = {
    {"* OK", "IMAP", "imap:// (or imaps:// on 993)"},
    {"* PREAUTH", "IMAP", "imap://"},
    {"+OK", "POP3", "pop3:// (or pop3s:// on 995)"},
    {"HTTP/", "plain HTTP", "an HTTPS port; http:// has no TLS to examine"},
    {"<?xml", "XMPP", "xmpp:// or xmpp-server://"},
    {"<stream:", "XMPP", "xmpp:// or xmpp-server://"},
};

bool contains(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

}  // namespace

std::optional<std::string> plaintext_greeting_message(ByteView raw) {
  if (raw.empty()) return std::nullopt;
  std::string_view text(reinterpret_cast<const char*>(raw.data()),
                        std::min<size_t>(raw.size(), 512));
  std::string_view line = text.substr(0, text.find('\n'));
  auto message = [&](std::string_view protocol, std::string_view use) {
    return "the server greeted in " + std::string(protocol) + " instead of TLS ('" +
           server_words(line, 120) + "'): it speaks " + std::string(protocol) +
           " before TLS on this port; use " + std::string(use);
  };
  for (const Greeting& g : kGreetings)
    if (text.starts_with(g.prefix)) return message(g.protocol, g.use);
  if (text.starts_with("220")) {
    bool ftp = contains(line, "FTP") && !contains(line, "SMTP");
    return ftp ? message("FTP", "ftp:// (or ftps:// on 990)")
               : message("SMTP", "smtp:// (STARTTLS; or smtps:// on 465)");
  }
  // MySQL's handshake packet: 3-byte length, sequence 0, protocol version 10.
  if (raw.size() > 5 && raw[3] == 0 && raw[4] == 10 && raw[2] == 0)
    return "the server sent a MySQL handshake instead of TLS: it is a MySQL/MariaDB port; use "
           "mysql://";
  return std::nullopt;
}

}  // namespace tlsd::probe
