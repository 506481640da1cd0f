// Parses the user's lists: --ciphers / --groups / --sigalgs (names in any of
// the IANA, OpenSSL and GnuTLS spellings, or hex codes, separated by commas
// or colons, OpenSSL style) and client profile lists (--clients, --client).
#pragma once

#include <string_view>
#include <vector>

#include "base/result.h"
#include "catalog/profiles.h"

namespace tlsd::cli {

Result<std::vector<uint16_t>> parse_suite_list(std::string_view text);
Result<std::vector<uint16_t>> parse_group_list(std::string_view text);
Result<std::vector<uint16_t>> parse_sigalg_list(std::string_view text);
std::vector<std::string> split_list(std::string_view text);

// "go-1.22,go-1.22+GODEBUG=tlsrsakex=1,tls3des=1,java-17": profiles with
// their knobs; commas inside a knob name stay with it.
Result<std::vector<catalog::Profile>> resolve_clients(const std::string& text);

}  // namespace tlsd::cli
