// A cipher suite's key exchange (the `kx` column of data/iana/cipher_suites.csv),
// and the two kinds an observation adds: a TLS 1.3 key share, and unknown.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tlsd::catalog {

enum class KxKind : uint8_t {
  null,
  rsa,
  rsa_export,
  dh,
  dhe,
  ecdh,
  ecdhe,
  psk,
  dhe_psk,
  rsa_psk,
  ecdhe_psk,
  krb5,
  srp,
  gost,
  eccpwd,
  any,              // TLS 1.3 suites: the key exchange is negotiated apart from the suite
  scsv,             // signalling values, not suites
  tls13_key_share,  // observed: a TLS 1.3 ServerHello's key_share
  unknown,          // observed: a suite the catalog does not know
};

// "RSA", "ECDHE_PSK", "TLS 1.3 key share": the spelling the data and the output use.
std::string_view name(KxKind kind);
// Only the kinds a cipher suite row may name (not the observed-only two).
std::optional<KxKind> parse_suite_kx(std::string_view name);
// Ephemeral (EC)DH: the server sends a signed ServerKeyExchange.
bool ephemeral(KxKind kind);

}  // namespace tlsd::catalog
