// Before any connection: does the client certificate the user gave fit what
// the server's CertificateRequest asks for? Validity, the clientAuth EKU,
// keyUsage, the key type against the request's signature algorithms, and the
// issuer chain against the CA names (and whether the intermediates are there).
// Plain decisions over DER; no network.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checks/server_model.h"
#include "probe/client_identity.h"

namespace tlsd::checks {

enum class CertFitProblem {
  not_yet_valid,
  expired,
  no_client_auth_eku,
  no_digital_signature,
  key_not_allowed,   // no signature algorithm of the request fits the key
  issuer_not_named,  // the chain reaches none of the requested CA names
  chain_incomplete,  // the leaf's issuer is named nowhere and no intermediate is given
};

struct CertFitFinding {
  CertFitProblem problem;
  std::string detail;
};

struct CertFit {
  std::string subject, issuer;
  int64_t not_after = 0;
  std::optional<int64_t> days_left;  // when valid
  std::string key_type;              // "RSA 2048", "EC P-256"
  // The chain (leaf and intermediates given) reaches a requested CA name, or
  // the request names none: what Java's and .NET's key managers select by.
  bool matches_ca_names = true;
  std::vector<CertFitFinding> findings;
};

// `request`: the server's CertificateRequest as scan reads it (nullptr when
// unknown: then only the certificate's own properties are judged).
CertFit judge_client_certificate(const probe::ClientIdentity& identity, const ClientAuth* request,
                                 int64_t now);

std::string_view to_string(CertFitProblem problem);

}  // namespace tlsd::checks
