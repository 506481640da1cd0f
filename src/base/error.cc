#include "base/error.h"

#include <array>
#include <utility>

namespace tlsd {
namespace {

template <class Code, size_t N>
using NameTable = std::array<std::pair<Code, std::string_view>, N>;

constexpr NameTable<TransportCode, 7> kTransportCodes = {{
    {TransportCode::refused, "refused"},
    {TransportCode::timeout, "timeout"},
    {TransportCode::reset, "reset"},
    {TransportCode::closed, "closed"},
    {TransportCode::resolve, "resolve"},
    {TransportCode::unreachable, "unreachable"},
    {TransportCode::io, "io"},
}};

constexpr NameTable<ProtocolCode, 48> kProtocolCodes = {{
    {ProtocolCode::not_tls, "not_tls"},
    {ProtocolCode::http, "http"},
    {ProtocolCode::record_overflow, "record_overflow"},
    {ProtocolCode::message_too_large, "message_too_large"},
    {ProtocolCode::unexpected_message, "unexpected_message"},
    {ProtocolCode::too_many_messages, "too_many_messages"},
    {ProtocolCode::flight_too_large, "flight_too_large"},
    {ProtocolCode::empty_records, "empty_records"},
    {ProtocolCode::alert_flood, "alert_flood"},
    {ProtocolCode::duplicate_extension, "duplicate_extension"},
    {ProtocolCode::unoffered_version, "unoffered_version"},
    {ProtocolCode::unoffered_suite, "unoffered_suite"},
    {ProtocolCode::unoffered_group, "unoffered_group"},
    {ProtocolCode::unsupported_params, "unsupported_params"},
    {ProtocolCode::bad_signature_scheme, "bad_signature_scheme"},
    {ProtocolCode::signature_key_mismatch, "signature_key_mismatch"},
    {ProtocolCode::bad_signature, "bad_signature"},
    {ProtocolCode::handshake_failed, "handshake_failed"},
    {ProtocolCode::timeout, "timeout"},
    {ProtocolCode::dialog_line_too_long, "dialog_line_too_long"},
    {ProtocolCode::dialog_too_long, "dialog_too_long"},
    {ProtocolCode::dialog_too_many_lines, "dialog_too_many_lines"},
    {ProtocolCode::dialog_extra_bytes, "dialog_extra_bytes"},
    {ProtocolCode::not_http_proxy, "not_http_proxy"},
    {ProtocolCode::bad_proxy_response, "bad_proxy_response"},
    {ProtocolCode::proxy_auth_required, "proxy_auth_required"},
    {ProtocolCode::proxy_refused, "proxy_refused"},
    {ProtocolCode::not_smtp, "not_smtp"},
    {ProtocolCode::bad_smtp_reply, "bad_smtp_reply"},
    {ProtocolCode::smtp_refused, "smtp_refused"},
    {ProtocolCode::starttls_unsupported, "starttls_unsupported"},
    {ProtocolCode::starttls_refused, "starttls_refused"},
    {ProtocolCode::not_imap, "not_imap"},
    {ProtocolCode::imap_refused, "imap_refused"},
    {ProtocolCode::not_pop3, "not_pop3"},
    {ProtocolCode::pop3_refused, "pop3_refused"},
    {ProtocolCode::not_ftp, "not_ftp"},
    {ProtocolCode::ftp_refused, "ftp_refused"},
    {ProtocolCode::not_postgres, "not_postgres"},
    {ProtocolCode::postgres_ssl_off, "postgres_ssl_off"},
    {ProtocolCode::postgres_refused, "postgres_refused"},
    {ProtocolCode::not_mysql, "not_mysql"},
    {ProtocolCode::mysql_no_ssl, "mysql_no_ssl"},
    {ProtocolCode::mysql_refused, "mysql_refused"},
    {ProtocolCode::not_ldap, "not_ldap"},
    {ProtocolCode::ldap_refused, "ldap_refused"},
    {ProtocolCode::not_xmpp, "not_xmpp"},
    {ProtocolCode::xmpp_refused, "xmpp_refused"},
}};

// Each table is indexed by its enum: a row out of order fails to compile.
template <class Code, size_t N>
constexpr bool in_order(const NameTable<Code, N>& table) {
  for (size_t i = 0; i < N; ++i)
    if (static_cast<size_t>(table[i].first) != i) return false;
  return true;
}
static_assert(in_order(kTransportCodes) && in_order(kProtocolCodes));

template <class Code, size_t N>
std::optional<Code> parse(const NameTable<Code, N>& table, std::string_view name) {
  for (const auto& [code, n] : table)
    if (n == name) return code;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(ErrorLayer layer) {
  switch (layer) {
    case ErrorLayer::transport:
      return "transport";
    case ErrorLayer::alert:
      return "alert";
    case ErrorLayer::decode:
      return "decode";
    case ErrorLayer::protocol:
      return "protocol";
    case ErrorLayer::usage:
      return "usage";
    case ErrorLayer::internal:
      return "internal";
  }
  return "internal";
}

std::string_view name(TransportCode code) {
  return kTransportCodes[static_cast<size_t>(code)].second;
}
std::string_view name(ProtocolCode code) {
  return kProtocolCodes[static_cast<size_t>(code)].second;
}

std::optional<TransportCode> parse_transport_code(std::string_view name) {
  return parse(kTransportCodes, name);
}
std::optional<ProtocolCode> parse_protocol_code(std::string_view name) {
  return parse(kProtocolCodes, name);
}

std::string_view ErrorCode::name() const {
  switch (layer_) {
    case ErrorLayer::transport:
      return tlsd::name(static_cast<TransportCode>(value_));
    case ErrorLayer::protocol:
      return tlsd::name(static_cast<ProtocolCode>(value_));
    case ErrorLayer::decode:
      return "decode_error";
    case ErrorLayer::alert:
    case ErrorLayer::usage:
    case ErrorLayer::internal:
      return to_string(layer_);
  }
  return "internal";
}

}  // namespace tlsd
