// What one probe tells us, in the catalog's terms: the server's choice, its
// certificate and key exchange, or why it refused. This is the record the
// checks and the diagnosis work from; the report only prints it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/key_exchange_kind.h"
#include "probe/offer.h"
#include "probe/probe.h"
#include "wire/certificate.h"

namespace tlsd::probe {

enum class Outcome {
  server_hello,         // the server chose a version and suite
  hello_retry_request,  // TLS 1.3: the server wants a key share for another group
  ssl2_server_hello,    // an SSLv2 server answered
  alert,                // the server refused with an alert
  failed,               // transport, decode or protocol failure
};
std::string_view to_string(Outcome outcome);

struct KeyExchange {
  catalog::KxKind kind = catalog::KxKind::unknown;  // the suite's kx: ECDHE, DHE, RSA, ...
  std::optional<uint16_t> group;                    // ECDHE named curve or TLS 1.3 group
  int dh_bits = 0;                                  // DHE prime size
  Bytes dh_prime;                                   // DHE p, to name well-known groups
  size_t public_bytes = 0;                          // server's public value size
  std::optional<uint16_t> signature_scheme;
  // "verified", "failed: <why>", "unsigned" or "not checked: <why>"
  std::string signature;
  bool message_sent = false;  // a ServerKeyExchange was in the flight
  std::string decode_error;   // it was, but does not parse as the suite's layout
  Bytes dh_generator;         // DHE g
  Bytes public_value;         // the server's ECDHE point or DHE Ys
};

struct Observation {
  Outcome outcome = Outcome::failed;
  Stage stage = Stage::resolving;
  std::optional<Error> error;
  std::optional<uint8_t> alert;  // description code
  bool alert_fatal = false;
  uint16_t version = 0;  // negotiated
  uint16_t cipher_suite = 0;
  std::optional<uint16_t> hrr_group;
  std::vector<uint16_t> extensions;  // server's, in order
  std::optional<std::string> alpn;
  bool secure_renegotiation = false;
  bool extended_master_secret = false;
  bool encrypt_then_mac = false;
  bool session_ticket = false;
  bool ocsp_stapled = false;
  uint8_t compression = 0;
  std::optional<uint16_t> record_size_limit;
  std::string downgrade_sentinel;  // "", "tls12", "tls11"
  bool session_id_echoed = true;   // the ServerHello's legacy_session_id is the offer's
  size_t largest_record = 0;       // plaintext bytes in the server's longest record
  std::vector<wire::CertificateSummary> certificates;
  std::vector<Bytes> raw_certificates;  // DER, as sent
  std::optional<std::string> certificate_error;
  std::optional<KeyExchange> key_exchange;
  std::vector<uint32_t> ssl2_ciphers;
  std::string peer;
  std::chrono::microseconds elapsed{0};
};

// Judges the probe's answer against what was offered. An answer that picks
// something never offered becomes a protocol failure, not a finding.
Observation observe(const ProbeResult& result, const Offer& offer);

}  // namespace tlsd::probe
