// Parses the user's --ciphers / --groups / --sigalgs lists: names in any of
// the IANA, OpenSSL and GnuTLS spellings, or hex codes, separated by commas
// or colons (OpenSSL style).
#pragma once

#include <string_view>
#include <vector>

#include "base/result.h"

namespace tlsd::cli {

Result<std::vector<uint16_t>> parse_suite_list(std::string_view text);
Result<std::vector<uint16_t>> parse_group_list(std::string_view text);
Result<std::vector<uint16_t>> parse_sigalg_list(std::string_view text);
std::vector<std::string> split_list(std::string_view text);

}  // namespace tlsd::cli
