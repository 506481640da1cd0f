#include "simulate/client_auth_facts.h"

#include <ctime>

#include "catalog/catalog.h"
#include "checks/client_cert_fit.h"
#include "simulate/client_presentation.h"

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

const probe::ClientAuthProbeResult& ClientAuthFacts::with_identity(
    const checks::ScanOptions& options, uint16_t version) {
  std::lock_guard lock(mutex_);
  auto known = with_identity_.find(version);
  if (known != with_identity_.end()) return known->second;
  probe::ClientAuthProbeOptions o;
  o.timeout = options.timeout;
  o.version = version;
  o.read_timeout = std::chrono::milliseconds(1000);
  o.identity = options.client_identity.get();
  probe::ClientAuthProbeResult r = probe::probe_client_auth(options.target, o);
  connections_ += r.connections;
  return with_identity_.emplace(version, std::move(r)).first->second;
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

std::optional<ClientAuthRefusal> ClientAuthFacts::refusal(const checks::ScanOptions& options,
                                                          std::string_view profile_id,
                                                          uint16_t version, bool requested) {
  using catalog::ReasonKind;
  checks::ClientAuth auth = at(options, version);
  auto without = [&](std::string why) -> std::optional<ClientAuthRefusal> {
    if (!refuses_without_certificate(auth, requested)) return std::nullopt;
    return ClientAuthRefusal{ReasonKind::client_cert_required, why + " (" + auth.evidence + ")"};
  };
  if (!options.client_identity) return without("the client has none");
  if (auth.policy == checks::ClientAuthPolicy::none) return std::nullopt;  // never asked
  checks::CertFit fit = checks::judge_client_certificate(*options.client_identity, &auth,
                                                         static_cast<int64_t>(std::time(nullptr)));
  Presentation shown = presentation_for(profile_id, fit);
  if (!shown.sends) return without(shown.why);
  const probe::ClientAuthProbeResult& live = with_identity(options, version);
  bool refused = live.answer == probe::ServerAnswer::none ||
                 live.answer == probe::ServerAnswer::refused_in_handshake ||
                 live.answer == probe::ServerAnswer::refused_after_handshake ||
                 live.refuses_in_http;
  if (!refused) return std::nullopt;
  std::string detail = "the server refused the client certificate " + fit.subject + ": " +
                       (live.alert ? "alert " + catalog::Catalog::get().alert_name(*live.alert)
                        : live.refuses_in_http ? live.first_bytes
                        : live.error           ? live.error->message
                                               : std::string("no answer"));
  for (const checks::CertFitFinding& f : fit.findings) detail += "; " + f.detail;
  return ClientAuthRefusal{
      live.alert ? catalog::FailureReason::alert(*live.alert) : ReasonKind::client_cert_required,
      detail};
}

}  // namespace tlsd::simulate
