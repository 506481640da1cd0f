#include "simulate/flight_checks.h"

#include <fmt/format.h>

#include <algorithm>

#include "catalog/catalog.h"
#include "wire/constants.h"

namespace tlsd::simulate {
namespace {

constexpr uint16_t kRenegotiationInfo = 0xff01;
constexpr uint16_t kRenegotiationScsv = 0x00ff;

bool contains(const auto& list, auto value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

PolicyFailure violation(std::string detail) {
  return {catalog::ReasonKind::protocol_error, std::move(detail)};
}

// RFC 8446 §4.1.3: a TLS 1.3 client that gets TLS 1.2 or lower with the
// sentinel in the random aborts (a downgrade attack, or a broken middlebox);
// a TLS 1.2 client that gets TLS 1.1 or lower with its sentinel does too.
std::optional<PolicyFailure> downgrade(const catalog::HelloTemplate& hello,
                                       const probe::Observation& o) {
  if (o.downgrade_sentinel.empty() || o.version >= wire::kTls13) return std::nullopt;
  bool tls13_client = hello.max_version() >= wire::kTls13;
  bool tls12_client_sees_tls11 = hello.max_version() == wire::kTls12 && o.version <= wire::kTls11 &&
                                 o.downgrade_sentinel == "tls11";
  if (!tls13_client && !tls12_client_sees_tls11) return std::nullopt;
  return violation(fmt::format(
      "the ServerHello random ends in the TLS 1.{} downgrade sentinel (RFC 8446 §4.1.3): "
      "illegal_parameter",
      o.downgrade_sentinel == "tls12" ? 2 : 1));
}

// RFC 5246 §7.4.1.4 / RFC 8446 §4.2: a server may only answer extensions the
// client sent; renegotiation_info also answers the SCSV (RFC 5746 §3.6).
std::optional<PolicyFailure> unsolicited_extension(const catalog::Profile& profile,
                                                   const probe::Observation& o) {
  constexpr uint16_t kAlpn = 0x0010;
  const catalog::HelloTemplate& hello = profile.hello;
  for (uint16_t type : o.extensions) {
    if (!profile.policy.reject_unsolicited_extensions && type != kAlpn) continue;
    bool offered = std::any_of(hello.extensions.begin(), hello.extensions.end(),
                               [&](const wire::ExtensionEntry& e) { return e.type == type; });
    if (offered) continue;
    if (type == kRenegotiationInfo && contains(hello.cipher_suites, kRenegotiationScsv)) continue;
    return violation(
        fmt::format("the ServerHello carries extension {}, which the client did not send: "
                    "unsupported_extension",
                    catalog::Catalog::get().extension_name(type)));
  }
  return std::nullopt;
}

std::optional<size_t> point_length(uint16_t group);

std::optional<PolicyFailure> tls13_server_hello(const catalog::Profile& profile,
                                                const probe::Observation& o,
                                                bool followed_hello_retry) {
  const catalog::HelloTemplate& hello = profile.hello;
  // RFC 8446 §4.1.3: legacy_session_id_echo must be the client's value.
  if (!o.session_id_echoed && profile.policy.check_tls13_session_id_echo)
    return violation(
        "the TLS 1.3 ServerHello does not echo the client's legacy_session_id "
        "(RFC 8446 §4.1.3): illegal_parameter");
  const catalog::CipherSuite* suite = catalog::Catalog::get().suite(o.cipher_suite);
  if (suite && !suite->tls13)
    return violation("TLS 1.3 negotiated with " + suite->iana_name +
                     ", a TLS 1.2 cipher suite: illegal_parameter");
  if (!o.key_exchange || !o.key_exchange->group)
    return violation("the TLS 1.3 ServerHello has no key_share: missing_extension");
  uint16_t group = *o.key_exchange->group;
  if (!contains(hello.groups, group))
    return violation(
        fmt::format("the TLS 1.3 key share is for {}, a group the client did not "
                    "offer: illegal_parameter",
                    catalog::Catalog::get().group_name(group)));
  // RFC 8446 §4.2.8: the server's share is in the group of one the client
  // sent (after a HelloRetryRequest, the one it asked for).
  if (!followed_hello_retry && !contains(hello.key_share_groups, group))
    return violation(
        fmt::format("the TLS 1.3 key share is for {}, a group the client sent no key share "
                    "for: illegal_parameter",
                    catalog::Catalog::get().group_name(group)));
  auto length = point_length(group);
  if (length && o.key_exchange->public_bytes != *length)
    return violation(fmt::format(
        "the TLS 1.3 key share for {} is {} bytes, not {}: illegal_parameter",
        catalog::Catalog::get().group_name(group), o.key_exchange->public_bytes, *length));
  return std::nullopt;
}

// Big-endian unsigned integers, leading zeros ignored.
int compare(ByteView a, ByteView b) {
  while (!a.empty() && a.front() == 0) a = a.subspan(1);
  while (!b.empty() && b.front() == 0) b = b.subspan(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

// The length a point on a named curve must have: X25519/X448 raw, the NIST
// curves uncompressed (clients offer ec_point_formats = uncompressed only).
std::optional<size_t> point_length(uint16_t group) {
  switch (group) {
    case 0x001d:
      return 32;  // x25519
    case 0x001e:
      return 56;  // x448
    case 0x0017:
      return 65;  // secp256r1
    case 0x0018:
      return 97;  // secp384r1
    case 0x0019:
      return 133;  // secp521r1
  }
  return std::nullopt;
}

std::optional<PolicyFailure> key_exchange(const catalog::Profile& profile,
                                          const probe::Observation& o) {
  const catalog::HelloTemplate& hello = profile.hello;
  const catalog::CipherSuite* suite = catalog::Catalog::get().suite(o.cipher_suite);
  if (!o.key_exchange || !suite) return std::nullopt;
  const probe::KeyExchange& kx = *o.key_exchange;
  bool ephemeral = catalog::ephemeral(kx.kind);
  if (ephemeral && !kx.message_sent)
    return violation("the server chose " + suite->iana_name +
                     " but sent no ServerKeyExchange: unexpected_message");
  if (!ephemeral && kx.message_sent &&
      (kx.kind == catalog::KxKind::rsa || kx.kind == catalog::KxKind::ecdh ||
       kx.kind == catalog::KxKind::dh))
    return violation("a ServerKeyExchange for " + suite->iana_name +
                     ", whose key exchange has none: unexpected_message");
  if (!kx.decode_error.empty())
    return violation("the ServerKeyExchange does not parse: " + kx.decode_error + ": decode_error");
  if (kx.kind == catalog::KxKind::ecdhe && kx.group) {
    const catalog::Catalog& cat = catalog::Catalog::get();
    if (!contains(hello.groups, *kx.group))
      return violation("the ServerKeyExchange uses " + cat.group_name(*kx.group) +
                       ", a curve the client did not offer: illegal_parameter");
    auto length = point_length(*kx.group);
    bool nist = length && *length > 56;
    if ((length && kx.public_value.size() != *length) ||
        (nist && !kx.public_value.empty() && kx.public_value.front() != 0x04))
      return violation(
          fmt::format("the server's {} public point is malformed ({} bytes): "
                      "illegal_parameter",
                      cat.group_name(*kx.group), kx.public_value.size()));
  }
  if (kx.kind == catalog::KxKind::dhe && !kx.dh_prime.empty()) {
    Bytes one{1};
    Bytes p_minus_1 = kx.dh_prime;
    p_minus_1.back() &= 0xfe;  // p is odd when valid, checked first
    if ((kx.dh_prime.back() & 1) == 0 && profile.policy.check_dh_prime)
      return violation("the server's DH prime is even: not a usable group");
    if (compare(kx.public_value, one) <= 0 || compare(kx.public_value, p_minus_1) >= 0)
      return violation("the server's DH public value is outside 1 < Ys < p-1: illegal_parameter");
  }
  if (kx.signature.starts_with("failed"))
    return violation(
        "the ServerKeyExchange signature does not verify with the certificate's key "
        "(a key that does not match the certificate?): decrypt_error");
  return std::nullopt;
}

}  // namespace

std::optional<PolicyFailure> flight_violation(const catalog::Profile& profile,
                                              const probe::Observation& o,
                                              bool followed_hello_retry) {
  const catalog::HelloTemplate& hello = profile.hello;
  // The record layer comes first: a client drops an over-long record before
  // it reads what is in it (RFC 8446 §5.1, RFC 5246 §6.2.1: 2^14 bytes of
  // plaintext at most; OpenSSL "data length too long", Go "oversized record").
  if (o.largest_record > wire::kMaxPlaintext)
    return violation(
        fmt::format("the server sent a {}-byte plaintext record, over the 2^14-byte "
                    "limit: record_overflow",
                    o.largest_record));
  if (o.compression != 0)
    return violation(
        fmt::format("the server chose compression method {}; the client offers only null: "
                    "illegal_parameter",
                    o.compression));
  if (followed_hello_retry && o.version < wire::kTls13)
    return violation("after its HelloRetryRequest the server answered with " +
                     catalog::Catalog::get().version_name(o.version) +
                     " (RFC 8446 §4.1.4): illegal_parameter");
  if (auto v = downgrade(hello, o)) return v;
  if (auto v = unsolicited_extension(profile, o)) return v;
  if (o.version >= wire::kTls13) return tls13_server_hello(profile, o, followed_hello_retry);
  if (o.certificate_error)
    return violation("the server's certificate does not parse: " + *o.certificate_error +
                     ": bad_certificate");
  return key_exchange(profile, o);
}

}  // namespace tlsd::simulate
