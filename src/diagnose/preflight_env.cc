#include "diagnose/preflight_env.h"

#include "catalog/profiles.h"

namespace tlsd::diagnose {

Result<UpgradeClients> upgrade_environment(const std::string& path, const std::string& to,
                                           const CommandRunner& run) {
  auto today = profile_from_environment(path, run);
  if (!today) return today.error();
  auto target = catalog::ProfileSet::get().resolve(to);
  if (!target) return target.error();
  UpgradeClients out{today->spec, target->spec(), {}};
  for (const std::string& n : today->notes) out.notes.push_back("from: " + n);
  auto was = catalog::ProfileSet::get().resolve(today->spec);
  if (!was) return was.error();
  if (was->stack != "go" || target->stack != "go") {
    out.notes.push_back("to: " + out.to +
                        " as given (only a Go module is re-read for the upgrade)");
    return out;
  }
  if (!target->applied_knobs.empty())
    return Error::usage(
        "--to with --from-env names the new Go toolchain only (go-1.27); the "
        "module's own settings are read from it");
  // The same module, with the new toolchain answering instead of the local one.
  const std::string answer = "go" + target->version + ".0";
  CommandRunner upgraded = [&](const std::string& command) {
    if (command.find("go env GOVERSION") != std::string::npos) return answer;
    return run(command);
  };
  auto after = profile_from_environment(path, upgraded);
  if (!after) return after.error();
  out.to = after->spec;
  for (const std::string& n : after->notes) out.notes.push_back("to: " + n);
  return out;
}

}  // namespace tlsd::diagnose
