#include "simulate/policy.h"

#include <algorithm>
#include <ctime>

#include "catalog/catalog.h"
#include "wire/constants.h"

namespace tlsd::simulate {
namespace {

using catalog::ReasonKind;

bool sha1_signed(const wire::CertificateSummary& c) {
  return c.signature_algorithm.find("sha1") != std::string::npos ||
         c.signature_algorithm.find("SHA1") != std::string::npos;
}

std::optional<PolicyFailure> certificate_checks(const catalog::ClientPolicy& policy,
                                                const std::vector<wire::CertificateSummary>& chain,
                                                const checks::TrustVerdict& verdict) {
  if (chain.empty()) return std::nullopt;
  const wire::CertificateSummary& leaf = chain.front();
  if (policy.verify_certificate) {
    if (leaf.not_after < static_cast<int64_t>(std::time(nullptr)))
      return PolicyFailure{ReasonKind::expired, leaf.subject + " expired"};
    if (!verdict.trusted) return PolicyFailure{ReasonKind::untrusted, verdict.error};
    if (verdict.hostname_match == false)
      return PolicyFailure{ReasonKind::hostname_mismatch,
                           leaf.subject + " does not cover the host name"};
  }
  if (leaf.key_type == "RSA") {
    if (policy.min_rsa_bits && leaf.key_bits < *policy.min_rsa_bits)
      return PolicyFailure{ReasonKind::cert_key_too_small,
                           "RSA " + std::to_string(leaf.key_bits) + "-bit key, the client needs " +
                               std::to_string(*policy.min_rsa_bits)};
    if (policy.max_rsa_bits && leaf.key_bits > *policy.max_rsa_bits)
      return PolicyFailure{ReasonKind::cert_key_too_large,
                           "RSA " + std::to_string(leaf.key_bits) + "-bit key, the client allows " +
                               std::to_string(*policy.max_rsa_bits)};
  }
  if (leaf.key_type == "EC" && policy.min_ecdsa_bits && leaf.key_bits < *policy.min_ecdsa_bits)
    return PolicyFailure{ReasonKind::cert_key_too_small,
                         "EC " + std::to_string(leaf.key_bits) + "-bit key"};
  if (!policy.accept_sha1_certificate_signature)
    for (const wire::CertificateSummary& c : chain)
      if (!c.self_issued && sha1_signed(c))
        return PolicyFailure{ReasonKind::cert_sha1_signature, c.subject + " is signed with SHA-1"};
  return std::nullopt;
}

}  // namespace

std::optional<PolicyFailure> apply_policy(const catalog::ClientPolicy& policy,
                                          const catalog::HelloTemplate& hello,
                                          const probe::Observation& o,
                                          const std::vector<wire::CertificateSummary>& chain,
                                          const checks::TrustVerdict& verdict,
                                          bool certificate_required) {
  bool tls12_or_older = o.version < wire::kTls13;
  if (tls12_or_older && policy.require_secure_renegotiation && !o.secure_renegotiation)
    return PolicyFailure{ReasonKind::no_secure_renegotiation,
                         "the ServerHello has no renegotiation_info"};
  if (tls12_or_older && policy.require_extended_master_secret && !o.extended_master_secret)
    return PolicyFailure{ReasonKind::ems_required, "the ServerHello has no extended_master_secret"};
  if (auto failure = certificate_checks(policy, chain, verdict)) return failure;
  if (tls12_or_older && o.key_exchange) {
    const probe::KeyExchange& kx = *o.key_exchange;
    if (kx.signature_scheme) {
      uint16_t scheme = *kx.signature_scheme;
      const catalog::SignatureScheme* s = catalog::Catalog::get().signature_scheme(scheme);
      bool offered = std::find(hello.signature_algorithms.begin(), hello.signature_algorithms.end(),
                               scheme) != hello.signature_algorithms.end();
      std::string name = catalog::Catalog::get().signature_scheme_name(scheme);
      if (!offered)
        return PolicyFailure{
            ReasonKind::ske_sigalg_rejected,
            "ServerKeyExchange signed with " + name + ", which the client did not offer"};
      if (s && s->hash == "sha1" && !policy.accept_sha1_handshake_signature)
        return PolicyFailure{ReasonKind::ske_sigalg_rejected,
                             "ServerKeyExchange signed with " + name};
    }
    // Before TLS 1.2 the signature algorithm is fixed: MD5+SHA-1 for RSA, SHA-1
    // for (EC)DSA (RFC 4346 §7.4.3), which clients that refuse SHA-1 refuse here.
    bool signed_kex = catalog::ephemeral(kx.kind) && kx.signature != "unsigned";
    if (o.version < wire::kTls12 && signed_kex && !policy.accept_sha1_handshake_signature)
      return PolicyFailure{ReasonKind::ske_sigalg_rejected,
                           "a TLS 1.0/1.1 ServerKeyExchange is signed with MD5+SHA-1 or SHA-1"};
    if (kx.dh_bits && policy.min_dh_bits && kx.dh_bits < *policy.min_dh_bits)
      return PolicyFailure{ReasonKind::dh_too_small, "DHE group of " + std::to_string(kx.dh_bits) +
                                                         " bits, the client needs " +
                                                         std::to_string(*policy.min_dh_bits)};
  }
  if (certificate_required)
    return PolicyFailure{ReasonKind::client_cert_required,
                         "the server requires a client certificate; the client has none"};
  return std::nullopt;
}

}  // namespace tlsd::simulate
