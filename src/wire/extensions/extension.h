// One row per TLS extension: its name in a client profile's "extensions"
// list, the profile keys of its parameters, how a ClientHello carries it and
// how the server's copy decodes. Adding an extension = one file here + one
// line in extension_rows.inc (+ its test); the profile loader and the profile
// hello iterate the table, so nothing else names it.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "wire/extensions/profile_param.h"
#include "wire/hello_params.h"
#include "wire/reader.h"
#include "wire/writer.h"

namespace tlsd::wire {

struct ExtensionRow {
  uint16_t code;
  std::string_view name;  // IANA name; also how a profile's "extensions" list spells it
  // Writes the ClientHello extension_data from the hello's parameters.
  void (*build)(const HelloParams&, Writer&);
  // Decodes the server's extension_data (ServerHello or HelloRetryRequest).
  // The Reader holds exactly the body; trailing bytes are an error.
  Status (*parse_server)(Reader&, ServerExtensions&);
  // The profile keys this extension's parameters are read from (none for an
  // extension whose body is fixed or comes from the target, like server_name).
  ProfileParams profile_params = {};
};

// The row for `code`, or nullptr for an extension we only know by number.
const ExtensionRow* find_extension(uint16_t code);
// Row by its name, as in the table ("server_name", "key_share", ...).
const ExtensionRow* find_extension(std::string_view name);
std::vector<const ExtensionRow*> extension_rows();

// Helpers the rows share.
inline Status ext_error(std::string_view name) {
  return Error::decode(std::string("malformed ") + std::string(name) + " extension");
}
// For extensions whose server copy must be empty.
Status parse_empty(Reader& r, bool& flag);

// The rows, each defined in its own file here; the list is the table.
namespace ext {
#define TLSD_EXTENSION(id) extern const ExtensionRow id;
#include "wire/extensions/extension_rows.inc"
#undef TLSD_EXTENSION
}  // namespace ext

}  // namespace tlsd::wire
