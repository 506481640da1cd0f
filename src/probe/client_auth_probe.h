// Does the server want a client certificate, and does it insist? Asked the
// only way that tells: a complete handshake through OpenSSL that answers a
// CertificateRequest with an empty Certificate (or with the given identity),
// then one application request (an HTTP GET) and the server's first answer.
// TLS 1.2 servers that require a certificate refuse it with an alert in the
// handshake; TLS 1.3 servers judge it after the client's Finished, so their
// refusal (or a post-handshake CertificateRequest, RFC 8446 §4.6.2) arrives
// only when the client reads. Blocking, deadline on every wait.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "probe/target.h"

namespace tlsd::probe {

struct ClientIdentity;  // client_identity.h

struct ClientAuthProbeOptions {
  std::chrono::milliseconds timeout{5000};
  uint16_t version = 0;  // exactly this version; 0 = the best both sides have
  // How long to wait for the server's first answer after the request: a
  // server that is not HTTP may say nothing at all.
  std::chrono::milliseconds read_timeout{2000};
  const ClientIdentity* identity = nullptr;  // nullptr: an empty Certificate
};

enum class ServerAnswer {
  none,                     // the handshake did not complete (see error)
  refused_in_handshake,     // an alert during the handshake
  refused_after_handshake,  // an alert at the first read (TLS 1.3)
  answered,                 // application data came back
  closed,                   // a close_notify or TCP close without data
  silent,                   // nothing within read_timeout
};

struct ClientAuthProbeResult {
  std::optional<Error> error;  // the handshake or the read failed: why
  uint16_t version = 0;
  std::vector<Bytes> chain;  // the server's certificates, DER
  // The raw CertificateRequest bodies, decrypted (OpenSSL's message callback).
  std::optional<Bytes> request_in_handshake;
  std::optional<Bytes> request_after_handshake;  // TLS 1.3 post-handshake auth
  std::optional<uint8_t> alert;                  // the alert the server sent, if any
  ServerAnswer answer = ServerAnswer::none;
  std::string first_bytes;  // the first line of the answer, display-safe
  // The answer is an HTTP 4xx about the certificate: a refusal at the
  // application level after a complete handshake (nginx `ssl_verify_client on`).
  bool refuses_in_http = false;
  bool sent_certificate = false;  // a non-empty Certificate went out
  size_t connections = 0;
};

ClientAuthProbeResult probe_client_auth(const Target& target, const ClientAuthProbeOptions& o);

}  // namespace tlsd::probe
