#include "cli/scan_command.h"

#include <iostream>

#include "checks/fleet.h"
#include "checks/registry.h"
#include "cli/addresses.h"
#include "cli/exit_codes.h"
#include "cli/progress_line.h"
#include "cli/target_list.h"
#include "report/scan_report.h"

namespace tlsd::cli {
namespace {

// --all-addresses: how the addresses of one name differ, in each of their
// models' notes and on stderr.
void note_address_differences(const std::vector<checks::ScanOptions>& jobs,
                              const std::vector<size_t>& group_of,
                              std::vector<checks::ServerModel>& results) {
  for (size_t start = 0; start < jobs.size();) {
    size_t end = start;
    while (end < jobs.size() && group_of[end] == group_of[start]) ++end;
    if (end - start > 1) {
      std::vector<checks::AddressScan> scans;
      for (size_t i = start; i < end; ++i) scans.push_back({jobs[i].target.connect_ip, results[i]});
      std::vector<std::string> lines = checks::compare_addresses(scans);
      std::string name = jobs[start].target.display();
      if (lines.empty())
        std::cerr << "tlsdoctor scan: the " << end - start << " addresses of " << name
                  << " answer alike\n";
      for (const std::string& line : lines) {
        std::string note = "the addresses of " + name + " differ (a likely cause of " +
                           "intermittent failures): " + line;
        std::cerr << "tlsdoctor scan: " << note << "\n";
        for (size_t i = start; i < end; ++i) results[i].notes.push_back(note);
      }
    }
    start = end;
  }
}

int exit_code_for(const checks::ServerModel& m) {
  if (m.error) return kExitOperational;
  for (const checks::Finding& f : m.findings)
    if (f.severity == checks::Severity::high || f.severity == checks::Severity::medium)
      return kExitFinding;
  return kExitOk;
}

}  // namespace

void add_scan_command(CLI::App& app, ScanArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "scan",
      "The server's complete inventory from raw ClientHellos: protocol versions SSLv2 to TLS 1.3, "
      "every accepted cipher suite per version in the server's order, groups (post-quantum "
      "hybrids too), signature schemes, extensions, certificate chains, and a security summary.");
  cmd->add_option(
      "targets", args.targets,
      "HOST[:PORT] or URL ... (port 443 by default; smtp://, imap://, postgres://, ...)");
  cmd->add_option("--targets-file", args.targets_file,
                  "read targets from FILE, one per line ('-' for stdin; '#' starts a comment)");
  add_shard_option(cmd, args.shard);
  add_connection_options(cmd, args.connection, kWithCaFile | kWithMaxConnections);
  cmd->add_option("--parallel-targets", args.parallel_targets,
                  "targets scanned at once (default 4)")
      ->check(CLI::Range(1, 64));
  cmd->add_flag(
      "--slow", args.slow,
      "one connection at a time with a pause between: for fragile or rate-limited servers");
  cmd->add_flag("--all-addresses", args.all_addresses,
                "scan every address of each name (A and AAAA, or --resolve's) and say how they "
                "differ: one stale backend makes failures intermittent");
  cmd->add_flag("--no-cert", args.no_cert,
                "skip the full handshakes (TLS 1.3 certificate, tickets, resumption)");
  std::vector<std::string> optional = checks::optional_check_names();
  std::string listed;
  for (const std::string& name : optional) listed += (listed.empty() ? "" : ", ") + name;
  cmd->add_option("--only", args.only, "run only these checks (versions always run): " + listed)
      ->delimiter(',')
      ->check(CLI::IsMember(optional));
  add_output_options(cmd, args.output, json_help(report::kScanSchema),
                     "print one JSON document per line, per target, as each ends");
  cmd->footer(
      "Examples:\n"
      "  tlsdoctor scan api.example.com\n"
      "  tlsdoctor scan 10.0.0.5:8443 --sni api.example.com --ca-file corp-root.pem\n"
      "  tlsdoctor scan --targets-file hosts.txt --jsonl > inventory.jsonl\n"
      "Exit status: 0 nothing of concern, 1 a high or medium finding, 2 usage error or a target "
      "could not be scanned (unreachable, not TLS).");
}

int run_scan(const ScanArgs& args) {
  auto targets = read_target_list(args.targets, args.targets_file);
  if (!targets) {
    return operational_error("scan", targets.error());
  }
  auto shard = parse_shard(args.shard);
  if (!shard) return operational_error("scan", shard.error());
  std::vector<checks::ScanOptions> jobs;
  std::vector<size_t> group_of;  // --all-addresses: the target each job scans an address of
  for (const std::string& text : *targets) {
    auto options = make_scan_options(text, args.connection);
    if (!options) {
      std::cerr << "tlsdoctor scan: " << text << ": " << options.error().message << "\n";
      return kExitOperational;
    }
    checks::ScanOptions& o = *options;
    if (!in_shard(o.target, *shard)) continue;
    if (args.slow) {
      o.engine.max_connections = 1;
      o.engine.pause = std::chrono::milliseconds(200);
    }
    o.certificates = !args.no_cert;
    for (const std::string& name : args.only) {
      auto id = checks::check_named(name);  // --only checked the names against the registry
      if (!id) return operational_error("scan", Error::usage("no check named " + name));
      o.only.insert(*id);
    }
    std::vector<std::string> addresses;
    if (args.all_addresses) {
      auto found = target_addresses(o.target, args.connection);
      if (!found) {
        std::cerr << "tlsdoctor scan: " << text << ": " << found.error().message << "\n";
      } else {
        addresses = std::move(*found);
      }
    }
    size_t group = group_of.empty() ? 0 : group_of.back() + 1;
    if (addresses.size() < 2) {
      jobs.push_back(std::move(o));
      group_of.push_back(group);
      continue;
    }
    for (const std::string& address : addresses) {
      checks::ScanOptions one = o;
      one.target.connect_ip = address;
      jobs.push_back(std::move(one));
      group_of.push_back(group);
    }
  }

  ProgressLine progress(args.output.text());
  auto printer = args.output.printer();
  checks::FleetCallbacks callbacks;
  callbacks.progress = [&](size_t i, std::string_view step) {
    progress.show("scanning " + jobs[i].target.display() + ": " + std::string(step));
  };
  callbacks.done = [&](size_t i, const checks::ServerModel& m) {
    progress.clear();
    printer->scan_done(i, jobs.size(), m);
  };
  std::vector<checks::ServerModel> results =
      checks::scan_fleet(jobs, static_cast<size_t>(args.parallel_targets), callbacks);
  note_address_differences(jobs, group_of, results);
  printer->scans(results);
  int code = kExitOk;
  for (const auto& m : results) code = std::max(code, exit_code_for(m));
  return code;
}

}  // namespace tlsd::cli
