// CertificateRequest (RFC 5246 §7.4.4) and ServerHelloDone (§7.4.5).
#pragma once

#include <vector>

#include "base/bytes.h"
#include "base/result.h"

namespace tlsd::wire {

struct CertificateRequest {
  Bytes certificate_types;
  std::vector<uint16_t> signature_schemes;  // TLS 1.2 only
  std::vector<Bytes> authorities;           // DER DistinguishedNames
};

Result<CertificateRequest> parse_certificate_request(ByteView body, bool tls12);
Status parse_server_hello_done(ByteView body);

}  // namespace tlsd::wire
