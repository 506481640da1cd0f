// ServerKeyExchange (RFC 5246 §7.4.3, RFC 8422 §5.4, RFC 4279 §2, RFC 2246
// export RSA) and the check of its signature against the server's key.
// Its layout depends on the suite's key exchange, which the caller knows.
#pragma once

#include <cstdint>
#include <optional>

#include "base/bytes.h"
#include "base/result.h"

namespace tlsd::wire {

enum class KexLayout {
  ecdhe,       // ECParameters + point
  dhe,         // p, g, Ys
  rsa_export,  // temporary RSA modulus and exponent
  psk,         // identity hint only
  dhe_psk,     // hint, then DHE params
  ecdhe_psk,   // hint, then ECDHE params
};

struct ServerKeyExchange {
  std::optional<uint16_t> named_curve;  // ecdhe (named_curve form only)
  Bytes ec_point;
  Bytes dh_p, dh_g, dh_ys;
  Bytes rsa_modulus, rsa_exponent;
  Bytes psk_identity_hint;
  std::optional<uint16_t> signature_scheme;  // TLS 1.2 only
  Bytes signature;
  Bytes signed_params;  // the exact bytes the signature covers (after the randoms)

  int dh_prime_bits() const;
};

// `signed_kex`: the suite authenticates its key exchange (not anon, not PSK).
// `tls12`: the signature carries a SignatureAndHashAlgorithm.
Result<ServerKeyExchange> parse_server_key_exchange(ByteView body, KexLayout layout,
                                                    bool signed_kex, bool tls12);

// Verifies the signature with the public key of `cert_der`. TLS <= 1.1
// signatures use MD5||SHA-1 for RSA and SHA-1 for (EC)DSA (RFC 4346 §7.4.3).
Status verify_server_key_exchange(const ServerKeyExchange& ske, ByteView cert_der,
                                  ByteView client_random, ByteView server_random);

}  // namespace tlsd::wire
