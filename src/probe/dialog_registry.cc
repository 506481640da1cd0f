#include "probe/dialog_registry.h"

#include <array>
#include <cstdlib>

#include "probe/dialog_chain.h"
#include "probe/ftp_auth_tls_dialog.h"
#include "probe/http_connect_dialog.h"
#include "probe/imap_starttls_dialog.h"
#include "probe/ldap_starttls_dialog.h"
#include "probe/mysql_ssl_dialog.h"
#include "probe/pop3_starttls_dialog.h"
#include "probe/postgres_sslrequest_dialog.h"
#include "probe/smtp_starttls_dialog.h"
#include "probe/target.h"
#include "probe/xmpp_starttls_dialog.h"

namespace tlsd::probe {
namespace {

// In DialogId order.
constexpr std::array kRows = {
    // The proxy's own port: curl's default for a proxy without one.
    DialogRow{DialogId::http_connect, "http_connect", 1080, make_http_connect},
    // RFC 5321 §4.5.4.2 relays; submission (587, RFC 6409) speaks the same dialog.
    DialogRow{DialogId::smtp_starttls, "smtp_starttls", 25, make_smtp_starttls},
    // RFC 3501 §2.1 / RFC 9051; 993 is implicit TLS (RFC 8314), no dialog.
    DialogRow{DialogId::imap_starttls, "imap_starttls", 143, make_imap_starttls},
    // RFC 1939 §3; 995 is implicit TLS (RFC 8314), no dialog.
    DialogRow{DialogId::pop3_starttls, "pop3_starttls", 110, make_pop3_starttls},
    // RFC 959 control port; 990 is implicit TLS (RFC 4217 §1 notes it), no dialog.
    DialogRow{DialogId::ftp_auth_tls, "ftp_auth_tls", 21, make_ftp_auth_tls},
    // PostgreSQL docs §20.3.3 (port); SSLRequest precedes the startup packet.
    DialogRow{DialogId::postgres_sslrequest, "postgres_sslrequest", 5432, make_postgres_sslrequest},
    // MySQL and MariaDB: the server speaks first; CLIENT_SSL, then SSLRequest.
    DialogRow{DialogId::mysql_ssl, "mysql_ssl", 3306, make_mysql_ssl},
    // RFC 4511 §4.14; 636 is implicit TLS (ldaps), no dialog.
    DialogRow{DialogId::ldap_starttls, "ldap_starttls", 389, make_ldap_starttls},
    // RFC 6120 §14.7 (5222 client, 5269 server); 5223 is implicit TLS (XEP-0368).
    DialogRow{DialogId::xmpp_client, "xmpp_client", 5222, make_xmpp_client},
    DialogRow{DialogId::xmpp_server, "xmpp_server", 5269, make_xmpp_server},
};

}  // namespace

std::span<const DialogRow> dialog_rows() { return kRows; }

const DialogRow& dialog_row(DialogId id) {
  const DialogRow& row = kRows[static_cast<size_t>(id)];
  if (row.id != id) std::abort();  // the table is out of DialogId order
  return row;
}

std::string_view to_string(DialogId id) { return dialog_row(id).name; }

std::optional<DialogId> dialog_id(std::string_view name) {
  for (const DialogRow& row : kRows)
    if (row.name == name) return row.id;
  return std::nullopt;
}

std::unique_ptr<Dialog> make_route_dialog(const Target& target) {
  if (target.route.dialogs.empty()) return nullptr;
  std::vector<std::unique_ptr<Dialog>> out;
  // Through a proxy, --ip pins the address the tunnel goes to.
  const std::string& host = target.connect_ip.empty() ? target.host : target.connect_ip;
  for (const DialogSpec& spec : target.route.dialogs)
    out.push_back(dialog_row(spec.id).make(
        DialogContext{host, target.port, spec, target.sni.empty() ? target.host : target.sni}));
  return std::make_unique<DialogChain>(std::move(out));
}

}  // namespace tlsd::probe
