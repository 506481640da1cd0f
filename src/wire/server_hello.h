// ServerHello and HelloRetryRequest (RFC 8446 §4.1.3-4, RFC 5246 §7.4.1.3).
#pragma once

#include <array>
#include <optional>

#include "base/bytes.h"
#include "base/result.h"
#include "wire/hello_params.h"

namespace tlsd::wire {

enum class DowngradeSentinel { none, tls12, tls11_or_below };

struct ServerHello {
  uint16_t legacy_version = 0;
  std::array<uint8_t, 32> random{};
  Bytes session_id;
  uint16_t cipher_suite = 0;
  uint8_t compression_method = 0;
  bool has_extensions_block = false;
  ServerExtensions extensions;

  bool is_hello_retry_request = false;
  // RFC 8446 §4.1.3: a TLS 1.3 server that negotiates less says so in its random.
  DowngradeSentinel downgrade = DowngradeSentinel::none;

  // supported_versions wins over legacy_version (RFC 8446 §4.2.1).
  uint16_t negotiated_version() const {
    return extensions.selected_version.value_or(legacy_version);
  }
};

Result<ServerHello> parse_server_hello(ByteView body);

}  // namespace tlsd::wire
