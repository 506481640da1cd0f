#include "probe/target_spec.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "probe/dialog_registry.h"

namespace tlsd::probe {
namespace {

// Default ports: IANA's service name registry
// (https://www.iana.org/assignments/service-names-port-numbers); submission
// 587 (RFC 6409) speaks SMTP's STARTTLS dialog; postgres+direct is
// PostgreSQL 17's direct TLS, which requires ALPN "postgresql"
// (https://www.postgresql.org/docs/17/protocol-flow.html#PROTOCOL-FLOW-SSL).
constexpr std::array<SchemeRow, 19> kSchemes = {{
    {"https", "HTTPS", "", {443, 0}, "", "", ""},
    {"smtp", "SMTP", "smtp_starttls", {25, 587}, "smtp", "smtps", ""},
    {"smtps", "SMTP", "", {465, 0}, "", "", ""},
    {"imap", "IMAP", "imap_starttls", {143, 0}, "imap", "imaps", ""},
    {"imaps", "IMAP", "", {993, 0}, "", "", ""},
    {"pop3", "POP3", "pop3_starttls", {110, 0}, "pop3", "pop3s", ""},
    {"pop3s", "POP3", "", {995, 0}, "", "", ""},
    {"ftp", "FTP", "ftp_auth_tls", {21, 0}, "ftp", "ftps", ""},
    {"ftps", "FTP", "", {990, 0}, "", "", ""},
    {"ldap", "LDAP", "ldap_starttls", {389, 0}, "ldap", "ldaps", ""},
    {"ldaps", "LDAP", "", {636, 0}, "", "", ""},
    {"xmpp", "XMPP", "xmpp_client", {5222, 0}, "xmpp", "", ""},
    {"xmpp-server", "XMPP", "xmpp_server", {5269, 0}, "xmpp-server", "", ""},
    {"postgres", "PostgreSQL", "postgres_sslrequest", {5432, 0}, "postgres", "postgres+direct", ""},
    {"postgresql",
     "PostgreSQL",
     "postgres_sslrequest",
     {5432, 0},
     "postgresql",
     "postgres+direct",
     ""},
    {"postgres+direct", "PostgreSQL", "", {5432, 0}, "", "", "postgresql"},
    {"mysql", "MySQL", "mysql_ssl", {3306, 0}, "mysql", "", ""},
    // MariaDB speaks MySQL's protocol, SSL request included.
    {"mariadb", "MySQL", "mysql_ssl", {3306, 0}, "mariadb", "", ""},
    {"http", "HTTP", "", {80, 0}, "", "https", ""},
}};

bool has_port(const SchemeRow& row, uint16_t port) {
  return port != 0 && std::find(row.ports.begin(), row.ports.end(), port) != row.ports.end();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string known_schemes() {
  std::string out;
  for (const SchemeRow& row : kSchemes)
    if (row.scheme != "http") out += (out.empty() ? "" : ", ") + std::string(row.scheme);
  return out;
}

std::string known_starttls() {
  std::string out;
  for (const SchemeRow& row : kSchemes)
    if (!row.starttls.empty()) out += (out.empty() ? "" : ", ") + std::string(row.starttls);
  return out;
}

// A host name's letters (RFC 1123 §2.1, plus '_' that real zones carry).
Status check_host(const std::string& host) {
  if (is_ip_literal(host)) return Ok{};
  if (host.find(':') != std::string::npos)
    return Error::usage("'" + host + "' is not an IPv6 address (zone ids are not supported)");
  size_t label = 0;
  for (char c : host) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
    if (!ok) return Error::usage("a host name has only letters, digits, '-', '_' and '.'");
    label = c == '.' ? 0 : label + 1;
    if (label > 63) return Error::usage("a host name label is longer than 63 characters");
  }
  return Ok{};
}

}  // namespace

std::span<const SchemeRow> scheme_rows() { return kSchemes; }

const SchemeRow* scheme_row(std::string_view scheme) {
  for (const SchemeRow& row : kSchemes)
    if (row.scheme == scheme) return &row;
  return nullptr;
}

const SchemeRow* starttls_row(std::string_view name) {
  std::string n = lower(name);
  for (const SchemeRow& row : kSchemes)
    if (!row.starttls.empty() && row.starttls == n) return &row;
  return nullptr;
}

const SchemeRow* starttls_row_for_port(uint16_t port) {
  for (const SchemeRow& row : kSchemes)
    if (!row.dialog.empty() && has_port(row, port)) return &row;
  return nullptr;
}

const SchemeRow* implicit_row_for_port(uint16_t port) {
  if (starttls_row_for_port(port)) return nullptr;  // 5432 is postgres's before postgres+direct's
  for (const SchemeRow& row : kSchemes)
    if (row.dialog.empty() && row.scheme != "http" && has_port(row, port)) return &row;
  return nullptr;
}

Result<DialogId> dialog_named(std::string_view dialog, std::string_view protocol) {
  if (auto id = dialog_id(dialog)) return *id;
  return Error::usage("STARTTLS for " + std::string(protocol) +
                      " is not supported yet (this build has no '" + std::string(dialog) +
                      "' dialog)");
}

Result<TargetSpec> parse_target_spec(std::string_view text, const TargetFlags& flags) {
  if (text.size() > kMaxTargetText)
    return Error::usage("target longer than " + std::to_string(kMaxTargetText) + " characters");
  for (unsigned char c : text)
    if (c <= 0x20 || c >= 0x7f)
      return Error::usage(
          "the target has spaces, control or non-ASCII characters (write an international "
          "name in its xn-- form)");
  if (!flags.starttls.empty() && flags.no_starttls)
    return Error::usage("--starttls and --no-starttls contradict each other");

  TargetSpec spec;
  std::string_view rest = text;
  if (size_t sep = rest.find("://"); sep != std::string_view::npos) {
    spec.scheme = lower(rest.substr(0, sep));
    rest = rest.substr(sep + 3);
    spec.row = scheme_row(spec.scheme);
    if (!spec.row)
      return Error::usage("unknown scheme '" + spec.scheme + "://' (known: " + known_schemes() +
                          ")");
    if (spec.scheme == "http")
      return Error::usage("http:// is plain HTTP, there is no TLS to examine: use https://");
  }
  // The authority ends where the path, query or fragment begins.
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (end != std::string_view::npos) {
    std::string_view path = rest.substr(end);
    path = path.substr(0, path.find('#'));
    spec.path = path.starts_with("/") ? std::string(path) : "/" + std::string(path);
  }
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);
    // Never repeated back: it may hold a password.
    spec.notes.push_back("the user name and password in the target are not used");
  }
  if (authority.find(',') != std::string_view::npos)
    return Error::usage("one host per target: give each host of a list as its own target");

  auto parsed = parse_target(authority, 0);
  if (!parsed) return parsed.error();
  spec.target = std::move(*parsed);
  if (Status ok = check_host(spec.target.host); !ok) return ok.error();
  bool port_given = spec.target.port != 0;

  if (!flags.starttls.empty()) {
    const SchemeRow* forced = starttls_row(flags.starttls);
    if (!forced)
      return Error::usage("--starttls " + flags.starttls + ": known protocols are " +
                          known_starttls());
    if (spec.row && !spec.row->dialog.empty() && spec.row->dialog != forced->dialog)
      return Error::usage("--starttls " + flags.starttls + " contradicts the target's " +
                          spec.scheme + "://");
    if (!spec.row || spec.row->dialog.empty()) spec.row = forced;
  } else if (!spec.row) {
    spec.row = port_given && !flags.no_starttls ? starttls_row_for_port(spec.target.port) : nullptr;
    if (spec.row)
      spec.notes.push_back("port " + std::to_string(spec.target.port) + " is " +
                           std::string(spec.row->protocol) + "'s: speaking " +
                           std::string(spec.row->protocol) +
                           " and STARTTLS before TLS (--no-starttls for direct TLS)");
    else
      spec.row = scheme_row("https");
  }
  if (!port_given) spec.target.port = spec.row->ports[0];
  spec.alpn = std::string(spec.row->alpn);

  if (!spec.row->dialog.empty() && !flags.no_starttls) {
    auto id = dialog_named(spec.row->dialog, spec.row->protocol);
    if (!id) return id.error();
    spec.target.route.dialogs.push_back(DialogSpec{*id, {}});
    if (const SchemeRow* implicit = implicit_row_for_port(spec.target.port))
      spec.notes.push_back("port " + std::to_string(spec.target.port) + " usually speaks " +
                           std::string(implicit->protocol) + " over implicit TLS: if the " +
                           std::string(spec.row->protocol) + " greeting never comes, use " +
                           std::string(implicit->scheme) + "://");
  } else if (const SchemeRow* starttls = starttls_row_for_port(spec.target.port);
             starttls && !spec.scheme.empty() && !flags.no_starttls) {
    spec.notes.push_back("port " + std::to_string(spec.target.port) + " usually speaks " +
                         std::string(starttls->protocol) + " with STARTTLS: if the server " +
                         "answers with a greeting instead of TLS, use " +
                         std::string(starttls->scheme) + "://");
  }
  return spec;
}

}  // namespace tlsd::probe
