#include "wire/certificate_request.h"

#include "wire/reader.h"

namespace tlsd::wire {

Result<CertificateRequest> parse_certificate_request(ByteView body, bool tls12) {
  Reader r(body);
  CertificateRequest cr;
  if (!r.prefixed_bytes(1, cr.certificate_types) || cr.certificate_types.empty())
    return Error::decode("CertificateRequest certificate_types malformed");
  if (tls12) {
    Reader schemes;
    if (!r.prefixed(2, schemes) || schemes.empty() || schemes.remaining() % 2)
      return Error::decode("CertificateRequest signature algorithms malformed");
    uint16_t s;
    while (schemes.u16(s)) cr.signature_schemes.push_back(s);
  }
  Reader cas;
  if (!r.prefixed(2, cas)) return Error::decode("CertificateRequest authorities malformed");
  while (!cas.empty()) {
    Bytes dn;
    if (!cas.prefixed_bytes(2, dn) || dn.empty())
      return Error::decode("CertificateRequest distinguished name malformed");
    cr.authorities.push_back(std::move(dn));
  }
  if (!r.empty()) return Error::decode("trailing bytes in CertificateRequest");
  return cr;
}

Status parse_server_hello_done(ByteView body) {
  if (!body.empty()) return Error::decode("ServerHelloDone is not empty");
  return Ok{};
}

}  // namespace tlsd::wire
