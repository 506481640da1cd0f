#include "cli/simulate_command.h"

#include <iostream>

#include "catalog/profiles.h"
#include "cli/exit_codes.h"
#include "cli/lists.h"
#include "cli/progress_line.h"
#include "report/simulate_report.h"
#include "simulate/profile_hello.h"

namespace tlsd::cli {
void add_simulate_command(CLI::App& app, SimulateArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "simulate",
      "Replay real clients' exact ClientHellos against the server and apply each client's own "
      "checks (key sizes, SHA-1, DH size, renegotiation, EMS, trust, host name): who connects, "
      "who fails, and why, in that client's words.");
  cmd->add_option("target", args.target, "HOST[:PORT] or a URL (smtp://, postgres://, ...)")
      ->required();
  cmd->add_option("--clients", args.clients,
                  "profile ids, comma-separated; a knob after '+': go-1.22+GODEBUG=tlsrsakex=1 "
                  "(default: the current version of each client; see 'tlsdoctor profiles')");
  cmd->add_flag("--all", args.all, "every profile");
  add_connection_options(cmd, args.connection, kWithCaFile | kWithMaxConnections | kWithClientCert);
  add_output_options(cmd, args.output, json_help(report::kSimulateSchema));
  cmd->footer(
      "Examples:\n"
      "  tlsdoctor simulate api.example.com\n"
      "  tlsdoctor simulate api.example.com --clients go-1.21,go-1.22,go-1.22+GODEBUG=tlsrsakex=1\n"
      "Exit status: 0 every client connects, 1 at least one fails, 2 usage error or the target "
      "could not be reached.");
}

int run_simulate(const SimulateArgs& args) {
  const catalog::ProfileSet& set = catalog::ProfileSet::get();
  std::vector<catalog::Profile> profiles;
  if (args.all) {
    profiles = set.all();
  } else if (!args.clients.empty()) {
    auto resolved = resolve_clients(args.clients);
    if (!resolved) return operational_error("simulate", resolved.error());
    profiles = std::move(*resolved);
  } else {
    for (const catalog::Profile& p : set.all())
      if (p.current) profiles.push_back(p);
  }
  if (profiles.empty())
    return operational_error("simulate", Error::usage("no client profile selected"));

  auto made = make_scan_options(args.target, args.connection);
  if (!made) return operational_error("simulate", made.error());
  const checks::ScanOptions& options = *made;

  ProgressLine progress(args.output.text());
  progress.show("simulating " + std::to_string(profiles.size()) + " clients against " +
                options.target.display());
  simulate::SimulationReport report = simulate::simulate(options, profiles);
  progress.clear();
  args.output.printer()->simulation(report);
  if (report.error) return kExitOperational;
  for (const auto& r : report.results)
    if (!r.ok) return kExitFinding;
  return kExitOk;
}

void add_profiles_command(CLI::App& app, ProfilesArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "profiles",
      "The client profiles tlsdoctor knows (data/profiles/), with their sources and knobs.");
  add_output_options(cmd, args.output, json_help(report::kProfilesSchema, false));
  cmd->add_option("--hello-hex", args.hello_hex,
                  "print profile ID's exact ClientHello as hex, with fixed randomness and SNI "
                  "example.com (the golden files of tests/golden/hellos)");
}

int run_profiles(const ProfilesArgs& args) {
  const catalog::ProfileSet& set = catalog::ProfileSet::get();
  if (!args.hello_hex.empty()) {
    auto p = set.resolve(args.hello_hex);
    if (!p) return operational_error("profiles", p.error());
    auto hello =
        simulate::build_profile_hello(*p, "example.com", simulate::HelloRandomness::fixed());
    if (!hello) return operational_error("profiles", hello.error());
    std::cout << to_hex(hello->bytes) << "\n";
    return kExitOk;
  }
  args.output.printer()->profiles(set.all());
  return kExitOk;
}

}  // namespace tlsd::cli
