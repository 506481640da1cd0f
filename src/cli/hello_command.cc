#include "cli/hello_command.h"

#include <fstream>

#include "checks/hello_exchange.h"
#include "cli/exit_codes.h"
#include "cli/lists.h"
#include "cli/progress_line.h"
#include "report/hello_report.h"
#include "wire/constants.h"

namespace tlsd::cli {
namespace {

struct VersionFlag {
  const char* flag;
  uint16_t version;
  const char* help;
};
constexpr VersionFlag kVersionFlags[] = {
    {"--ssl2", wire::kSsl2, "offer only SSLv2 (an SSLv2 CLIENT-HELLO)"},
    {"--ssl3", wire::kSsl3, "offer only SSLv3"},
    {"--tls1.0", wire::kTls10, "offer only TLS 1.0"},
    {"--tls1.1", wire::kTls11, "offer only TLS 1.1"},
    {"--tls1.2", wire::kTls12, "offer only TLS 1.2"},
    {"--tls1.3", wire::kTls13, "offer only TLS 1.3"},
};

// What the exit code says about one hello (README "Exit codes").
int exit_code_for(const probe::Observation& o) {
  using probe::Outcome;
  if (o.outcome != Outcome::failed && o.outcome != Outcome::alert) return kExitOk;
  if (o.outcome == Outcome::alert) return kExitFinding;
  // Nothing was sent: the target itself is the problem, not its TLS.
  // (A proxy or a STARTTLS dialog that failed is the way to the server, too.)
  bool before_hello = o.stage == probe::Stage::resolving || o.stage == probe::Stage::connecting ||
                      o.stage == probe::Stage::dialog;
  return before_hello ? kExitOperational : kExitFinding;
}

}  // namespace

void add_hello_command(CLI::App& app, HelloArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "hello",
      "Send one crafted ClientHello and show the server's answer: version, cipher suite, "
      "group, extensions, certificate, key exchange, or the alert and where it failed.");
  cmd->add_option(
         "target", args.target,
         "HOST[:PORT], [IPv6]:PORT or a URL (smtp://, imaps://, ...); port defaults to 443")
      ->required();
  for (const VersionFlag& v : kVersionFlags) {
    uint16_t version = v.version;
    cmd->add_flag_callback(
        v.flag, [&args, version] { args.version = version; }, v.help);
  }
  cmd->add_option("--ciphers", args.ciphers,
                  "cipher suites to offer, in order: IANA/OpenSSL/GnuTLS names or hex "
                  "(default: every suite of the catalog valid for the version)");
  cmd->add_option("--groups", args.groups, "supported groups to offer (x25519,P-256,0x11ec...)");
  cmd->add_option("--key-shares", args.key_shares,
                  "TLS 1.3 key shares to send (default: x25519,secp256r1)");
  cmd->add_option("--sigalgs", args.sigalgs, "signature schemes to offer");
  cmd->add_option("--alpn", args.alpn, "ALPN protocols to offer, e.g. h2,http/1.1");
  add_connection_options(cmd, args.connection, 0);
  cmd->add_option("--save-flight", args.save_flight,
                  "write the raw bytes the server sent to FILE (for bug reports and fuzz seeds)");
  add_output_options(cmd, args.output, json_help(report::kHelloSchema));
  cmd->footer(
      "Examples:\n"
      "  tlsdoctor hello api.example.com --tls1.2\n"
      "  tlsdoctor hello 10.0.0.5:8443 --sni api.example.com --ciphers AES256-SHA256,0x002f\n"
      "  tlsdoctor hello example.com --tls1.3 --groups X25519MLKEM768,x25519 "
      "--key-shares X25519MLKEM768\n"
      "Exit status: 0 the server answered with a ServerHello, 1 it refused or broke the "
      "handshake, 2 usage error or the target could not be reached.");
}

int run_hello(const HelloArgs& args) {
  auto spec = make_target_spec(args.target, args.connection);
  if (!spec) return operational_error("hello", spec.error());
  const probe::Target* target = &spec->target;

  probe::CraftOptions opts;
  opts.version = args.version;
  opts.sni = target->sni;
  if (!args.alpn.empty()) opts.alpn = split_list(args.alpn);
  // The protocol's own ALPN (postgres+direct:// needs "postgresql") unless --alpn says otherwise.
  if (args.alpn.empty() && !spec->alpn.empty()) opts.alpn = {spec->alpn};
  struct ListArg {
    const std::string& text;
    Result<std::vector<uint16_t>> (*parse)(std::string_view);
    std::optional<std::vector<uint16_t>>& out;
  };
  for (ListArg list : {ListArg{args.ciphers, parse_suite_list, opts.suites},
                       ListArg{args.groups, parse_group_list, opts.groups},
                       ListArg{args.key_shares, parse_group_list, opts.key_shares},
                       ListArg{args.sigalgs, parse_sigalg_list, opts.sigalgs}}) {
    if (list.text.empty()) continue;
    auto parsed = list.parse(list.text);
    if (!parsed) return operational_error("hello", parsed.error());
    list.out = std::move(*parsed);
  }

  ProgressLine progress(args.output.text());
  auto exchange = checks::exchange_hello(*target, opts, args.connection.timeout(), [&] {
    progress.show("tlsdoctor: sending ClientHello to " + target->display());
  });
  progress.clear();
  if (!exchange) return operational_error("hello", exchange.error());

  if (!args.save_flight.empty()) {
    std::ofstream out(args.save_flight, std::ios::binary);
    out.write(reinterpret_cast<const char*>(exchange->flight.data()),
              static_cast<std::streamsize>(exchange->flight.size()));
    if (!out) return operational_error("hello", Error::usage("cannot write " + args.save_flight));
  }
  args.output.printer()->hello(*exchange);
  return exit_code_for(exchange->observation);
}

}  // namespace tlsd::cli
