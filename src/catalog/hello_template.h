// A client profile's ClientHello, as data/profiles/*.json "hello" spells it
// (docs/profiles.md): the fields outside extensions, the extension list in
// wire order, and the extensions' parameters. The parameters are
// wire::HelloParams itself, filled from the profile keys that the extension
// rows declare (wire/extensions/profile_param.h), so no list of extension
// names or parameters is kept here.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "wire/client_hello.h"
#include "wire/hello_params.h"

namespace tlsd::catalog {

struct HelloTemplate : wire::HelloParams {
  uint16_t record_version = 0x0301;
  uint16_t legacy_version = 0x0303;
  size_t session_id_length = 0;
  std::vector<uint16_t> cipher_suites;  // GREASE already given its fixed value
  Bytes compression_methods{0};
  // Exact wire order; a body only for GREASE and extensions given as raw hex.
  std::vector<wire::ExtensionEntry> extensions;

  uint16_t max_version() const;
  uint16_t min_version() const;
};

// Reads the "hello" object; an unknown key, name or code point is an error
// "<source>: …" naming it.
Result<HelloTemplate> parse_hello_template(const nlohmann::json& hello, const std::string& source);

// Every key a "hello" object may have: its own fields and each extension
// row's parameter keys (a knob's "set" paths are checked against them).
std::vector<std::string_view> hello_template_keys();

}  // namespace tlsd::catalog
