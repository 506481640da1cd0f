// Which HTTP CONNECT proxy a target goes through: --proxy, else the
// environment the way curl reads it (libcurl-env(3),
// https://curl.se/libcurl/c/libcurl-env.html): [scheme]_proxy in lower
// case, then upper case (except http_proxy, lower case only), then
// all_proxy / ALL_PROXY; no_proxy / NO_PROXY (lower case first) lists the
// hosts that bypass any proxy: '*', names matching their domain's tail,
// IP addresses and CIDR ranges (CURLOPT_NOPROXY,
// https://curl.se/libcurl/c/CURLOPT_NOPROXY.html).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "probe/route.h"
#include "probe/target.h"

namespace tlsd::probe {

struct ProxySetting {
  Endpoint endpoint;        // the proxy's host and port
  std::string credentials;  // "user:password", percent-decoded; never shown
  std::string source;       // where it came from: "--proxy", "HTTPS_PROXY", ...
  // "http://proxy.corp:3128", credentials replaced by "***" when present.
  std::string shown() const;
};

// http://[user:pass@]host[:port][/], or host[:port] (http:// assumed, port
// 1080 by default as in curl). https:// and SOCKS proxies are refused with
// the reason.
Result<ProxySetting> parse_proxy_url(std::string_view url, std::string_view source);

// Does `host` bypass the proxy under this no_proxy list?
bool no_proxy_matches(std::string_view no_proxy, std::string_view host);

using EnvLookup = std::function<std::optional<std::string>(const char* name)>;
EnvLookup process_env();

struct ProxyFlags {
  std::string proxy;      // --proxy URL; "" = none given
  bool no_proxy = false;  // --no-proxy: never a proxy
};

// The proxy for a target with this URL scheme ("https" for HOST:PORT), or
// nullopt for a direct connection. A malformed proxy setting is an error
// naming where it came from.
Result<std::optional<ProxySetting>> choose_proxy(std::string_view scheme, std::string_view host,
                                                 const ProxyFlags& flags, const EnvLookup& env);

// Puts the proxy in front of the target's route: TCP to the proxy, CONNECT
// first, then the route's own dialogs.
void route_through(Target& target, const ProxySetting& proxy);

}  // namespace tlsd::probe
