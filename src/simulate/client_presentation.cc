#include "simulate/client_presentation.h"

#include <map>

#include "catalog/csv.h"
#include "catalog/embedded.h"

namespace tlsd::simulate {
namespace {

Result<std::map<std::string, bool>> load() {
  auto rows =
      catalog::parse_csv("data/client_auth.csv", catalog::embedded_file("data/client_auth.csv"),
                         {"stack", "selects_by_ca_names", "source"});
  if (!rows) return rows.error();
  std::map<std::string, bool> out;
  for (const catalog::CsvRow& row : *rows) {
    const std::string& v = row["selects_by_ca_names"];
    if ((v != "yes" && v != "no") || row["source"].empty())
      return Error::decode("data/client_auth.csv line " + std::to_string(row.line) +
                           ": selects_by_ca_names must be yes or no, with a source");
    out[row["stack"]] = v == "yes";
  }
  return out;
}

const std::map<std::string, bool>& table() {
  static const std::map<std::string, bool> t =
      catalog::embedded_or_abort(load(), "data/client_auth.csv");
  return t;
}

}  // namespace

bool selects_by_ca_names(std::string_view profile_id) {
  std::string stack(profile_id.substr(0, profile_id.find_first_of("-+")));
  auto it = table().find(stack);
  return it != table().end() && it->second;
}

Presentation presentation_for(std::string_view profile_id, const checks::CertFit& fit) {
  for (const checks::CertFitFinding& f : fit.findings)
    if (f.problem == checks::CertFitProblem::key_not_allowed)
      return {false, "it sends no certificate: " + f.detail};
  if (!fit.matches_ca_names && selects_by_ca_names(profile_id))
    return {false,
            "it picks a client certificate by the server's CA names and none names the issuer "
            "of " +
                fit.subject + ", so it sends none"};
  return {};
}

}  // namespace tlsd::simulate
