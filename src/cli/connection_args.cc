#include "cli/connection_args.h"

#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/resolve_flag.h"

namespace tlsd::cli {

void add_connection_options(CLI::App* cmd, ConnectionArgs& args, int options) {
  cmd->add_option("--ip", args.ip, "connect to this address, keep HOST for SNI and certificates");
  cmd->add_option("--sni", args.sni, "server name to send (default: HOST when it is a name)");
  cmd->add_flag("--no-sni", args.no_sni, "send no server_name extension");
  if (options & kWithCaFile)
    cmd->add_option("--ca-file", args.ca_file, "PEM file of extra trust anchors");
  cmd->add_option("--timeout", args.timeout_seconds, "seconds per connection (default 5)")
      ->check(CLI::Range(0.1, 600.0));
  if (options & kWithClientCert) {
    cmd->add_option("--cert", args.cert_file,
                    "client certificate to present: PEM (leaf first, then intermediates) with "
                    "--key, or a PKCS#12 file alone");
    cmd->add_option("--key", args.key_file, "the client certificate's private key (PEM or DER)");
    cmd->add_option("--cert-password-env", args.cert_password_env,
                    "environment variable holding the key's or the PKCS#12 file's password");
  }
  if (options & kWithMaxConnections)
    cmd->add_option("--max-connections", args.max_connections,
                    "connections open at once per target (default 8)")
        ->check(CLI::Range(1, 64));
  CLI::Option* starttls = cmd->add_option(
      "--starttls", args.starttls,
      "speak this protocol before TLS: smtp, imap, pop3, ftp, ldap, xmpp, xmpp-server, "
      "postgres, mysql (default: the target's scheme, or its well-known port)");
  cmd->add_flag("--no-starttls", args.no_starttls,
                "direct TLS, even on a well-known STARTTLS port (25, 587, 143, ...)")
      ->excludes(starttls);
  CLI::Option* proxy = cmd->add_option(
      "--proxy", args.proxy,
      "through this HTTP CONNECT proxy: http://[USER:PASSWORD@]HOST[:PORT] (default: "
      "HTTPS_PROXY / ALL_PROXY and NO_PROXY, read as curl reads them)");
  cmd->add_flag("--no-proxy", args.no_proxy, "never a proxy, whatever the environment says")
      ->excludes(proxy);
  cmd->add_option("--resolve", args.resolve,
                  "HOST:PORT:ADDR[,ADDR...]: these addresses for HOST on PORT instead of DNS "
                  "(as curl's --resolve; repeatable)")
      ->check([](const std::string& text) {
        auto entry = parse_resolve(text);
        return entry ? std::string() : entry.error().message;
      });
}

Result<probe::TargetSpec> make_target_spec(const std::string& text, const ConnectionArgs& args) {
  auto spec = probe::parse_target_spec(text, {args.starttls, args.no_starttls});
  if (!spec) return spec;
  probe::Target& target = spec->target;
  if (!args.ip.empty()) {
    target.connect_ip = args.ip;
  } else if (auto addresses = resolved_by_flag(args.resolve, target.host, target.port)) {
    target.connect_ip = addresses->front();
  }
  if (!args.sni.empty()) target.sni = args.sni;
  if (args.no_sni) target.sni.clear();
  auto proxy = probe::choose_proxy(spec->scheme.empty() ? "https" : spec->scheme, target.host,
                                   {args.proxy, args.no_proxy}, args.env);
  if (!proxy) return proxy.error();
  if (*proxy) {
    probe::route_through(target, **proxy);
    spec->notes.push_back(
        "through the proxy " + (*proxy)->shown() +
        ((*proxy)->source == "--proxy" ? "" : " (from " + (*proxy)->source + ")") +
        "; --no-proxy to connect directly");
  }
  for (const std::string& note : spec->notes) std::cerr << "tlsdoctor: " << note << "\n";
  return spec;
}

Result<probe::Target> make_target(const std::string& text, const ConnectionArgs& args) {
  auto spec = make_target_spec(text, args);
  if (!spec) return spec.error();
  return std::move(spec->target);
}

Result<std::shared_ptr<const probe::ClientIdentity>> client_identity(const ConnectionArgs& args) {
  if (!args.key_file.empty() && args.cert_file.empty())
    return Error::usage("--key needs --cert FILE");
  if (args.cert_file.empty()) return std::shared_ptr<const probe::ClientIdentity>();
  std::optional<std::string> password;
  if (!args.cert_password_env.empty()) {
    const char* value = std::getenv(args.cert_password_env.c_str());
    if (!value) return Error::usage("--cert-password-env " + args.cert_password_env + ": not set");
    password = value;
  }
  auto identity = probe::load_client_identity(args.cert_file, args.key_file, password);
  if (!identity) return identity.error();
  return std::make_shared<const probe::ClientIdentity>(std::move(*identity));
}

Result<checks::ScanOptions> make_scan_options(const std::string& text, const ConnectionArgs& args) {
  auto target = make_target(text, args);
  if (!target) return target.error();
  checks::ScanOptions o;
  o.target = std::move(*target);
  o.timeout = args.timeout();
  o.engine.max_connections = args.max_connections;
  o.ca_file = args.ca_file;
  auto identity = client_identity(args);
  if (!identity) return identity.error();
  o.client_identity = std::move(*identity);
  return o;
}

}  // namespace tlsd::cli
