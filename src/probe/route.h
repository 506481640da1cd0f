// How a probe reaches the server's TLS: TCP to the target (or to a proxy),
// then an ordered list of dialogs, then TLS. The default route is empty:
// TCP straight to the target, TLS at once — today's connections, byte for
// byte. Examples: {via proxy, [http_connect]}, {[smtp_starttls]}, or
// {via proxy, [http_connect, smtp_starttls]}.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tlsd::probe {

// One row each in the dialog registry (dialog_registry.cc).
enum class DialogId {
  http_connect,
  smtp_starttls,
  imap_starttls,
  pop3_starttls,
  ftp_auth_tls,
  postgres_sslrequest,
  mysql_ssl,
  ldap_starttls,
  xmpp_client,
  xmpp_server,
};

struct DialogSpec {
  DialogId id;
  // http_connect: "user:password" for Proxy-Authorization: Basic; empty = none.
  // Never written into a message.
  std::string credentials;
};

struct Endpoint {
  std::string host;  // name or address literal
  uint16_t port = 0;
};

struct Route {
  std::optional<Endpoint> via;      // TCP goes here (the proxy) instead of the target
  std::vector<DialogSpec> dialogs;  // run in order after TCP connect, before TLS
  bool empty() const { return !via && dialogs.empty(); }
};

}  // namespace tlsd::probe
