#include "cli/scan_command.h"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "checks/scan.h"
#include "cli/exit_codes.h"
#include "report/scan_report.h"

namespace tlsd::cli {
namespace {

Result<std::vector<std::string>> read_targets(const ScanArgs& args) {
  std::vector<std::string> out = args.targets;
  if (!args.targets_file.empty()) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (args.targets_file != "-") {
      file.open(args.targets_file);
      if (!file) return Error::usage("cannot read " + args.targets_file);
      in = &file;
    }
    for (std::string line; std::getline(*in, line);) {
      size_t hash = line.find('#');
      if (hash != std::string::npos) line.resize(hash);
      line.erase(0, line.find_first_not_of(" \t\r"));
      line.erase(line.find_last_not_of(" \t\r") + 1);
      if (!line.empty()) out.push_back(line);
    }
  }
  if (out.empty()) return Error::usage("no target: give HOST[:PORT] or --targets-file");
  return out;
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
  cmd->add_option("targets", args.targets, "HOST[:PORT] ... (port 443 by default)");
  cmd->add_option("--targets-file", args.targets_file,
                  "read targets from FILE, one per line ('-' for stdin; '#' starts a comment)");
  add_connection_options(cmd, args.connection, kWithCaFile | kWithMaxConnections);
  cmd->add_option("--parallel-targets", args.parallel_targets,
                  "targets scanned at once (default 4)")
      ->check(CLI::Range(1, 64));
  cmd->add_flag(
      "--slow", args.slow,
      "one connection at a time with a pause between: for fragile or rate-limited servers");
  cmd->add_flag("--no-cert", args.no_cert,
                "skip the full handshakes (TLS 1.3 certificate, tickets, resumption)");
  cmd->add_option("--only", args.only,
                  "run only these checks (versions always run): suites, groups, sigalgs, "
                  "extensions, certificates")
      ->delimiter(',')
      ->check(CLI::IsMember({"suites", "groups", "sigalgs", "extensions", "certificates"}));
  cmd->add_flag("--json", args.json, "print JSON (schema tlsdoctor.scan/1, see docs/json.md)");
  cmd->add_flag("--jsonl", args.jsonl,
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
  auto targets = read_targets(args);
  if (!targets) {
    return operational_error("scan", targets.error());
  }
  std::vector<checks::ScanOptions> jobs;
  for (const std::string& text : *targets) {
    auto options = make_scan_options(text, args.connection);
    if (!options) {
      std::cerr << "tlsdoctor scan: " << text << ": " << options.error().message << "\n";
      return kExitOperational;
    }
    checks::ScanOptions& o = *options;
    if (args.slow) {
      o.engine.max_connections = 1;
      o.engine.pause = std::chrono::milliseconds(200);
    }
    o.certificates = !args.no_cert;
    o.only.insert(args.only.begin(), args.only.end());
    jobs.push_back(std::move(o));
  }

  bool progress = !args.json && !args.jsonl && isatty(STDERR_FILENO);
  std::mutex mu;
  std::vector<checks::ServerModel> results(jobs.size());
  std::vector<bool> done(jobs.size(), false);
  size_t printed = 0;
  report::Style style = report::Style::for_fd(STDOUT_FILENO);
  // Text keeps the command line's order; JSON lines go out as each target ends.
  auto emit_ready = [&] {
    while (printed < jobs.size() && done[printed]) {
      if (progress) std::cerr << "\x1b[2K\r" << std::flush;
      if (!args.json && !args.jsonl) {
        std::cout << report::render_scan_text(results[printed], style)
                  << (printed + 1 < jobs.size() ? "\n" : "") << std::flush;
      }
      ++printed;
    }
  };
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < jobs.size();) {
      checks::ServerModel m = checks::scan(jobs[i], [&, i](std::string_view step) {
        if (!progress) return;
        std::lock_guard lock(mu);
        std::cerr << "\x1b[2K\rscanning " << jobs[i].target.display() << ": " << step << "..."
                  << std::flush;
      });
      std::lock_guard lock(mu);
      if (args.jsonl) std::cout << report::scan_json(m).dump() << "\n" << std::flush;
      results[i] = std::move(m);
      done[i] = true;
      emit_ready();
    }
  };
  size_t threads = std::min<size_t>(jobs.size(), static_cast<size_t>(args.parallel_targets));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();

  if (args.json) {
    if (results.size() == 1) {
      std::cout << report::scan_json(results[0]).dump(2) << "\n";
    } else {
      nlohmann::json all = {{"schema", "tlsdoctor.scans/1"}, {"results", nlohmann::json::array()}};
      for (const auto& m : results) all["results"].push_back(report::scan_json(m));
      std::cout << all.dump(2) << "\n";
    }
  }
  int code = kExitOk;
  for (const auto& m : results) code = std::max(code, exit_code_for(m));
  return code;
}

}  // namespace tlsd::cli
