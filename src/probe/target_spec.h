// Targets as users write them: HOST[:PORT], [IPv6]:PORT, and URLs whose
// scheme says how to reach the TLS — https://, smtp:// (STARTTLS),
// imaps:// (implicit TLS), postgres:// (SSLRequest), ... One table,
// scheme -> {dialog, default port, implicit TLS}; a plain HOST:PORT on a
// well-known STARTTLS port picks that protocol and says so.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "probe/route.h"
#include "probe/target.h"

namespace tlsd::probe {

struct SchemeRow {
  std::string_view scheme;    // "smtp"; the URL's scheme
  std::string_view protocol;  // "SMTP", for messages
  // The dialog before TLS, by registry name (dialog_registry.cc); empty for
  // implicit TLS. A name the registry does not know is refused when used.
  std::string_view dialog;
  std::array<uint16_t, 2> ports;  // default port first; 0 = none; these ports imply the row
  std::string_view starttls;      // --starttls name ("smtp"); empty for implicit TLS
  std::string_view implicit;      // the implicit-TLS twin's scheme: smtp -> "smtps"
  std::string_view alpn;          // ALPN the protocol requires ("postgresql" for direct TLS)
};

std::span<const SchemeRow> scheme_rows();
const SchemeRow* scheme_row(std::string_view scheme);
// The STARTTLS row named by --starttls ("smtp", "imap", "postgres", ...).
const SchemeRow* starttls_row(std::string_view name);
// The STARTTLS row whose ports include `port` (25 -> smtp), or nullptr.
const SchemeRow* starttls_row_for_port(uint16_t port);
// The implicit-TLS row whose ports include `port` (993 -> imaps), or nullptr.
const SchemeRow* implicit_row_for_port(uint16_t port);

// The registry's dialog named `dialog`, or a usage error naming the protocol:
// "STARTTLS for IMAP is not supported yet".
Result<DialogId> dialog_named(std::string_view dialog, std::string_view protocol);

struct TargetFlags {
  std::string starttls;      // --starttls PROTO: force this dialog
  bool no_starttls = false;  // --no-starttls: direct TLS even on a STARTTLS port
};

struct TargetSpec {
  Target target;                   // host, port, sni and the route's dialogs (no proxy yet)
  const SchemeRow* row = nullptr;  // the scheme's row (written, forced or implied by the port)
  std::string scheme;              // as written, lower case; empty for HOST[:PORT]
  std::string path = "/";          // an https:// URL's path and query (what `get` asks for)
  std::string alpn;                // ALPN the protocol requires; empty = the command's own
  std::vector<std::string> notes;  // for stderr: "port 25 is SMTP's: STARTTLS first ..."
};

constexpr size_t kMaxTargetText = 2048;

// Parses one target as written on the command line or in --targets-file.
Result<TargetSpec> parse_target_spec(std::string_view text, const TargetFlags& flags = {});

}  // namespace tlsd::probe
