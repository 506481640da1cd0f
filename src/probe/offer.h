// What a hello offered, kept to judge the answer: a server that picks
// something we never offered is broken (or not talking to us), and its choice
// must never be recorded as "supported".
#pragma once

#include <cstdint>
#include <vector>

#include "base/bytes.h"

namespace tlsd::probe {

struct Offer {
  Bytes client_random;             // signs into the ServerKeyExchange
  Bytes session_id;                // legacy_session_id: a TLS 1.3 server echoes it
  std::vector<uint16_t> versions;  // every version the hello allows
  std::vector<uint16_t> suites;
  std::vector<uint16_t> groups;        // supported_groups
  std::vector<uint32_t> ssl2_ciphers;  // SSLv2 CIPHER-KINDs
};

}  // namespace tlsd::probe
