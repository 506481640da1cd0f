#include "simulate/client_auth_facts.h"

namespace tlsd::simulate {

void ClientAuthFacts::add(const checks::ClientAuth& auth) {
  std::lock_guard lock(mutex_);
  by_version_.emplace(auth.version, auth);
}

const checks::ClientAuth& ClientAuthFacts::at(const checks::ScanOptions& options,
                                              uint16_t version) {
  std::lock_guard lock(mutex_);
  auto known = by_version_.find(version);
  if (known != by_version_.end()) return known->second;
  probe::ClientAuthProbeOptions o;
  o.timeout = options.timeout;
  o.version = version;
  o.read_timeout = std::chrono::milliseconds(1000);
  probe::ClientAuthProbeResult r = probe::probe_client_auth(options.target, o);
  connections_ += r.connections;
  checks::ClientAuth auth = checks::decide_client_auth(version, r);
  auth.version = version;
  return by_version_.emplace(version, std::move(auth)).first->second;
}

bool ClientAuthFacts::refuses_without_certificate(const checks::ClientAuth& auth, bool requested) {
  switch (auth.policy) {
    case checks::ClientAuthPolicy::required:
      return true;
    case checks::ClientAuthPolicy::optional:
    case checks::ClientAuthPolicy::none:
      return false;
    case checks::ClientAuthPolicy::unknown:
      return requested;
  }
  return requested;
}

}  // namespace tlsd::simulate
