#include "wire/certificate_request.h"

#include <openssl/bio.h>
#include <openssl/x509.h>

#include <memory>

#include "base/text_safety.h"
#include "wire/reader.h"

namespace tlsd::wire {
namespace {

constexpr uint16_t kExtSignatureAlgorithms = 13, kExtCertificateAuthorities = 47,
                   kExtSignatureAlgorithmsCert = 50;
// Far above any real server (a CA list of a few hundred names): a bound, not a policy.
constexpr size_t kMaxAuthorities = 4096;

Status read_schemes(Reader& r, std::vector<uint16_t>& out, const char* what) {
  Reader schemes;
  if (!r.prefixed(2, schemes) || schemes.empty() || schemes.remaining() % 2)
    return Error::decode(std::string("CertificateRequest ") + what + " malformed");
  uint16_t s;
  while (schemes.u16(s)) out.push_back(s);
  return Ok{};
}

Status read_authorities(Reader& r, std::vector<Bytes>& out) {
  Reader cas;
  if (!r.prefixed(2, cas)) return Error::decode("CertificateRequest authorities malformed");
  while (!cas.empty()) {
    Bytes dn;
    if (!cas.prefixed_bytes(2, dn) || dn.empty())
      return Error::decode("CertificateRequest distinguished name malformed");
    if (out.size() >= kMaxAuthorities)
      return Error::decode("CertificateRequest names too many authorities");
    out.push_back(std::move(dn));
  }
  return Ok{};
}

}  // namespace

Result<CertificateRequest> parse_certificate_request(ByteView body, bool tls12) {
  Reader r(body);
  CertificateRequest cr;
  if (!r.prefixed_bytes(1, cr.certificate_types) || cr.certificate_types.empty())
    return Error::decode("CertificateRequest certificate_types malformed");
  if (tls12)
    if (Status s = read_schemes(r, cr.signature_schemes, "signature algorithms"); !s.ok())
      return s.error();
  if (Status s = read_authorities(r, cr.authorities); !s.ok()) return s.error();
  if (!r.empty()) return Error::decode("trailing bytes in CertificateRequest");
  return cr;
}

Result<CertificateRequest> parse_certificate_request13(ByteView body) {
  Reader r(body);
  CertificateRequest cr;
  Reader extensions;
  if (!r.prefixed_bytes(1, cr.context) || !r.prefixed(2, extensions) || !r.empty())
    return Error::decode("TLS 1.3 CertificateRequest malformed");
  bool have_sigalgs = false;
  std::vector<uint16_t> seen;
  while (!extensions.empty()) {
    uint16_t type;
    Reader data;
    if (!extensions.u16(type) || !extensions.prefixed(2, data))
      return Error::decode("TLS 1.3 CertificateRequest extension malformed");
    for (uint16_t t : seen)
      if (t == type) return Error::decode("TLS 1.3 CertificateRequest repeats an extension");
    seen.push_back(type);
    Status s = Ok{};
    if (type == kExtSignatureAlgorithms) {
      s = read_schemes(data, cr.signature_schemes, "signature_algorithms");
      have_sigalgs = true;
    } else if (type == kExtSignatureAlgorithmsCert) {
      s = read_schemes(data, cr.signature_schemes_cert, "signature_algorithms_cert");
    } else if (type == kExtCertificateAuthorities) {
      s = read_authorities(data, cr.authorities);
      if (s.ok() && cr.authorities.empty())
        return Error::decode("TLS 1.3 certificate_authorities is empty");
    } else {
      continue;  // other extensions (oid_filters, status_request...) are not ours to judge
    }
    if (!s.ok()) return s.error();
    if (!data.empty()) return Error::decode("trailing bytes in a CertificateRequest extension");
  }
  // RFC 8446 §4.3.2: "The signature_algorithms extension MUST be specified".
  if (!have_sigalgs)
    return Error::decode("TLS 1.3 CertificateRequest without signature_algorithms");
  return cr;
}

Status parse_server_hello_done(ByteView body) {
  if (!body.empty()) return Error::decode("ServerHelloDone is not empty");
  return Ok{};
}

std::string distinguished_name_text(ByteView der) {
  const unsigned char* p = der.data();
  std::unique_ptr<X509_NAME, decltype(&X509_NAME_free)> name(
      d2i_X509_NAME(nullptr, &p, static_cast<long>(der.size())), X509_NAME_free);
  if (!name || p != der.data() + der.size())
    return "(a name that does not decode, " + std::to_string(der.size()) + " bytes)";
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || X509_NAME_print_ex(bio.get(), name.get(), 0, XN_FLAG_RFC2253) < 0) return "";
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return display_safe(std::string_view(data, n > 0 ? static_cast<size_t>(n) : 0));
}

std::string client_certificate_type_name(uint8_t type) {
  switch (type) {
    case 1:
      return "rsa_sign";
    case 2:
      return "dss_sign";
    case 3:
      return "rsa_fixed_dh";
    case 4:
      return "dss_fixed_dh";
    case 5:
      return "rsa_ephemeral_dh";
    case 6:
      return "dss_ephemeral_dh";
    case 20:
      return "fortezza_dms";
    case 64:
      return "ecdsa_sign";
    case 65:
      return "rsa_fixed_ecdh";
    case 66:
      return "ecdsa_fixed_ecdh";
  }
  return "unknown(" + std::to_string(type) + ")";
}

}  // namespace tlsd::wire
