// A client's checks after the ServerHello, in the order clients make them:
// renegotiation_info and EMS at the ServerHello, then the certificate (trust,
// host name, validity, key size, SHA-1), then the ServerKeyExchange (signature
// scheme, DH size), then a server that requires a client certificate the
// client does not have (a CertificateRequest alone only asks:
// simulate/client_auth_facts.h decides).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "catalog/profiles.h"
#include "checks/trust.h"
#include "probe/observation.h"

namespace tlsd::simulate {

struct PolicyFailure {
  catalog::FailureReason reason;
  std::string detail;
};

// `chain`: DER as sent (TLS <= 1.2 from the flight, TLS 1.3 from a full
// handshake); `verdict`: its trust verdict for the target's name.
std::optional<PolicyFailure> apply_policy(const catalog::ClientPolicy& policy,
                                          const catalog::HelloTemplate& hello,
                                          const probe::Observation& observation,
                                          const std::vector<wire::CertificateSummary>& chain,
                                          const checks::TrustVerdict& verdict,
                                          bool certificate_required);

}  // namespace tlsd::simulate
