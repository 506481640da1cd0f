#include "checks/client_cert_fit.h"

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include "catalog/catalog.h"
#include "wire/certificate.h"

namespace tlsd::checks {
namespace {

using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;

X509Ptr decode(const Bytes& der) {
  const unsigned char* p = der.data();
  return X509Ptr(d2i_X509(nullptr, &p, static_cast<long>(der.size())), X509_free);
}

// Which signature schemes a key can make (RFC 8446 §4.2.3 names).
bool key_can_sign(const wire::CertificateSummary& leaf, const std::string& scheme) {
  if (leaf.key_type == "RSA")
    return scheme.starts_with("rsa_pkcs1") || scheme.starts_with("rsa_pss_rsae");
  if (leaf.key_type == "RSA-PSS") return scheme.starts_with("rsa_pss_pss");
  if (leaf.key_type == "EC") {
    if (scheme == "ecdsa_sha1" || scheme == "ecdsa_sha224") return true;
    if (leaf.curve == "prime256v1" || leaf.curve == "P-256")
      return scheme == "ecdsa_secp256r1_sha256";
    if (leaf.curve == "secp384r1" || leaf.curve == "P-384")
      return scheme == "ecdsa_secp384r1_sha384";
    if (leaf.curve == "secp521r1" || leaf.curve == "P-521")
      return scheme == "ecdsa_secp521r1_sha512";
    return scheme.starts_with("ecdsa");
  }
  if (leaf.key_type == "Ed25519") return scheme == "ed25519";
  if (leaf.key_type == "Ed448") return scheme == "ed448";
  if (leaf.key_type == "DSA") return scheme.starts_with("dsa");
  return false;
}

std::string days(int64_t seconds) { return std::to_string(seconds / 86400); }

}  // namespace

std::string_view to_string(CertFitProblem problem) {
  switch (problem) {
    case CertFitProblem::not_yet_valid:
      return "not_yet_valid";
    case CertFitProblem::expired:
      return "expired";
    case CertFitProblem::no_client_auth_eku:
      return "no_client_auth_eku";
    case CertFitProblem::no_digital_signature:
      return "no_digital_signature";
    case CertFitProblem::key_not_allowed:
      return "key_not_allowed";
    case CertFitProblem::issuer_not_named:
      return "issuer_not_named";
    case CertFitProblem::chain_incomplete:
      return "chain_incomplete";
  }
  return "?";
}

CertFit judge_client_certificate(const probe::ClientIdentity& identity, const ClientAuth* request,
                                 int64_t now) {
  CertFit fit;
  auto add = [&](CertFitProblem p, std::string detail) {
    fit.findings.push_back({p, std::move(detail)});
  };
  auto leaf_summary = wire::summarize_certificate(identity.chain.front());
  X509Ptr leaf = decode(identity.chain.front());
  if (!leaf_summary || !leaf) return fit;
  const wire::CertificateSummary& s = *leaf_summary;
  fit.subject = s.subject;
  fit.issuer = s.issuer;
  fit.not_after = s.not_after;
  fit.key_type = s.key_type + " " + (s.curve.empty() ? std::to_string(s.key_bits) : s.curve);
  if (now < s.not_before)
    add(CertFitProblem::not_yet_valid, "valid only from " + std::to_string(s.not_before) + " (in " +
                                           days(s.not_before - now) + " days)");
  else if (now > s.not_after)
    add(CertFitProblem::expired, "expired " + days(now - s.not_after) + " days ago");
  else
    fit.days_left = (s.not_after - now) / 86400;

  // X509_get_extension_flags caches the decoded extensions.
  uint32_t flags = X509_get_extension_flags(leaf.get());
  if ((flags & EXFLAG_XKUSAGE) && !(X509_get_extended_key_usage(leaf.get()) & XKU_SSL_CLIENT))
    add(CertFitProblem::no_client_auth_eku,
        "its extended key usage does not include clientAuth (1.3.6.1.5.5.7.3.2): servers "
        "that verify it (OpenSSL, Go, Java, SChannel) refuse it as a client certificate; public "
        "CAs stopped issuing clientAuth in 2026 (Let's Encrypt's default profile from "
        "2026-02-11, Chrome's root program: server-auth-only hierarchies from 2026-06-15)");
  if ((flags & EXFLAG_KUSAGE) && !(X509_get_key_usage(leaf.get()) & KU_DIGITAL_SIGNATURE))
    add(CertFitProblem::no_digital_signature,
        "its keyUsage lacks digitalSignature, which a client's CertificateVerify needs");
  if (!request) return fit;

  // The key against the request's signature algorithms.
  if (!request->signature_schemes.empty()) {
    bool any = false;
    for (uint16_t code : request->signature_schemes)
      any = any || key_can_sign(s, catalog::Catalog::get().signature_scheme_name(code));
    if (!any)
      add(CertFitProblem::key_not_allowed,
          "an " + fit.key_type + " key can make none of the " +
              std::to_string(request->signature_schemes.size()) +
              " signature algorithms the server accepts from clients");
  }
  // The issuer chain against the CA names.
  if (!request->ca_names.empty()) {
    std::vector<std::string> chain_names{s.issuer};
    for (size_t i = 1; i < identity.chain.size(); ++i)
      if (auto c = wire::summarize_certificate(identity.chain[i])) {
        chain_names.push_back(c->subject);
        chain_names.push_back(c->issuer);
      }
    bool named = false;
    for (const std::string& n : chain_names)
      for (const std::string& ca : request->ca_names) named = named || n == ca;
    fit.matches_ca_names = named;
    if (!named) {
      bool leaf_only = identity.chain.size() == 1 && !s.self_issued;
      add(leaf_only ? CertFitProblem::chain_incomplete : CertFitProblem::issuer_not_named,
          leaf_only ? "issued by " + s.issuer +
                          ", which the server does not name, and no intermediate was given: if "
                          "it is an intermediate under a named CA, send the full chain"
                    : "the chain (issuer " + s.issuer + ") reaches none of the " +
                          std::to_string(request->ca_names.size()) + " CA names the server sent");
    }
  }
  return fit;
}

}  // namespace tlsd::checks
