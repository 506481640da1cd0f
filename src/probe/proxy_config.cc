#include "probe/proxy_config.h"

#include <arpa/inet.h>

#include <cctype>
#include <cstdlib>
#include <cstring>

#include "base/text_safety.h"

namespace tlsd::probe {
namespace {

constexpr size_t kMaxProxyUrl = 2048;
constexpr uint16_t kCurlDefaultProxyPort = 1080;  // curl(1) --proxy: "port 1080 by default"

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// RFC 3986 §2.1 percent-decoding of a URL's userinfo.
Result<std::string> percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size() || hex_value(s[i + 1]) < 0 || hex_value(s[i + 2]) < 0)
      return Error::usage("a bad %-escape in the proxy's user name or password");
    out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
    i += 2;
  }
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// An address with an optional /prefix; false when `entry` is not one.
bool address_in(std::string_view entry, std::string_view host) {
  std::string addr(entry.substr(0, entry.find('/')));
  if (addr.starts_with("[") && addr.ends_with("]")) addr = addr.substr(1, addr.size() - 2);
  unsigned char a[16], h[16];
  int family = addr.find(':') != std::string::npos ? AF_INET6 : AF_INET;
  std::string host_text(host);
  if (inet_pton(family, addr.c_str(), a) != 1 || inet_pton(family, host_text.c_str(), h) != 1)
    return false;
  int bits = family == AF_INET ? 32 : 128;
  if (size_t slash = entry.find('/'); slash != std::string_view::npos) {
    std::string prefix(entry.substr(slash + 1));
    char* end = nullptr;
    long n = std::strtol(prefix.c_str(), &end, 10);
    if (prefix.empty() || *end != '\0' || n < 0 || n > bits) return false;
    bits = static_cast<int>(n);
  }
  for (int i = 0; i < bits; ++i) {
    int mask = 0x80 >> (i % 8);
    if ((a[i / 8] & mask) != (h[i / 8] & mask)) return false;
  }
  return true;
}

}  // namespace

std::string ProxySetting::shown() const {
  std::string host =
      endpoint.host.find(':') != std::string::npos ? "[" + endpoint.host + "]" : endpoint.host;
  return "http://" + std::string(credentials.empty() ? "" : "***@") + display_safe(host) + ":" +
         std::to_string(endpoint.port);
}

Result<ProxySetting> parse_proxy_url(std::string_view url, std::string_view source) {
  std::string where = "the proxy in " + std::string(source);
  if (url.size() > kMaxProxyUrl) return Error::usage(where + " is longer than 2048 characters");
  for (unsigned char c : url)
    if (c <= 0x20 || c >= 0x7f)
      return Error::usage(where + " has spaces, control or non-ASCII characters");
  ProxySetting out;
  out.source = std::string(source);
  std::string_view rest = url;
  if (size_t sep = rest.find("://"); sep != std::string_view::npos) {
    std::string scheme = lower(rest.substr(0, sep));
    rest = rest.substr(sep + 3);
    if (scheme == "https")
      return Error::usage(
          where +
          " is an https:// proxy (TLS to the proxy itself), which tlsdoctor does not speak; "
          "most proxies take CONNECT in plain HTTP even for HTTPS traffic: try http://");
    if (scheme.starts_with("socks"))
      return Error::usage(where + " is a SOCKS proxy; tlsdoctor speaks only HTTP CONNECT");
    if (scheme != "http")
      return Error::usage(where + " has the scheme '" + display_safe(scheme) +
                          "://'; a proxy is http://HOST:PORT");
  }
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) {
    auto credentials = percent_decode(rest.substr(0, at));
    if (!credentials) return credentials.error();
    out.credentials = std::move(*credentials);
    if (out.credentials.find(':') == std::string::npos) out.credentials += ":";
    rest = rest.substr(at + 1);
  }
  auto hop = parse_target(rest, kCurlDefaultProxyPort);
  if (!hop) return Error::usage(where + ": " + hop.error().message);
  out.endpoint = Endpoint{hop->host, hop->port};
  return out;
}

bool no_proxy_matches(std::string_view no_proxy, std::string_view host_in) {
  std::string host = lower(host_in);
  if (host.starts_with("[") && host.ends_with("]")) host = host.substr(1, host.size() - 2);
  while (host.ends_with(".")) host.pop_back();
  bool host_is_ip = is_ip_literal(host);
  size_t start = 0;
  while (start <= no_proxy.size()) {
    size_t comma = no_proxy.find(',', start);
    std::string entry = lower(trim(no_proxy.substr(start, comma - start)));
    start = comma == std::string_view::npos ? no_proxy.size() + 1 : comma + 1;
    if (entry.empty()) continue;
    if (entry == "*") return true;
    if (host_is_ip) {
      if (address_in(entry, host)) return true;
      continue;
    }
    while (entry.starts_with(".")) entry.erase(0, 1);
    while (entry.ends_with(".")) entry.pop_back();
    if (entry.empty()) continue;
    if (host == entry) return true;
    if (host.size() > entry.size() && host.ends_with(entry) &&
        host[host.size() - entry.size() - 1] == '.')
      return true;
  }
  return false;
}

EnvLookup process_env() {
  return [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

Result<std::optional<ProxySetting>> choose_proxy(std::string_view scheme, std::string_view host,
                                                 const ProxyFlags& flags, const EnvLookup& env) {
  using Chosen = std::optional<ProxySetting>;
  if (flags.no_proxy) return Chosen{};
  std::string url, source;
  if (!flags.proxy.empty()) {
    url = flags.proxy, source = "--proxy";
  } else {
    std::string lower_name = lower(scheme) + "_proxy", upper_name = lower_name;
    for (char& c : upper_name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (char& c : lower_name)
      if (c == '-' || c == '+') c = '_';
    for (char& c : upper_name)
      if (c == '-' || c == '+') c = '_';
    std::vector<std::string> names = {lower_name};
    if (lower_name != "http_proxy") names.push_back(upper_name);
    names.push_back("all_proxy");
    names.push_back("ALL_PROXY");
    for (const std::string& name : names) {
      auto value = env(name.c_str());
      if (value && !value->empty()) {
        url = *value, source = name;
        break;
      }
    }
    if (url.empty()) return Chosen{};
  }
  for (const char* name : {"no_proxy", "NO_PROXY"}) {
    auto value = env(name);
    if (!value) continue;
    if (no_proxy_matches(*value, host)) return Chosen{};
    break;  // the lower-case one wins when both are set
  }
  auto parsed = parse_proxy_url(url, source);
  if (!parsed) return parsed.error();
  return Chosen{std::move(*parsed)};
}

void route_through(Target& target, const ProxySetting& proxy) {
  target.route.via = proxy.endpoint;
  target.route.dialogs.insert(target.route.dialogs.begin(),
                              DialogSpec{DialogId::http_connect, proxy.credentials});
}

}  // namespace tlsd::probe
