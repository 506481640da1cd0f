#include "checks/registry.h"

namespace tlsd::checks {
namespace {

// The order the checks start in within a stage (the engine queues their
// probes in this order).
const CheckRow kRegistry[] = {
    {CheckId::versions, Needs::nothing,
     [](ScanContext& c, ServerModel& m, FirstAnswers& f) { return check_versions(c, m, f); }},
    {CheckId::suites, Needs::versions,
     [](ScanContext& c, ServerModel& m, FirstAnswers& f) { return check_suites(c, m, f); }},
    {CheckId::extensions, Needs::versions,
     [](ScanContext& c, ServerModel& m, FirstAnswers& f) { return check_extensions(c, m, f); }},
    {CheckId::groups, Needs::versions,
     [](ScanContext& c, ServerModel& m, FirstAnswers&) { return check_groups(c, m); }},
    {CheckId::sigalgs, Needs::versions,
     [](ScanContext& c, ServerModel& m, FirstAnswers&) { return check_signature_schemes(c, m); }},
    {CheckId::certificates, Needs::versions,
     [](ScanContext& c, ServerModel& m, FirstAnswers& f) { return check_certificates(c, m, f); }},
    {CheckId::client_auth, Needs::versions,
     [](ScanContext& c, ServerModel& m, FirstAnswers&) { return check_client_auth(c, m); }},
};

}  // namespace

std::span<const CheckRow> check_registry() { return kRegistry; }

std::vector<std::string> optional_check_names() {
  std::vector<std::string> out;
  for (const CheckName& c : kCheckNames)
    for (const CheckRow& row : kRegistry)
      if (row.id == c.id && row.needs != Needs::nothing) out.emplace_back(c.name);
  return out;
}

}  // namespace tlsd::checks
