// Certificate message (RFC 5246 §7.4.2; RFC 8446 §4.4.2) and a summary of
// each X.509 certificate in it, decoded by OpenSSL.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"

namespace tlsd::wire {

// TLS <= 1.2: certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>.
// TLS 1.3 adds a request context and per-entry extensions.
Result<std::vector<Bytes>> parse_certificate_message(ByteView body, bool tls13);

struct CertificateSummary {
  std::string subject;
  std::string issuer;
  std::vector<std::string> subject_alt_names;  // "DNS:x", "IP:1.2.3.4"
  std::string key_type;                        // RSA, EC, Ed25519, DSA, ...
  int key_bits = 0;
  std::string curve;                // for EC keys
  std::string signature_algorithm;  // sha256WithRSAEncryption, ...
  int64_t not_before = 0;           // seconds since the epoch, UTC
  int64_t not_after = 0;
  std::string serial_hex;
  bool self_issued = false;
  // An embedded SCT list (RFC 6962 §3.3): issued by a CA that logs to
  // Certificate Transparency, i.e. a publicly trusted one.
  bool embedded_scts = false;
};

Result<CertificateSummary> summarize_certificate(ByteView der);

}  // namespace tlsd::wire
