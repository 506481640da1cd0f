#include "probe/target.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace tlsd::probe {

bool is_ip_literal(std::string_view host) {
  std::string h(host);
  unsigned char buf[16];
  return inet_pton(AF_INET, h.c_str(), buf) == 1 || inet_pton(AF_INET6, h.c_str(), buf) == 1;
}

std::string Target::display() const {
  bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Endpoint first_hop(const Target& t) {
  if (t.route.via) return *t.route.via;
  return Endpoint{t.connect_ip.empty() ? t.host : t.connect_ip, t.port};
}

Result<Target> parse_target(std::string_view text, uint16_t default_port) {
  Target t;
  t.port = default_port;
  std::string_view port_text;
  if (text.starts_with("[")) {  // [v6]:port
    size_t close = text.find(']');
    if (close == std::string_view::npos) return Error::usage("unclosed '[' in target");
    t.host = std::string(text.substr(1, close - 1));
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (!rest.starts_with(":")) return Error::usage("expected ':PORT' after ']'");
      port_text = rest.substr(1);
    }
  } else if (std::count(text.begin(), text.end(), ':') > 1) {  // bare IPv6
    t.host = std::string(text);
  } else if (size_t colon = text.rfind(':'); colon != std::string_view::npos) {
    t.host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
  } else {
    t.host = std::string(text);
  }
  if (t.host.empty()) return Error::usage("empty host in target '" + std::string(text) + "'");
  if (t.host.size() > 253) return Error::usage("host name longer than 253 characters");
  if (!port_text.empty() || text.ends_with(":")) {
    unsigned port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
        port > 65535)
      return Error::usage("bad port '" + std::string(port_text) + "'");
    t.port = static_cast<uint16_t>(port);
  }
  if (!is_ip_literal(t.host)) t.sni = t.host;
  return t;
}

}  // namespace tlsd::probe
