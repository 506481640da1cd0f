#include "cli/preflight_command.h"

#include <iostream>

#include "catalog/profiles.h"
#include "cli/exit_codes.h"
#include "cli/progress_line.h"
#include "cli/target_list.h"
#include "diagnose/preflight.h"
#include "diagnose/preflight_env.h"
#include "report/preflight_report.h"

namespace tlsd::cli {
namespace {

constexpr std::string_view kCommand = "preflight";

struct Change {
  catalog::Profile from, to;
  std::vector<std::string> notes;
};

Result<Change> resolve_change(const PreflightArgs& args) {
  const catalog::ProfileSet& set = catalog::ProfileSet::get();
  std::string from = args.from, to = args.to;
  std::vector<std::string> notes;
  if (!args.from_env.empty()) {
    auto up = diagnose::upgrade_environment(args.from_env, args.to);
    if (!up) return up.error();
    from = up->from;
    to = up->to;
    notes = up->notes;
  }
  if (from.empty()) return Error::usage("give the client today: --from SPEC or --from-env DIR");
  auto before = set.resolve(from);
  if (!before) return before.error();
  auto after = set.resolve(to);
  if (!after) return after.error();
  if (before->spec() == after->spec())
    return Error::usage("--from and --to are the same client (" + before->spec() +
                        "): nothing changes");
  return Change{std::move(*before), std::move(*after), std::move(notes)};
}

int exit_code_for(const diagnose::PreflightSummary& s) {
  if (s.breaks) return kExitFinding;
  if (s.unreachable) return kExitOperational;
  return kExitOk;
}

}  // namespace

void add_preflight_command(CLI::App& app, PreflightArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "preflight",
      "Before a client upgrade: which endpoints break, why, and the smallest fix verified live. "
      "One scan per endpoint, both clients replayed on it, each verdict the doctor's.");
  cmd->add_option("targets", args.targets, "HOST[:PORT] ... (port 443 by default)");
  cmd->add_option("--targets-file", args.targets_file,
                  "read targets from FILE, one per line ('-' for stdin; '#' starts a comment)");
  add_shard_option(cmd, args.shard);
  CLI::Option* from =
      cmd->add_option("--from", args.from,
                      "the client today: a profile, optionally with knobs (go-1.21, "
                      "java-21+jdk.tls.disabledAlgorithms=...; see 'tlsdoctor profiles')");
  cmd->add_option("--to", args.to,
                  "the client after the upgrade (go-1.22); with --from-env, the new Go "
                  "toolchain, the module's go.mod and GODEBUG read onto it")
      ->required();
  cmd->add_option("--from-env", args.from_env,
                  "the client today from your environment, as the doctor's --client-from reads "
                  "it: a Go module directory, a JDK home or an openssl.cnf")
      ->excludes(from);
  cmd->add_option("--server", args.server_software,
                  "render the server fixes only for this software: nginx, apache, haproxy, "
                  "openssl, java, iis (default: all)")
      ->check(CLI::IsMember({"nginx", "apache", "haproxy", "openssl", "java", "iis"}));
  add_connection_options(cmd, args.connection, kWithCaFile | kWithMaxConnections);
  cmd->add_option("--parallel-targets", args.parallel_targets,
                  "endpoints examined at once (default 4)")
      ->check(CLI::Range(1, 64));
  add_output_options(cmd, args.output, json_help(report::kPreflightSchema),
                     "print one JSON document per endpoint, per line, as each ends (schema " +
                         std::string(report::kPreflightEndpointSchema) +
                         "; the lines of several shards concatenate)");
  cmd->footer(
      "Examples:\n"
      "  tlsdoctor preflight --from go-1.21 --to go-1.22 --targets-file endpoints.txt\n"
      "  tlsdoctor preflight --from-env ./service --to go-1.27 api.partner.example\n"
      "  tlsdoctor preflight --from java-21 --to java-25 --targets-file hosts.txt --shard 0/4 "
      "--jsonl\n"
      "Exit status: 0 nothing breaks, 1 an endpoint breaks with the new client, 2 usage error, "
      "or nothing breaks but an endpoint could not be examined.");
}

int run_preflight(const PreflightArgs& args) {
  auto change = resolve_change(args);
  if (!change) return operational_error(kCommand, change.error());
  if (args.output.text())
    for (const std::string& note : change->notes) std::cerr << "client: " << note << "\n";
  auto shard = parse_shard(args.shard);
  if (!shard) return operational_error(kCommand, shard.error());
  auto inputs = read_target_list(args.targets, args.targets_file);
  if (!inputs) return operational_error(kCommand, inputs.error());

  std::vector<checks::ScanOptions> jobs;
  std::vector<std::string> mine;
  for (const std::string& text : *inputs) {
    auto options = make_scan_options(text, args.connection);
    if (!options)
      return operational_error(kCommand, Error::usage(text + ": " + options.error().message));
    if (!in_shard(options->target, *shard)) continue;
    jobs.push_back(std::move(*options));
    mine.push_back(text);
  }

  ProgressLine progress(args.output.text());
  auto printer = args.output.printer();
  diagnose::PreflightReport header;
  header.from = change->from.spec();
  header.to = change->to.spec();
  size_t ended = 0;
  diagnose::PreflightCallbacks callbacks;
  callbacks.done = [&](size_t i, const diagnose::EndpointPreflight& e) {
    progress.show("preflight: " + std::to_string(++ended) + " of " + std::to_string(jobs.size()) +
                  " endpoints examined");
    printer->preflight_done(i, jobs.size(), e, header);
  };
  diagnose::PreflightReport report = diagnose::run_preflight(
      jobs, mine, change->from, change->to, static_cast<size_t>(args.parallel_targets), callbacks);
  report.notes = change->notes;
  progress.clear();
  printer->preflight({report, args.server_software});
  return exit_code_for(report.summary);
}

}  // namespace tlsd::cli
