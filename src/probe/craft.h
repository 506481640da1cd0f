// Turns "what to offer" into the exact ClientHello bytes. Defaults offer the
// whole catalog for the chosen version, so one hello learns the server's own
// first choice, not whatever a linked library happened to support.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "probe/offer.h"
#include "wire/client_hello.h"

namespace tlsd::probe {

struct CraftOptions {
  // Exactly this version (0x0002 SSLv2 .. 0x0304); nullopt = TLS 1.0 to 1.3.
  std::optional<uint16_t> version;
  std::optional<std::vector<uint16_t>> suites;      // default: every suite valid there
  std::optional<std::vector<uint32_t>> ssl2_ciphers;  // default: every SSLv2 kind
  std::optional<std::vector<uint16_t>> groups;      // default: every usable group
  std::optional<std::vector<uint16_t>> key_shares;  // default: x25519, secp256r1
  std::optional<std::vector<uint16_t>> sigalgs;     // default: every registered scheme
  std::vector<std::string> alpn;
  std::string sni;
  bool sni_override = false;        // keep `sni` as given, even empty
  Bytes compression_methods{0};     // {1, 0} offers DEFLATE too
  std::vector<uint16_t> extra_extensions;  // appended before padding (heartbeat, ...)
  std::vector<uint16_t> extra_suites;      // appended after the suites (SCSVs)
};

struct CraftedHello {
  Bytes bytes;             // ready to send
  wire::ClientHelloSpec spec;  // what was sent (empty for SSLv2)
  Offer offer;             // what the answer is judged against
};

Result<CraftedHello> craft_hello(const CraftOptions& options);

}  // namespace tlsd::probe
