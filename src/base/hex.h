#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"

namespace tlsd {

std::string to_hex(ByteView bytes);
// "0x003d" style, lower case, width in hex digits.
std::string hex_code(uint32_t value, int digits = 4);
// Accepts an even number of hex digits, optional spaces/colons between bytes.
std::optional<Bytes> from_hex(std::string_view text);
// Parses "0x003d", "003d", "0x3d" into a number no larger than max.
std::optional<uint32_t> parse_hex_number(std::string_view text, uint32_t max);

}  // namespace tlsd
