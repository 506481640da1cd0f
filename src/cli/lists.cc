#include "cli/lists.h"

#include "base/hex.h"
#include "catalog/catalog.h"

namespace tlsd::cli {
namespace {

template <class Lookup>
Result<std::vector<uint16_t>> parse_codes(std::string_view text, std::string_view what,
                                          Lookup lookup) {
  std::vector<uint16_t> out;
  for (const std::string& item : split_list(text)) {
    if (auto code = lookup(item)) {
      out.push_back(*code);
    } else if (auto hex = parse_hex_number(item, 0xffff);
               hex && (item.starts_with("0x") || item.starts_with("0X"))) {
      out.push_back(static_cast<uint16_t>(*hex));
    } else {
      return Error::usage("unknown " + std::string(what) + " '" + item +
                          "' (use an IANA, OpenSSL or GnuTLS name, or a hex code like 0x003d)");
    }
  }
  if (out.empty()) return Error::usage("empty " + std::string(what) + " list");
  return out;
}

}  // namespace

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    if (ch == ',' || ch == ':' || ch == ' ') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(ch);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

Result<std::vector<uint16_t>> parse_suite_list(std::string_view text) {
  return parse_codes(text, "cipher suite", [](const std::string& s) -> std::optional<uint16_t> {
    const auto* suite = catalog::Catalog::get().suite_named(s);
    return suite ? std::optional<uint16_t>(suite->code) : std::nullopt;
  });
}

Result<std::vector<uint16_t>> parse_group_list(std::string_view text) {
  return parse_codes(text, "group", [](const std::string& s) -> std::optional<uint16_t> {
    const auto* g = catalog::Catalog::get().group_named(s);
    return g ? std::optional<uint16_t>(g->code) : std::nullopt;
  });
}

Result<std::vector<uint16_t>> parse_sigalg_list(std::string_view text) {
  return parse_codes(text, "signature scheme", [](const std::string& s) -> std::optional<uint16_t> {
    const auto* a = catalog::Catalog::get().signature_scheme_named(s);
    return a ? std::optional<uint16_t>(a->code) : std::nullopt;
  });
}

}  // namespace tlsd::cli
