// Why a client failed, said with evidence from the server model: not "no
// common cipher suite" but which suites the server does accept and which the
// client offered.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "catalog/profiles.h"
#include "checks/server_model.h"
#include "simulate/simulate.h"

namespace tlsd::diagnose {

struct FailureCause {
  // The failure taxonomy; refined where the server model says more than the
  // handshake did (an alert handshake_failure -> no_common_sigalg). nullopt
  // when the client connects.
  std::optional<catalog::FailureReason> reason;
  std::string title;                  // "no cipher suite in common"
  std::string summary;                // the server's side, with evidence
  std::vector<std::string> evidence;  // further facts: what the client offered, ...
  std::string hint;  // advice where no client fix can be verified (data/fixes/reasons.json)

  std::string reason_name() const { return catalog::reason_name(reason); }  // "" when none
};

// "a, b, c and 3 more": the first `limit` codes, as `describe` names them.
std::string name_list(const std::vector<uint16_t>& codes,
                      const std::function<std::string(uint16_t)>& describe, size_t limit = 6);

// The versions a profile's hello offers, highest first.
std::vector<uint16_t> offered_versions(const catalog::HelloTemplate& hello);

// The suites the server accepted at `versions`, highest version first, each once.
std::vector<uint16_t> accepted_suites(const checks::ServerModel& server,
                                      const std::vector<uint16_t>& versions);

// Every group the server accepted (TLS 1.3 first), each once.
std::vector<uint16_t> accepted_groups(const checks::ServerModel& server);

FailureCause explain_failure(const catalog::Profile& profile, const simulate::ClientResult& result,
                             const checks::ServerModel& server);

}  // namespace tlsd::diagnose
