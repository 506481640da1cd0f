#include "wire/server_key_exchange.h"

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>

#include "wire/reader.h"

namespace tlsd::wire {
namespace {

// ECParameters with curve_type named_curve(3), then ECPoint<1..2^8-1>.
bool read_ecdhe(Reader& r, ServerKeyExchange& ske, std::string& why) {
  uint8_t curve_type;
  uint16_t curve;
  if (!r.u8(curve_type)) return false;
  if (curve_type != 3) {
    why = "explicit curve parameters (curve_type " + std::to_string(curve_type) +
          ") are not supported by any current client";
    return false;
  }
  if (!r.u16(curve) || !r.prefixed_bytes(1, ske.ec_point) || ske.ec_point.empty()) return false;
  ske.named_curve = curve;
  return true;
}

bool read_dhe(Reader& r, ServerKeyExchange& ske) {
  return r.prefixed_bytes(2, ske.dh_p) && !ske.dh_p.empty() && r.prefixed_bytes(2, ske.dh_g) &&
         !ske.dh_g.empty() && r.prefixed_bytes(2, ske.dh_ys) && !ske.dh_ys.empty();
}

const EVP_MD* legacy_digest(int key_type) {
  return key_type == EVP_PKEY_RSA ? EVP_md5_sha1() : EVP_sha1();
}

struct SchemeInfo {
  const EVP_MD* md;
  bool pss;
};

std::optional<SchemeInfo> scheme_info(uint16_t scheme) {
  uint8_t hash = scheme >> 8, sig = scheme & 0xff;
  if (scheme >= 0x0804 && scheme <= 0x0806) {  // rsa_pss_rsae_sha256..512
    const EVP_MD* mds[] = {EVP_sha256(), EVP_sha384(), EVP_sha512()};
    return SchemeInfo{mds[scheme - 0x0804], true};
  }
  if (scheme >= 0x0809 && scheme <= 0x080b) {  // rsa_pss_pss_sha256..512
    const EVP_MD* mds[] = {EVP_sha256(), EVP_sha384(), EVP_sha512()};
    return SchemeInfo{mds[scheme - 0x0809], true};
  }
  if (scheme == 0x0807 || scheme == 0x0808) return SchemeInfo{nullptr, false};  // Ed25519/448
  if (sig < 1 || sig > 3) return std::nullopt;  // rsa(1), dsa(2), ecdsa(3)
  switch (hash) {                               // TLS 1.2 HashAlgorithm (RFC 5246 §7.4.1.4.1)
    case 1:
      return SchemeInfo{EVP_md5(), false};
    case 2:
      return SchemeInfo{EVP_sha1(), false};
    case 3:
      return SchemeInfo{EVP_sha224(), false};
    case 4:
      return SchemeInfo{EVP_sha256(), false};
    case 5:
      return SchemeInfo{EVP_sha384(), false};
    case 6:
      return SchemeInfo{EVP_sha512(), false};
  }
  return std::nullopt;
}

}  // namespace

int ServerKeyExchange::dh_prime_bits() const {
  size_t i = 0;
  while (i < dh_p.size() && dh_p[i] == 0) ++i;
  if (i == dh_p.size()) return 0;
  int bits = static_cast<int>((dh_p.size() - i - 1) * 8);
  for (uint8_t top = dh_p[i]; top; top >>= 1) ++bits;
  return bits;
}

Result<ServerKeyExchange> parse_server_key_exchange(ByteView body, KexLayout layout,
                                                    bool signed_kex, bool tls12) {
  Reader r(body);
  ServerKeyExchange ske;
  std::string why;
  bool ok = true;
  if (layout == KexLayout::psk || layout == KexLayout::dhe_psk || layout == KexLayout::ecdhe_psk)
    ok = r.prefixed_bytes(2, ske.psk_identity_hint);
  if (ok) {
    switch (layout) {
      case KexLayout::ecdhe:
      case KexLayout::ecdhe_psk:
        ok = read_ecdhe(r, ske, why);
        break;
      case KexLayout::dhe:
      case KexLayout::dhe_psk:
        ok = read_dhe(r, ske);
        break;
      case KexLayout::rsa_export:
        ok = r.prefixed_bytes(2, ske.rsa_modulus) && r.prefixed_bytes(2, ske.rsa_exponent);
        break;
      case KexLayout::psk:
        break;
    }
  }
  if (!ok) {
    if (!why.empty()) return Error::protocol(ProtocolCode::unsupported_params, why);
    return Error::decode("truncated or malformed ServerKeyExchange parameters");
  }
  size_t params_len = body.size() - r.remaining();
  ske.signed_params.assign(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(params_len));
  if (signed_kex) {
    if (tls12) {
      uint16_t scheme;
      if (!r.u16(scheme)) return Error::decode("ServerKeyExchange lacks its signature algorithm");
      ske.signature_scheme = scheme;
    }
    if (!r.prefixed_bytes(2, ske.signature) || ske.signature.empty())
      return Error::decode("ServerKeyExchange lacks its signature");
  }
  if (!r.empty()) return Error::decode("trailing bytes in ServerKeyExchange");
  return ske;
}

Status verify_server_key_exchange(const ServerKeyExchange& ske, ByteView cert_der,
                                  ByteView client_random, ByteView server_random) {
  const unsigned char* p = cert_der.data();
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      d2i_X509(nullptr, &p, static_cast<long>(cert_der.size())), X509_free);
  if (!cert) return Error::decode("server certificate does not parse");
  EVP_PKEY* key = X509_get0_pubkey(cert.get());
  if (!key) return Error::decode("server certificate has no usable public key");

  const EVP_MD* md;
  bool pss = false;
  if (ske.signature_scheme) {
    auto info = scheme_info(*ske.signature_scheme);
    if (!info)
      return Error::protocol(ProtocolCode::bad_signature_scheme,
                             "unknown signature scheme " + hex_code(*ske.signature_scheme));
    md = info->md;
    pss = info->pss;
  } else {
    md = legacy_digest(EVP_PKEY_get_base_id(key));
  }

  Bytes signed_data;
  signed_data.insert(signed_data.end(), client_random.begin(), client_random.end());
  signed_data.insert(signed_data.end(), server_random.begin(), server_random.end());
  signed_data.insert(signed_data.end(), ske.signed_params.begin(), ske.signed_params.end());

  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key) != 1)
    return Error::protocol(ProtocolCode::signature_key_mismatch,
                           "the certificate's key cannot verify this signature algorithm");
  if (pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
              EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1))
    return Error::internal("OpenSSL refused RSA-PSS parameters");
  if (EVP_DigestVerify(ctx.get(), ske.signature.data(), ske.signature.size(), signed_data.data(),
                       signed_data.size()) != 1)
    return Error::protocol(ProtocolCode::bad_signature,
                           "ServerKeyExchange signature does not verify");
  return Ok{};
}

}  // namespace tlsd::wire
