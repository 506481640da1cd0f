// Lookups over the table of extensions (extension_rows.inc), by code point and name.
#include <algorithm>
#include <array>

#include "wire/extensions/extension.h"

namespace tlsd::wire {
namespace {

const std::array kTable = {
#define TLSD_EXTENSION(id) &ext::id,
#include "wire/extensions/extension_rows.inc"
#undef TLSD_EXTENSION
};

}  // namespace

const ExtensionRow* find_extension(uint16_t code) {
  auto it = std::find_if(kTable.begin(), kTable.end(),
                         [&](const ExtensionRow* row) { return row->code == code; });
  return it == kTable.end() ? nullptr : *it;
}

const ExtensionRow* find_extension(std::string_view name) {
  auto it = std::find_if(kTable.begin(), kTable.end(),
                         [&](const ExtensionRow* row) { return row->name == name; });
  return it == kTable.end() ? nullptr : *it;
}

std::vector<const ExtensionRow*> extension_rows() {
  return std::vector<const ExtensionRow*>(kTable.begin(), kTable.end());
}

Status parse_empty(Reader& r, bool& flag) {
  if (!r.empty()) return Error::decode("extension that must be empty has a body");
  flag = true;
  return Ok{};
}

bool ServerExtensions::has(uint16_t type) const {
  return std::find(present.begin(), present.end(), type) != present.end();
}

}  // namespace tlsd::wire
