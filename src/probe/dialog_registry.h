// Every dialog the probe can run before TLS, one row each: adding a protocol
// is one dialog file, one DialogId, one row here and its test (DIALOGS.md).
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "probe/dialog.h"
#include "probe/route.h"

namespace tlsd::probe {

// What a dialog needs to know: where the tunnel or the TLS goes (the
// target's host and port, not the proxy's), and its spec.
struct DialogContext {
  std::string host;
  uint16_t port = 0;
  const DialogSpec& spec;
  // The name the service is known by, for protocols that say it (XMPP's
  // stream 'to'): the target's SNI, else its host; never --ip's address.
  std::string domain = {};
};

struct DialogRow {
  DialogId id;
  std::string_view name;  // stable id for flags and JSON: "smtp_starttls"
  uint16_t default_port;  // the port the protocol is usually served on
  std::unique_ptr<Dialog> (*make)(const DialogContext& context);
};

std::span<const DialogRow> dialog_rows();
const DialogRow& dialog_row(DialogId id);
std::string_view to_string(DialogId id);
std::optional<DialogId> dialog_id(std::string_view name);

struct Target;
// The dialogs of the target's route as one DialogChain, ready to run;
// nullptr when the route has none.
std::unique_ptr<Dialog> make_route_dialog(const Target& target);

}  // namespace tlsd::probe
