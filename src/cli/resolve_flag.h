// --resolve HOST:PORT:ADDR[,ADDR...], curl's habit: these addresses for this
// name and port instead of DNS (a lab gives one name two loopback addresses;
// an operator pins the backends of a round robin).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace tlsd::cli {

struct ResolveEntry {
  std::string host;  // lower case
  uint16_t port = 0;
  std::vector<std::string> addresses;  // literals, IPv6 without brackets
};

Result<ResolveEntry> parse_resolve(std::string_view text);
// The addresses --resolve gives this host and port, if any entry matches.
std::optional<std::vector<std::string>> resolved_by_flag(const std::vector<std::string>& entries,
                                                         std::string_view host, uint16_t port);

}  // namespace tlsd::cli
