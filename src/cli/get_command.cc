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
  return cmd;
}

}  // namespace

Result<ParsedUrl> parse_https_url(const std::string& url) {
  std::string rest = url;
  if (size_t scheme = rest.find("://"); scheme != std::string::npos) {
    if (rest.substr(0, scheme) != "https") return Error::usage("only https:// URLs: " + url);
    rest = rest.substr(scheme + 3);
  }
  for (unsigned char c : rest)
    if (c <= 0x20 || c >= 0x7f) return Error::usage("the URL has spaces or control characters");
  size_t slash = rest.find('/');
  ParsedUrl out{rest.substr(0, slash), slash == std::string::npos ? "/" : rest.substr(slash)};
  if (size_t at = out.authority.rfind('@'); at != std::string::npos)
    return Error::usage("user info in the URL is not supported");
  if (size_t hash = out.path.find('#'); hash != std::string::npos) out.path.resize(hash);
  if (out.authority.empty()) return Error::usage("no host in " + url);
  return out;
}

void add_get_command(CLI::App& app, GetArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "get",
      "One HTTPS GET through OpenSSL with the TLS settings you give, printing what was negotiated "
      "and the HTTP status line: does this exact configuration work? Trust and host name are "
      "always verified.");
  cmd->add_option("url", args.url, "https://HOST[:PORT][/PATH]")->required();
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
  auto url = parse_https_url(args.url);
  if (!url) return operational_error("get", url.error());
  auto target = make_target(url->authority, args.connection);
  if (!target) return operational_error("get", target.error());
  probe::HttpsGetOptions o;
  o.timeout = args.connection.timeout();
  o.ciphers = args.ciphers;
  o.ciphersuites = args.ciphersuites;
  o.groups = args.groups;
  o.ca_file = args.connection.ca_file;
  o.path = url->path;
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
  std::string shown = "https://" + url->authority + url->path;
  args.output.printer()->get({shown, r, doctor_command(url->authority, args.connection)});
  if (!r.error) return kExitOk;
  return r.stage == "connect" || r.error->layer == ErrorLayer::transport ? kExitOperational
                                                                         : kExitFinding;
}

}  // namespace tlsd::cli
