// The checks: each plans its probes, runs them through the engine and folds
// the observations into the server model. Each is one file with one row in
// the registry (registry.h), which scan.cc runs in order of dependency.
#pragma once

#include <asio.hpp>
#include <map>

#include "checks/scan_context.h"
#include "checks/server_model.h"

namespace tlsd::checks {

// The first answer per version: versions.cc sends one hello per version,
// offering every suite valid there; later checks build on those answers.
using FirstAnswers = std::map<uint16_t, probe::Observation>;

asio::awaitable<void> check_versions(ScanContext& ctx, ServerModel& model, FirstAnswers& first);
asio::awaitable<void> check_suites(ScanContext& ctx, ServerModel& model, const FirstAnswers& first);
asio::awaitable<void> check_groups(ScanContext& ctx, ServerModel& model);
asio::awaitable<void> check_signature_schemes(ScanContext& ctx, ServerModel& model);
asio::awaitable<void> check_extensions(ScanContext& ctx, ServerModel& model,
                                       const FirstAnswers& first);
asio::awaitable<void> check_certificates(ScanContext& ctx, ServerModel& model,
                                         const FirstAnswers& first);
asio::awaitable<void> check_client_auth(ScanContext& ctx, ServerModel& model);
// Adds a chain (DER, as sent) with its trust verdict, unless already known.
void add_chain(ServerModel& model, const ScanOptions& options, std::string found_with,
               const std::vector<Bytes>& der_chain);
// Needs no network: reads the model.
void derive_findings(ServerModel& model);
// The finding ids the code knows how to judge; data/findings.csv must name
// exactly these (a row without a rule would never fire, a rule without a row
// would never print), checked in checks_test.
std::vector<std::string> finding_rule_ids();

// Shared by the checks.
bool accepted(const probe::Observation& o);  // a ServerHello or HelloRetryRequest
std::string refusal_text(const probe::Observation& o);
std::vector<uint16_t> catalog_suites_for(uint16_t version);

}  // namespace tlsd::checks
