#include "wire/certificate.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include "base/text_safety.h"
#include "wire/reader.h"

namespace tlsd::wire {
namespace {

template <class T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;

std::string name_string(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) return "";
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

int64_t to_epoch(const ASN1_TIME* t) {
  struct tm tm {};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return 0;
  return static_cast<int64_t>(timegm(&tm));
}

std::vector<std::string> alt_names(X509* cert) {
  std::vector<std::string> out;
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (!names) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names) && out.size() < 1000; ++i) {
    const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names, i);
    if (gn->type == GEN_DNS) {
      const ASN1_IA5STRING* s = gn->d.dNSName;
      // A dNSName is the server's bytes: IA5String by the standard, anything on the wire.
      out.push_back("DNS:" + display_safe(std::string_view(
                                 reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                 static_cast<size_t>(ASN1_STRING_length(s)))));
    } else if (gn->type == GEN_IPADD) {
      const ASN1_OCTET_STRING* ip = gn->d.iPAddress;
      char* text = OPENSSL_buf2hexstr(ASN1_STRING_get0_data(ip), ASN1_STRING_length(ip));
      std::string s = "IP:";
      if (ASN1_STRING_length(ip) == 4) {
        const unsigned char* b = ASN1_STRING_get0_data(ip);
        s += std::to_string(b[0]) + "." + std::to_string(b[1]) + "." + std::to_string(b[2]) + "." +
             std::to_string(b[3]);
      } else if (text) {
        s += text;
      }
      OPENSSL_free(text);
      out.push_back(s);
    }
  }
  GENERAL_NAMES_free(names);
  return out;
}

}  // namespace

Result<std::vector<Bytes>> parse_certificate_message(ByteView body, bool tls13) {
  Reader r(body);
  if (tls13) {
    Reader context;
    if (!r.prefixed(1, context)) return Error::decode("truncated Certificate request context");
  }
  Reader list;
  if (!r.prefixed(3, list) || !r.empty())
    return Error::decode("Certificate list length disagrees with the message");
  std::vector<Bytes> certs;
  while (!list.empty()) {
    Bytes der;
    if (!list.prefixed_bytes(3, der) || der.empty())
      return Error::decode("malformed certificate entry in Certificate");
    if (tls13) {
      Reader exts;
      if (!list.prefixed(2, exts)) return Error::decode("malformed certificate entry extensions");
    }
    certs.push_back(std::move(der));
  }
  return certs;
}

Result<CertificateSummary> summarize_certificate(ByteView der) {
  const unsigned char* p = der.data();
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert || p != der.data() + der.size())
    return Error::decode("certificate is not one well-formed DER X.509 structure");
  CertificateSummary s;
  s.subject = name_string(X509_get_subject_name(cert.get()));
  s.issuer = name_string(X509_get_issuer_name(cert.get()));
  s.subject_alt_names = alt_names(cert.get());
  s.not_before = to_epoch(X509_get0_notBefore(cert.get()));
  s.not_after = to_epoch(X509_get0_notAfter(cert.get()));
  s.self_issued =
      X509_NAME_cmp(X509_get_subject_name(cert.get()), X509_get_issuer_name(cert.get())) == 0;
  s.embedded_scts = X509_get_ext_by_NID(cert.get(), NID_ct_precert_scts, -1) >= 0;
  int sig_nid = X509_get_signature_nid(cert.get());
  s.signature_algorithm = sig_nid == NID_undef ? "unknown" : OBJ_nid2ln(sig_nid);
  if (const ASN1_INTEGER* serial = X509_get0_serialNumber(cert.get())) {
    BIGNUM* bn = ASN1_INTEGER_to_BN(serial, nullptr);
    if (char* hex = bn ? BN_bn2hex(bn) : nullptr) {
      s.serial_hex = hex;
      OPENSSL_free(hex);
    }
    BN_free(bn);
  }
  if (EVP_PKEY* key = X509_get0_pubkey(cert.get())) {
    s.key_bits = EVP_PKEY_get_bits(key);
    const char* type = EVP_PKEY_get0_type_name(key);
    s.key_type = type ? type : "unknown";
    char group[64] = {};
    size_t group_len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group, &group_len))
      s.curve = group;
  }
  return s;
}

}  // namespace tlsd::wire
