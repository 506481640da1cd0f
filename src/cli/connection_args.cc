#include "cli/connection_args.h"

namespace tlsd::cli {

void add_connection_options(CLI::App* cmd, ConnectionArgs& args, int options) {
  cmd->add_option("--ip", args.ip, "connect to this address, keep HOST for SNI and certificates");
  cmd->add_option("--sni", args.sni, "server name to send (default: HOST when it is a name)");
  cmd->add_flag("--no-sni", args.no_sni, "send no server_name extension");
  if (options & kWithCaFile)
    cmd->add_option("--ca-file", args.ca_file, "PEM file of extra trust anchors");
  cmd->add_option("--timeout", args.timeout_seconds, "seconds per connection (default 5)")
      ->check(CLI::Range(0.1, 600.0));
  if (options & kWithMaxConnections)
    cmd->add_option("--max-connections", args.max_connections,
                    "connections open at once per target (default 8)")
        ->check(CLI::Range(1, 64));
}

Result<probe::Target> make_target(const std::string& text, const ConnectionArgs& args) {
  auto target = probe::parse_target(text);
  if (!target) return target;
  target->connect_ip = args.ip;
  if (!args.sni.empty()) target->sni = args.sni;
  if (args.no_sni) target->sni.clear();
  return target;
}

Result<checks::ScanOptions> make_scan_options(const std::string& text, const ConnectionArgs& args) {
  auto target = make_target(text, args);
  if (!target) return target.error();
  checks::ScanOptions o;
  o.target = std::move(*target);
  o.timeout = args.timeout();
  o.engine.max_connections = args.max_connections;
  o.ca_file = args.ca_file;
  return o;
}

}  // namespace tlsd::cli
