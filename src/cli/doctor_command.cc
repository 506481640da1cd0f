#include "cli/doctor_command.h"

#include <iostream>

#include "catalog/profiles.h"
#include "cli/addresses.h"
#include "cli/exit_codes.h"
#include "cli/lists.h"
#include "cli/progress_line.h"
#include "diagnose/client_from.h"
#include "diagnose/doctor.h"
#include "report/doctor_report.h"

namespace tlsd::cli {
void add_doctor_options(CLI::App& app, DoctorArgs& args) {
  app.add_option("target", args.target,
                 "HOST[:PORT] or URL to examine (the doctor; default port 443; smtp://, imap://, "
                 "postgres://, ... speak their protocol before TLS)");
  CLI::Option* client = app.add_option(
      "--client", args.client,
      "judge one client: a profile id, optionally with knobs (go-1.22, "
      "go-1.22+GODEBUG=tlsrsakex=1; see 'tlsdoctor profiles'). Default: every current "
      "client");
  app.add_option("--client-from", args.client_from,
                 "build the client from your own environment: a Go module directory (go version, "
                 "go.mod go/godebug lines, $GODEBUG), a JDK home, or an openssl.cnf")
      ->excludes(client);
  app.add_option("--server", args.server_software,
                 "render the server fix only for this software: nginx, apache, haproxy, openssl, "
                 "java, iis (default: all)")
      ->check(CLI::IsMember({"nginx", "apache", "haproxy", "openssl", "java", "iis"}));
  CLI::Option* all = app.add_flag("--all-addresses", args.all_addresses,
                                  "compare every address of the name (A and AAAA, or --resolve's); "
                                  "on by default when it has at most 8");
  app.add_flag("--one-address", args.one_address,
               "examine only the address the resolver gives first")
      ->excludes(all);
  add_connection_options(&app, args.connection,
                         kWithCaFile | kWithMaxConnections | kWithClientCert);
  add_output_options(&app, args.output, json_help(report::kDoctorSchema));
}

int run_doctor(const DoctorArgs& args) {
  const catalog::ProfileSet& set = catalog::ProfileSet::get();
  std::vector<catalog::Profile> clients;
  std::optional<report::ClientFrom> client_from;
  if (!args.client_from.empty()) {
    auto local = diagnose::profile_from_environment(args.client_from);
    if (!local) return operational_error("", local.error());
    if (args.output.text())
      for (const std::string& note : local->notes) std::cerr << "client: " << note << "\n";
    client_from = report::ClientFrom{args.client_from, local->spec, local->notes};
    auto p = set.resolve(local->spec);
    if (!p) return operational_error("", p.error());
    clients.push_back(std::move(*p));
  } else if (!args.client.empty()) {
    auto resolved = resolve_clients(args.client);
    if (!resolved) return operational_error("", resolved.error());
    clients = std::move(*resolved);
  } else {
    for (const catalog::Profile& p : set.all())
      if (p.current) clients.push_back(p);
  }
  auto made = make_scan_options(args.target, args.connection);
  if (!made) return operational_error("", made.error());

  ProgressLine progress(args.output.text());
  auto show = [&](std::string_view step) {
    progress.show("tlsdoctor " + made->target.display() + ": " + std::string(step));
  };
  // Every address of the name, scanned and compared, before the doctor runs
  // on the first: a stale backend of a round robin fails "intermittently".
  std::vector<std::string> differences;
  if (!args.one_address) {
    auto addresses = target_addresses(made->target, args.connection);
    if (addresses && addresses->size() > 1 && (args.all_addresses || addresses->size() <= 8)) {
      show("comparing its " + std::to_string(addresses->size()) + " addresses");
      differences = checks::compare_addresses(scan_addresses(*made, *addresses));
      made->target.connect_ip = addresses->front();
    }
  }
  diagnose::DoctorReport report = diagnose::run_doctor(*made, clients, show);
  report.address_differences = std::move(differences);
  progress.clear();
  args.output.printer()->doctor({report, client_from, args.server_software});
  if (report.error) return kExitOperational;
  for (const diagnose::Verdict& v : report.verdicts)
    if (!v.result.ok) return kExitFinding;
  return kExitOk;
}

}  // namespace tlsd::cli
