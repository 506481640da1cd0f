#include "cli/get_command.h"

#include "catalog/catalog.h"
#include "cli/exit_codes.h"
#include "diagnose/snippet.h"
#include "probe/https_get.h"
#include "report/get_report.h"

namespace tlsd::cli {
namespace {

Result<uint16_t> version_option(const std::string& text, const char* flag) {
  if (text.empty()) return uint16_t{0};
  // "1.2", "TLSv1.2", "tls1.2"
  std::string name =
      text.find_first_not_of("0123456789.") == std::string::npos ? "TLSv" + text : text;
  if (name == "TLSv1.0") name = "TLSv1";
  auto v = catalog::Catalog::get().version_named(name);
  if (!v || *v < 0x0300) return Error::usage(std::string(flag) + ": unknown TLS version " + text);
  return *v;
}

// The doctor on the same server, with the same way to reach and trust it.
std::string doctor_command(const std::string& authority, const ConnectionArgs& c) {
  std::string cmd = "tlsdoctor " + diagnose::quote(authority, "shell");
  if (!c.ip.empty()) cmd += " --ip " + diagnose::quote(c.ip, "shell");
  if (!c.sni.empty()) cmd += " --sni " + diagnose::quote(c.sni, "shell");
  if (!c.ca_file.empty()) cmd += " --ca-file " + diagnose::quote(c.ca_file, "shell");
  for (const std::string& r : c.resolve) cmd += " --resolve " + diagnose::quote(r, "shell");
  // A proxy with credentials stays out: the line is printed.
  if (!c.proxy.empty() && c.proxy.find('@') == std::string::npos)
    cmd += " --proxy " + diagnose::quote(c.proxy, "shell");
  if (c.no_proxy) cmd += " --no-proxy";
  return cmd;
}

}  // namespace

void add_get_command(CLI::App& app, GetArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "get",
      "One HTTPS GET through OpenSSL with the TLS settings you give, printing what was negotiated "
      "and the HTTP status line: does this exact configuration work? Trust and host name are "
      "always verified.");
  cmd->add_option("url", args.url, "https://HOST[:PORT][/PATH], or HOST[:PORT]")->required();
  cmd->add_option("--tls-min", args.tls_min, "lowest TLS version: 1.0, 1.1, 1.2, 1.3");
  cmd->add_option("--tls-max", args.tls_max, "highest TLS version");
  cmd->add_option("--ciphers", args.ciphers,
                  "TLS <= 1.2 suites, OpenSSL syntax: AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256");
  cmd->add_option("--ciphersuites", args.ciphersuites, "TLS 1.3 suites: TLS_AES_128_GCM_SHA256");
  cmd->add_option("--groups", args.groups, "key exchange groups: X25519:P-256");
  add_connection_options(cmd, args.connection, kWithCaFile | kWithClientCert);
  add_output_options(cmd, args.output, json_help(report::kGetSchema));
  cmd->footer(
      "Examples:\n"
      "  tlsdoctor get https://api.example.com/health\n"
      "  tlsdoctor get https://api.example.com/ --tls-max 1.2 --ciphers AES128-SHA\n"
      "  tlsdoctor get https://api.example.com/ --ip 10.0.0.7 --ca-file partner-ca.pem\n"
      "Exit status: 0 the request got an HTTP response, 1 the TLS handshake or verification "
      "failed, 2 usage error or the server could not be reached.");
}

int run_get(const GetArgs& args) {
  auto spec = make_target_spec(args.url, args.connection);
  if (!spec) return operational_error("get", spec.error());
  if (spec->row && spec->row->scheme != "https")
    return operational_error(
        "get", Error::usage("get speaks HTTP over TLS; for " + std::string(spec->row->protocol) +
                            " use 'tlsdoctor " + args.url.substr(0, 200) + "' or scan"));
  const probe::Target* target = &spec->target;
  std::string authority = target->display();
  probe::HttpsGetOptions o;
  o.timeout = args.connection.timeout();
  o.ciphers = args.ciphers;
  o.ciphersuites = args.ciphersuites;
  o.groups = args.groups;
  o.ca_file = args.connection.ca_file;
  o.path = spec->path;
  auto identity = client_identity(args.connection);
  if (!identity) return operational_error("get", identity.error());
  o.identity = identity->get();
  auto min = version_option(args.tls_min, "--tls-min");
  auto max = version_option(args.tls_max, "--tls-max");
  if (!min) return operational_error("get", min.error());
  if (!max) return operational_error("get", max.error());
  o.min_version = *min;
  o.max_version = *max;

  probe::HttpsGetResult r = probe::https_get(*target, o);
  if (r.error && r.error->layer == ErrorLayer::usage) return operational_error("get", *r.error);
  std::string shown = "https://" + authority + spec->path;
  args.output.printer()->get({shown, r, doctor_command(authority, args.connection), target->route});
  if (!r.error) return kExitOk;
  return r.stage == "connect" || r.error->layer == ErrorLayer::transport ? kExitOperational
                                                                         : kExitFinding;
}

}  // namespace tlsd::cli
