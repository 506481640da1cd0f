// Where to connect and what to call the server: HOST[:PORT] plus --ip and
// --sni overrides. IPv6 literals are written [::1]:443.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "probe/route.h"

namespace tlsd::probe {

struct Target {
  std::string host;  // as the user wrote it: name or address literal
  uint16_t port = 443;
  std::string connect_ip;  // --ip: connect here instead of resolving host
  std::string sni;         // server_name to send; empty = none
  Route route;             // proxy and dialogs before TLS; empty = TCP straight to TLS

  std::string display() const;  // "host:port" ("[::1]:443" for IPv6)
};

// Parses "example.com", "example.com:8443", "127.0.0.1:4433", "[::1]:443", "::1".
// SNI defaults to the host when it is a name (RFC 6066 §3: never an address).
// Where TCP goes: the route's proxy, else --ip, else the host; at the
// proxy's port or the target's.
Endpoint first_hop(const Target& target);

Result<Target> parse_target(std::string_view text, uint16_t default_port = 443);
bool is_ip_literal(std::string_view host);

}  // namespace tlsd::probe
