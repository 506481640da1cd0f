#include "probe/dialog_error.h"

#include <array>

namespace tlsd::probe {

bool is_dialog_error(const Error& error) {
  // Every ProtocolCode a Dialog or DialogChain fails with.
  static constexpr std::array kCodes = {
      ProtocolCode::dialog_line_too_long,
      ProtocolCode::dialog_too_long,
      ProtocolCode::dialog_too_many_lines,
      ProtocolCode::dialog_extra_bytes,
      ProtocolCode::not_http_proxy,
      ProtocolCode::bad_proxy_response,
      ProtocolCode::proxy_auth_required,
      ProtocolCode::proxy_refused,
      ProtocolCode::not_smtp,
      ProtocolCode::bad_smtp_reply,
      ProtocolCode::smtp_refused,
      ProtocolCode::starttls_unsupported,
      ProtocolCode::starttls_refused,
      ProtocolCode::not_imap,
      ProtocolCode::imap_refused,
      ProtocolCode::not_pop3,
      ProtocolCode::pop3_refused,
      ProtocolCode::not_ftp,
      ProtocolCode::ftp_refused,
      ProtocolCode::not_postgres,
      ProtocolCode::postgres_ssl_off,
      ProtocolCode::postgres_refused,
      ProtocolCode::not_mysql,
      ProtocolCode::mysql_no_ssl,
      ProtocolCode::mysql_refused,
      ProtocolCode::not_ldap,
      ProtocolCode::ldap_refused,
      ProtocolCode::not_xmpp,
      ProtocolCode::xmpp_refused,
  };
  if (error.layer != ErrorLayer::protocol) return false;
  for (ProtocolCode code : kCodes)
    if (error.code == ErrorCode(code)) return true;
  return false;
}

}  // namespace tlsd::probe
