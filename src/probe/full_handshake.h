// A complete handshake through OpenSSL, for what raw hellos cannot see: the
// TLS 1.3 certificate (encrypted), session tickets (sent after the
// handshake) and resumption. Blocking, with a deadline on every wait; run it
// off the probe engine's thread.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "probe/target.h"

namespace tlsd::probe {

struct FullHandshakeOptions {
  std::chrono::milliseconds timeout{5000};
  uint16_t max_version = 0;   // 0: the best both sides have
  bool tickets = true;        // false: session-id resumption only
  bool try_resume = false;    // second connection resuming the first session
};

struct FullHandshakeResult {
  std::optional<Error> error;
  uint16_t version = 0;
  uint16_t cipher_suite = 0;
  std::vector<Bytes> chain;  // DER, as the server sent it
  std::optional<uint32_t> ticket_lifetime_hint;
  std::optional<bool> resumed;
  // TLS 1.3 servers judge the client's certificate after the client's
  // Finished: a refusal arrives as an alert after SSL_connect succeeded.
  std::optional<std::string> after_handshake_error;
  size_t connections = 0;  // TCP connections opened (two when resuming)
};

FullHandshakeResult full_handshake(const Target& target, const FullHandshakeOptions& options);

}  // namespace tlsd::probe
