#include "cli/resolve_flag.h"

#include <cctype>
#include <charconv>

#include "probe/target.h"

namespace tlsd::cli {
namespace {

constexpr size_t kMaxAddresses = 16;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Result<ResolveEntry> parse_resolve(std::string_view text) {
  auto bad = [&](const std::string& why) {
    return Error::usage("--resolve " + std::string(text.substr(0, 200)) + ": " + why +
                        " (expected HOST:PORT:ADDR[,ADDR...])");
  };
  size_t first = text.find(':');
  if (first == std::string_view::npos || first == 0) return bad("no host");
  size_t second = text.find(':', first + 1);
  if (second == std::string_view::npos) return bad("no address");
  ResolveEntry out;
  out.host = lower(text.substr(0, first));
  while (out.host.ends_with(".")) out.host.pop_back();
  std::string_view port = text.substr(first + 1, second - first - 1);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535)
    return bad("bad port '" + std::string(port) + "'");
  out.port = static_cast<uint16_t>(value);
  std::string_view rest = text.substr(second + 1);
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string address(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (address.starts_with("[") && address.ends_with("]"))
      address = address.substr(1, address.size() - 2);
    if (!probe::is_ip_literal(address)) return bad("'" + address + "' is not an IP address");
    if (out.addresses.size() == kMaxAddresses) return bad("more than 16 addresses");
    out.addresses.push_back(address);
  }
  if (out.addresses.empty()) return bad("no address");
  return out;
}

std::optional<std::vector<std::string>> resolved_by_flag(const std::vector<std::string>& entries,
                                                         std::string_view host, uint16_t port) {
  std::string name = lower(host);
  while (name.ends_with(".")) name.pop_back();
  for (const std::string& text : entries) {
    auto entry = parse_resolve(text);
    if (entry && entry->host == name && entry->port == port) return entry->addresses;
  }
  return std::nullopt;
}

}  // namespace tlsd::cli
