// `tlsdoctor get`: one HTTPS GET through OpenSSL with explicit TLS settings,
// the story's Go program as one command. Trust and host name are verified
// as a client would; nothing is skipped to make it pass.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "probe/target.h"

namespace tlsd::probe {

struct ClientIdentity;  // client_identity.h

struct HttpsGetOptions {
  std::chrono::milliseconds timeout{10000};
  uint16_t min_version = 0, max_version = 0;  // wire codes; 0 = OpenSSL's default
  std::string ciphers;                        // TLS <= 1.2, OpenSSL syntax ("" = default)
  std::string ciphersuites;                   // TLS 1.3, OpenSSL syntax ("" = default)
  std::string groups;                         // "X25519:P-256" ("" = default)
  std::string ca_file;                        // added to the system's trust anchors
  std::string path = "/";
  const ClientIdentity* identity = nullptr;  // --cert/--key: sent when the server asks
};

struct HttpsGetResult {
  std::optional<Error> error;
  std::string stage;  // where it stopped: "connect", "handshake", "http", or "" when done
  uint16_t version = 0, cipher_suite = 0;
  std::string group;                 // "X25519", "" when none (RSA key exchange)
  std::string verify_error;          // "" when the chain and name verified
  std::vector<Bytes> chain;          // DER, as the server sent it
  std::string status_line;           // "HTTP/1.1 200 OK"
  std::vector<std::string> headers;  // the response headers, as sent
  double handshake_ms = 0;
};

HttpsGetResult https_get(const Target& target, const HttpsGetOptions& options);

// The status line and headers of an HTTP/1.x response head (what arrived
// until the blank line, or as much as was read). False when it does not
// start with a status line.
struct ResponseHead {
  std::string status_line;
  std::vector<std::string> headers;
};
bool parse_response_head(std::string_view head, ResponseHead& out);

}  // namespace tlsd::probe
