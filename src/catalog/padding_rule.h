// How a client profile pads its ClientHello (docs/profiles.md `hello.padding`):
// not at all, BoringSSL's rule (pad a 256..511-byte hello to 512 bytes), or a
// fixed number of bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tlsd::catalog {

enum class PaddingRule : uint8_t { none, boringssl, fixed };

std::string_view name(PaddingRule rule);
// "none" or "boringssl"; a fixed length is written as a number, not a name.
std::optional<PaddingRule> parse_padding_rule(std::string_view name);

}  // namespace tlsd::catalog
