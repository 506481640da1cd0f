// Failures designed up front, in layers (DESIGN.md §7): where a handshake broke
// decides what the diagnosis can say about it, so every error names its layer
// and a code of that layer. Codes are enums with one name table each; the
// names are the stable ids `--json` prints.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tlsd {

enum class ErrorLayer : uint8_t {
  transport,  // connect refused, timeout, reset, closed: the bytes never arrived
  alert,      // the peer said no with a TLS alert
  decode,     // bytes arrived but do not parse as the message they claim to be
  protocol,   // they parse, but break the protocol (wrong order, bad values)
  usage,      // the user asked for something that cannot be done
  internal,   // our own bug or a local library failure
};

std::string_view to_string(ErrorLayer layer);

// Why the bytes never arrived.
enum class TransportCode : uint8_t { refused, timeout, reset, closed, resolve, unreachable, io };

// How the peer misbehaved (or the handshake broke off above the transport).
enum class ProtocolCode : uint8_t {
  not_tls,                 // the answer is not TLS records at all
  http,                    // no HTTP response after a handshake (`get`)
  record_overflow,         // a record longer than the protocol allows
  message_too_large,       // a handshake message beyond our bound
  unexpected_message,      // a message out of order
  too_many_messages,       // a flight with more messages than any server sends
  flight_too_large,        // a flight that never finishes
  empty_records,           // a stream of empty records
  alert_flood,             // a stream of warning alerts
  duplicate_extension,     // an extension sent twice
  unoffered_version,       // a version the client did not offer
  unoffered_suite,         // a cipher suite the client did not offer
  unoffered_group,         // a group the client did not offer
  unsupported_params,      // key exchange parameters we cannot use
  bad_signature_scheme,    // a signature scheme that was not offered
  signature_key_mismatch,  // a signature scheme the certificate's key cannot make
  bad_signature,           // a signature that does not verify
  handshake_failed,        // OpenSSL's handshake failed (full handshakes, `get`)
  timeout,                 // OpenSSL's handshake did not finish in time
  dialog_line_too_long,    // a line in the dialog before TLS beyond its bound
  dialog_too_long,         // a dialog before TLS beyond its total bound
  dialog_too_many_lines,   // a dialog before TLS with more lines than any server sends
  dialog_extra_bytes,      // bytes after the dialog was ready (pipelined or injected plaintext)
  not_http_proxy,          // the proxy's answer is not HTTP
  bad_proxy_response,      // a malformed HTTP header from the proxy
  proxy_auth_required,     // the proxy wants credentials (407)
  proxy_refused,           // the proxy refused the CONNECT
  not_smtp,                // the greeting is not SMTP
  bad_smtp_reply,          // a malformed SMTP reply line
  smtp_refused,            // the SMTP server refused the session or EHLO
  starttls_unsupported,    // the EHLO reply has no STARTTLS
  starttls_refused,        // the SMTP server refused STARTTLS
  not_imap,                // the greeting is not IMAP
  imap_refused,            // the IMAP server refused the session (BYE, PREAUTH) or a command
  not_pop3,                // the greeting is not POP3
  pop3_refused,            // the POP3 server refused the session (-ERR greeting)
  not_ftp,                 // the greeting is not FTP
  ftp_refused,             // the FTP server refused the session (421 and the like)
  not_postgres,            // the answer to SSLRequest is not PostgreSQL's
  postgres_ssl_off,        // PostgreSQL answered 'N' to SSLRequest: ssl = off
  postgres_refused,        // PostgreSQL answered SSLRequest with an ErrorResponse
  not_mysql,               // the first packet is not a MySQL/MariaDB handshake
  mysql_no_ssl,            // the MySQL/MariaDB handshake lacks CLIENT_SSL
  mysql_refused,           // the MySQL/MariaDB server sent an ERR packet instead
  not_ldap,                // the answer to StartTLS is not an LDAP message
  ldap_refused,            // the LDAP server answered StartTLS with a resultCode other than 0
  not_xmpp,                // the answer is not an XMPP stream
  xmpp_refused,            // the XMPP server sent a stream error
};

std::string_view name(TransportCode code);
std::string_view name(ProtocolCode code);
std::optional<TransportCode> parse_transport_code(std::string_view name);
std::optional<ProtocolCode> parse_protocol_code(std::string_view name);

// A code of one layer. decode, usage, internal (and alert) have one code
// each, named "decode_error", "usage", "internal" ("alert").
class ErrorCode {
 public:
  constexpr ErrorCode(TransportCode c)  // NOLINT: each layer's code is an ErrorCode
      : layer_(ErrorLayer::transport), value_(static_cast<uint8_t>(c)) {}
  constexpr ErrorCode(ProtocolCode c)  // NOLINT
      : layer_(ErrorLayer::protocol), value_(static_cast<uint8_t>(c)) {}
  static constexpr ErrorCode only_code_of(ErrorLayer layer) { return ErrorCode(layer); }

  ErrorLayer layer() const { return layer_; }
  std::string_view name() const;  // "timeout", "not_tls", "decode_error"
  bool operator==(const ErrorCode&) const = default;

 private:
  constexpr explicit ErrorCode(ErrorLayer layer) : layer_(layer) {}
  ErrorLayer layer_;
  uint8_t value_ = 0;
};

struct Error {
  ErrorLayer layer = ErrorLayer::internal;
  ErrorCode code = ErrorCode::only_code_of(ErrorLayer::internal);
  std::string message;  // one line for humans

  static Error transport(TransportCode code, std::string message) {
    return {ErrorLayer::transport, code, std::move(message)};
  }
  static Error decode(std::string message) {
    return {ErrorLayer::decode, ErrorCode::only_code_of(ErrorLayer::decode), std::move(message)};
  }
  static Error protocol(ProtocolCode code, std::string message) {
    return {ErrorLayer::protocol, code, std::move(message)};
  }
  static Error usage(std::string message) {
    return {ErrorLayer::usage, ErrorCode::only_code_of(ErrorLayer::usage), std::move(message)};
  }
  static Error internal(std::string message) {
    return {ErrorLayer::internal, ErrorCode::only_code_of(ErrorLayer::internal),
            std::move(message)};
  }
};

}  // namespace tlsd
