#include "probe/observation.h"

#include <algorithm>

#include "catalog/catalog.h"
#include "wire/constants.h"
#include "wire/server_key_exchange.h"

namespace tlsd::probe {
namespace {

std::optional<wire::KexLayout> layout_for(catalog::KxKind kx) {
  using catalog::KxKind;
  switch (kx) {
    case KxKind::ecdhe:
    case KxKind::ecdh:  // anon only sends one
      return wire::KexLayout::ecdhe;
    case KxKind::dhe:
    case KxKind::dh:
      return wire::KexLayout::dhe;
    case KxKind::rsa_export:
    case KxKind::rsa:
      return wire::KexLayout::rsa_export;
    case KxKind::psk:
    case KxKind::rsa_psk:
      return wire::KexLayout::psk;
    case KxKind::dhe_psk:
      return wire::KexLayout::dhe_psk;
    case KxKind::ecdhe_psk:
      return wire::KexLayout::ecdhe_psk;
    default:
      return std::nullopt;
  }
}

bool signs_key_exchange(const catalog::CipherSuite& s) {
  return s.auth == "RSA" || s.auth == "DSS" || s.auth == "ECDSA";
}

KeyExchange describe_key_exchange(const wire::ServerFlight& f, const catalog::CipherSuite* suite,
                                  ByteView client_random) {
  KeyExchange kx;
  kx.kind = suite ? suite->kx : catalog::KxKind::unknown;
  if (!f.server_key_exchange) {
    kx.signature = "unsigned";
    return kx;
  }
  kx.message_sent = true;
  auto layout = suite ? layout_for(suite->kx) : std::nullopt;
  if (!layout) {
    kx.signature = "not checked: unknown key exchange layout";
    return kx;
  }
  bool tls12 = f.server_hello->negotiated_version() >= wire::kTls12;
  bool signed_kex = signs_key_exchange(*suite);
  auto ske = wire::parse_server_key_exchange(*f.server_key_exchange, *layout, signed_kex, tls12);
  if (!ske) {
    kx.signature = "not checked: " + ske.error().message;
    kx.decode_error = ske.error().message;
    return kx;
  }
  kx.group = ske->named_curve;
  kx.dh_bits = ske->dh_prime_bits();
  kx.dh_prime = ske->dh_p;
  kx.public_value = !ske->ec_point.empty() ? ske->ec_point : ske->dh_ys;
  kx.public_bytes = kx.public_value.size();
  kx.dh_generator = ske->dh_g;
  kx.signature_scheme = ske->signature_scheme;
  if (!signed_kex) {
    kx.signature = "unsigned";
  } else if (f.certificates.empty()) {
    kx.signature = "not checked: no certificate";
  } else {
    Status st = wire::verify_server_key_exchange(*ske, f.certificates.front(), client_random,
                                                 f.server_hello->random);
    kx.signature = st ? "verified" : "failed: " + st.error().message;
  }
  return kx;
}

bool contains(const auto& list, auto value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// RFC 8446 §4.1.3 / RFC 5246 §7.4.1.3: the server must pick from the offer.
std::optional<Error> unoffered_choice(const Observation& o, const Offer& offer) {
  const catalog::Catalog& cat = catalog::Catalog::get();
  bool hello = o.outcome == Outcome::server_hello || o.outcome == Outcome::hello_retry_request;
  if (hello && !contains(offer.versions, o.version))
    return Error::protocol(
        ProtocolCode::unoffered_version,
        "server chose " + cat.version_name(o.version) + ", which was not offered");
  if (hello && !contains(offer.suites, o.cipher_suite))
    return Error::protocol(
        ProtocolCode::unoffered_suite,
        "server chose " + cat.describe_suite(o.cipher_suite) + ", which was not offered");
  if (o.hrr_group && !contains(offer.groups, *o.hrr_group))
    return Error::protocol(
        ProtocolCode::unoffered_group,
        "HelloRetryRequest asks for group " + cat.group_name(*o.hrr_group) + ", not offered");
  if (o.outcome == Outcome::ssl2_server_hello && !contains(offer.versions, uint16_t{0x0002}))
    return Error::protocol(ProtocolCode::unoffered_version,
                           "server answered in SSLv2, which was not offered");
  if (o.outcome == Outcome::ssl2_server_hello && !offer.ssl2_ciphers.empty()) {
    for (uint32_t c : o.ssl2_ciphers)
      if (contains(offer.ssl2_ciphers, c)) return std::nullopt;
    return Error::protocol(ProtocolCode::unoffered_suite,
                           "SSLv2 server lists no cipher that was offered");
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::server_hello:
      return "server_hello";
    case Outcome::hello_retry_request:
      return "hello_retry_request";
    case Outcome::ssl2_server_hello:
      return "ssl2_server_hello";
    case Outcome::alert:
      return "alert";
    case Outcome::failed:
      return "failed";
  }
  return "";
}

Observation observe(const ProbeResult& r, const Offer& offer) {
  const catalog::Catalog& cat = catalog::Catalog::get();
  const wire::ServerFlight& f = r.flight;
  Observation o;
  o.stage = r.stage;
  o.error = r.error;
  o.peer = r.peer;
  o.elapsed = r.elapsed;
  if (!f.alerts.empty()) {
    o.alert = f.alerts.back().description;
    o.alert_fatal = f.alerts.back().fatal();
  }
  o.raw_certificates = f.certificates;
  o.largest_record = f.largest_record;
  for (const Bytes& der : f.certificates) {
    auto summary = wire::summarize_certificate(der);
    if (summary) {
      o.certificates.push_back(std::move(*summary));
    } else if (!o.certificate_error) {
      o.certificate_error = summary.error().message;
    }
  }
  if (f.ssl2_server_hello) {
    o.outcome = Outcome::ssl2_server_hello;
    o.version = wire::kSsl2;
    o.ssl2_ciphers = f.ssl2_server_hello->cipher_specs;
    if (auto summary = wire::summarize_certificate(f.ssl2_server_hello->certificate))
      o.certificates.push_back(std::move(*summary));
  } else if (f.server_hello) {
    const wire::ServerHello& sh = *f.server_hello;
    const wire::ServerExtensions& e = sh.extensions;
    o.outcome = sh.is_hello_retry_request ? Outcome::hello_retry_request : Outcome::server_hello;
    o.version = sh.negotiated_version();
    o.cipher_suite = sh.cipher_suite;
    o.hrr_group = e.hrr_selected_group;
    o.extensions = e.present;
    o.alpn = e.alpn;
    o.secure_renegotiation = e.renegotiation_info.has_value();
    o.extended_master_secret = e.extended_master_secret;
    o.encrypt_then_mac = e.encrypt_then_mac;
    o.session_ticket = e.session_ticket;
    o.ocsp_stapled = f.certificate_status.has_value();
    o.compression = sh.compression_method;
    o.session_id_echoed = sh.session_id == offer.session_id;
    o.record_size_limit = e.record_size_limit;
    if (sh.downgrade == wire::DowngradeSentinel::tls12) o.downgrade_sentinel = "tls12";
    if (sh.downgrade == wire::DowngradeSentinel::tls11_or_below) o.downgrade_sentinel = "tls11";
    if (!sh.is_hello_retry_request) {
      const catalog::CipherSuite* suite = cat.suite(sh.cipher_suite);
      if (o.version >= wire::kTls13) {
        KeyExchange kx;
        kx.kind = catalog::KxKind::tls13_key_share;
        if (e.key_share) {
          kx.group = e.key_share->group;
          kx.public_bytes = e.key_share->key_exchange.size();
        }
        kx.signature = "not checked: encrypted in TLS 1.3";  // CertificateVerify
        o.key_exchange = kx;
      } else if (r.flight_complete) {
        o.key_exchange = describe_key_exchange(f, suite, offer.client_random);
      }
    }
  } else if (o.alert && (o.alert_fatal || *o.alert == 0)) {
    o.outcome = Outcome::alert;  // a refusal: fatal, or close_notify instead of a hello
  }
  if (auto violation = unoffered_choice(o, offer)) {
    o.outcome = Outcome::failed;
    o.error = std::move(violation);
  }
  return o;
}

}  // namespace tlsd::probe
