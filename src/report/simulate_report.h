// `tlsdoctor simulate` and `tlsdoctor profiles`: text and JSON
// (schemas "tlsdoctor.simulate/1" and "tlsdoctor.profiles/1", docs/json.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "catalog/profiles.h"
#include "report/style.h"
#include "simulate/simulate.h"

namespace tlsd::report {

constexpr const char* kSimulateSchema = "tlsdoctor.simulate/1";
constexpr const char* kProfilesSchema = "tlsdoctor.profiles/1";

std::string render_simulation_text(const simulate::SimulationReport& report, const Style& style);
nlohmann::json simulation_json(const simulate::SimulationReport& report);
// One client's outcome, as in the simulate schema's results[].
nlohmann::json client_result_json(const simulate::ClientResult& result);

std::string render_profiles_text(const std::vector<catalog::Profile>& profiles, const Style& style);
nlohmann::json profiles_json(const std::vector<catalog::Profile>& profiles);

}  // namespace tlsd::report
