// The connection options every network command shares (--ip, --sni,
// --no-sni, --ca-file, --timeout, --max-connections, --starttls,
// --no-starttls, --proxy, --no-proxy, --resolve): declared once, so each
// command spells and checks them the same way.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "base/result.h"
#include "checks/scan_context.h"
#include "probe/proxy_config.h"
#include "probe/target.h"
#include "probe/target_spec.h"

namespace tlsd::cli {

struct ConnectionArgs {
  std::string ip, sni, ca_file;
  bool no_sni = false;
  // --cert FILE --key FILE (PEM), or --cert FILE.p12; --cert-password-env VAR.
  std::string cert_file, key_file, cert_password_env;
  double timeout_seconds = 5.0;
  int max_connections = 8;
  std::string starttls;              // --starttls PROTO
  bool no_starttls = false;          // --no-starttls
  std::string proxy;                 // --proxy URL
  bool no_proxy = false;             // --no-proxy
  std::vector<std::string> resolve;  // --resolve HOST:PORT:ADDR[,ADDR]
  // Where the environment is read (the proxy variables); tests give their own.
  probe::EnvLookup env = probe::process_env();

  std::chrono::milliseconds timeout() const {
    return std::chrono::milliseconds(static_cast<int64_t>(timeout_seconds * 1000));
  }
};

enum ConnectionOption { kWithCaFile = 1, kWithMaxConnections = 2, kWithClientCert = 4 };

void add_connection_options(CLI::App* cmd, ConnectionArgs& args, int options);

// One target as the user wrote it (HOST[:PORT], [IPv6]:PORT, scheme://...),
// with every connection flag applied: --ip / --resolve, --sni / --no-sni,
// --starttls / --no-starttls, the proxy (--proxy or the environment). Its
// notes ("port 25 is SMTP's ...", "through proxy ...") go to stderr.
Result<probe::TargetSpec> make_target_spec(const std::string& text, const ConnectionArgs& args);
Result<probe::Target> make_target(const std::string& text, const ConnectionArgs& args);
// --cert/--key/--cert-password-env loaded and checked (nullptr when no --cert).
Result<std::shared_ptr<const probe::ClientIdentity>> client_identity(const ConnectionArgs& args);
// The scan/simulate options for one target.
Result<checks::ScanOptions> make_scan_options(const std::string& text, const ConnectionArgs& args);

}  // namespace tlsd::cli
