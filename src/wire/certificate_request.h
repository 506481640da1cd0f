// CertificateRequest (RFC 5246 §7.4.4; RFC 8446 §4.3.2) and ServerHelloDone
// (RFC 5246 §7.4.5). Bounded: every length is checked against what is left,
// and the lists are capped (a hostile server cannot make us hold more than
// the message it sent).
#pragma once

#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"

namespace tlsd::wire {

struct CertificateRequest {
  Bytes context;                                 // TLS 1.3 certificate_request_context
  Bytes certificate_types;                       // TLS <= 1.2 (1.3: none)
  std::vector<uint16_t> signature_schemes;       // TLS 1.2 list, TLS 1.3 extension 13
  std::vector<uint16_t> signature_schemes_cert;  // TLS 1.3 extension 50
  std::vector<Bytes> authorities;                // DER DistinguishedNames (1.3: extension 47)
};

// TLS <= 1.2 layout; `tls12` adds the signature algorithm list.
Result<CertificateRequest> parse_certificate_request(ByteView body, bool tls12);
// TLS 1.3 layout: context and extensions.
Result<CertificateRequest> parse_certificate_request13(ByteView body);
Status parse_server_hello_done(ByteView body);

// A DER DistinguishedName as RFC 2253 text, safe to print ("CN=x,O=y"); a
// name that does not decode is described, never printed raw.
std::string distinguished_name_text(ByteView der);
// TLS ClientCertificateType (RFC 5246 §7.4.4, RFC 8422 §5.5) by name.
std::string client_certificate_type_name(uint8_t type);

}  // namespace tlsd::wire
