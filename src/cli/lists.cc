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

namespace {

// "go-1.22,go-1.22+GODEBUG=tlsrsakex=1,tls3des=1,java-17": commas inside a
// knob name stay with it; a new spec starts where a known profile id does.
std::vector<std::string> split_client_specs(const std::string& text,
                                            const catalog::ProfileSet& set) {
  std::vector<std::string> specs;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string piece =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    piece.erase(0, piece.find_first_not_of(' '));
    std::string id = piece.substr(0, piece.find('+'));
    if (specs.empty() || set.find(id)) {
      if (!piece.empty()) specs.push_back(piece);
    } else {
      specs.back() += "," + piece;
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return specs;
}

}  // namespace

Result<std::vector<catalog::Profile>> resolve_clients(const std::string& text) {
  const catalog::ProfileSet& set = catalog::ProfileSet::get();
  std::vector<catalog::Profile> out;
  for (const std::string& spec : split_client_specs(text, set)) {
    auto p = set.resolve(spec);
    if (!p) return p.error();
    out.push_back(std::move(*p));
  }
  if (out.empty()) return Error::usage("no client profile given");
  return out;
}

}  // namespace tlsd::cli
