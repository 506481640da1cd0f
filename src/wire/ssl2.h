// SSLv2 SERVER-HELLO (draft-hickman-netscape-ssl-00 §2.6). A server that still
// speaks SSLv2 lists every cipher kind it supports in one answer.
#pragma once

#include <optional>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"

namespace tlsd::wire {

struct Ssl2ServerHello {
  bool session_id_hit = false;
  uint8_t certificate_type = 0;
  uint16_t version = 0;
  Bytes certificate;                 // DER X.509 when certificate_type is 1
  std::vector<uint32_t> cipher_specs;
  Bytes connection_id;
};

// True when `first` starts a 2-byte SSLv2 record header (high bit set).
bool looks_like_ssl2_record(ByteView first);
// Parses one whole SSLv2 record holding a SERVER-HELLO. nullopt when more
// bytes are needed.
Result<std::optional<Ssl2ServerHello>> parse_ssl2_server_hello(ByteView stream);

}  // namespace tlsd::wire
