#include "catalog/hello_template.h"

#include <algorithm>

#include "base/hex.h"
#include "catalog/catalog.h"
#include "catalog/known_keys.h"
#include "wire/extensions/extension.h"

namespace tlsd::catalog {
namespace {

using nlohmann::json;
namespace grease = wire::fixed_grease;

constexpr std::string_view kOwnKeys[] = {
    "record_version",      "legacy_version", "session_id_length", "cipher_suites",
    "compression_methods", "extensions",     "extension_data"};

std::optional<uint16_t> named(wire::CodeNames names, const std::string& s) {
  const Catalog& cat = Catalog::get();
  switch (names) {
    case wire::CodeNames::kNumeric:
      return std::nullopt;
    case wire::CodeNames::kGroup:
      if (const Group* g = cat.group_named(s)) return g->code;
      return std::nullopt;
    case wire::CodeNames::kSignatureScheme:
      if (const SignatureScheme* g = cat.signature_scheme_named(s)) return g->code;
      return std::nullopt;
  }
  return std::nullopt;
}

// Reads the fields of one "hello" object; the first failure is kept, with its source.
struct FieldReader {
  std::string source;
  std::optional<Error> error;

  bool fail(const std::string& why) {
    if (!error) error = Error::internal(source + ": " + why);
    return false;
  }

  // A code point: "0x002f", "GREASE" (when the slot has one), or a name.
  template <class Resolve>
  bool code(const json& v, std::optional<uint16_t> grease, Resolve resolve, uint16_t& out) {
    if (!v.is_string()) return fail("code point is not a string: " + v.dump());
    const std::string s = v.get<std::string>();
    if (s == "GREASE" && grease) {
      out = *grease;
      return true;
    }
    if (s.starts_with("0x")) {
      auto n = parse_hex_number(s, 0xffff);
      if (!n) return fail("bad code point " + s);
      out = static_cast<uint16_t>(*n);
      return true;
    }
    if (auto r = resolve(s)) {
      out = *r;
      return true;
    }
    return fail("unknown name " + s);
  }

  template <class Resolve>
  bool codes(const json& list, const std::string& key, std::optional<uint16_t> grease,
             Resolve resolve, std::vector<uint16_t>& out) {
    if (!list.is_array()) return fail(key + " is not a list");
    out.clear();
    for (const json& v : list) {
      uint16_t c = 0;
      if (!code(v, grease, resolve, c)) return false;
      out.push_back(c);
    }
    return true;
  }

  bool bytes(const json& list, const std::string& key, Bytes& out) {
    if (!list.is_array()) return fail(key + " is not a list");
    out.clear();
    for (const json& v : list) {
      if (!v.is_number_unsigned() || v.get<unsigned>() > 255) return fail(key + ": not a byte");
      out.push_back(static_cast<uint8_t>(v.get<unsigned>()));
    }
    return true;
  }

  // One parameter of an extension row, read by the shape its row declares.
  bool param(const json& h, const wire::ProfileParam& param, wire::HelloParams& out) {
    const std::string key(param.key);
    const json* value = h.contains(key) ? &h.at(key) : nullptr;
    return std::visit(
        [&](const auto& form) -> bool {
          using Form = std::decay_t<decltype(form)>;
          if constexpr (std::is_same_v<Form, wire::WordParam>) {
            std::string word(form.when_absent);
            if (value && value->is_number_integer() && value->get<int64_t>() >= 0)
              word = std::to_string(value->get<int64_t>());
            else if (value && value->is_string())
              word = value->get<std::string>();
            else if (value)
              return fail(key + " is neither a word nor a number");
            if (word.empty()) return true;
            auto stored = form.store(word, out);
            return stored || fail(key + ": " + stored.error().message);
          } else if (!value) {
            return true;  // the member keeps its default
          } else if constexpr (std::is_same_v<Form, wire::CodeListParam>) {
            auto resolve = [&](const std::string& s) { return named(form.names, s); };
            return codes(*value, key, form.grease, resolve, out.*form.member);
          } else if constexpr (std::is_same_v<Form, wire::ByteListParam>) {
            return bytes(*value, key, out.*form.member);
          } else if constexpr (std::is_same_v<Form, wire::TextListParam>) {
            if (!value->is_array()) return fail(key + " is not a list");
            (out.*form.member).clear();
            for (const json& s : *value) {
              if (!s.is_string()) return fail(key + ": not a string: " + s.dump());
              (out.*form.member).push_back(s.get<std::string>());
            }
            return true;
          } else {
            static_assert(std::is_same_v<Form, wire::NumberParam>);
            if (value->is_null()) return true;
            if (!value->is_number_integer() || value->get<int64_t>() < 0 ||
                value->get<int64_t>() > 0xffff)
              return fail(key + " is not a number up to 65535");
            out.*form.member = value->get<uint16_t>();
            return true;
          }
        },
        param.form);
  }

  bool extension_list(const json& h, HelloTemplate& t) {
    const json data = h.value("extension_data", json::object());
    const json extensions = h.value("extensions", json::array());
    if (!data.is_object()) return fail("extension_data is not an object");
    if (!extensions.is_array()) return fail("extensions is not a list");
    int grease_seen = 0;
    for (const json& e : extensions) {
      if (!e.is_string()) return fail("extension is not a string");
      std::string name = e.get<std::string>();
      wire::ExtensionEntry ext;
      if (name == "GREASE") {
        // Chrome sends an empty first GREASE extension and a one-byte last one.
        ext.type = grease_seen++ == 0 ? grease::kExtension : grease::kLastExtension;
        ext.body = ext.type == grease::kExtension ? Bytes{} : Bytes{0};
      } else if (const wire::ExtensionRow* row = wire::find_extension(name)) {
        ext.type = row->code;
      } else {
        auto code = parse_hex_number(name, 0xffff);
        if (!name.starts_with("0x") || !code) return fail("unknown extension " + name);
        ext.type = static_cast<uint16_t>(*code);
        if (!data.contains(name)) return fail("extension " + name + " needs extension_data");
        if (!data.at(name).is_string()) return fail("extension_data for " + name + " is not hex");
        auto body = from_hex(data.at(name).get<std::string>());
        if (!body) return fail("extension_data for " + name + " is not hex");
        ext.body = std::move(*body);
      }
      for (const wire::ExtensionEntry& seen : t.extensions)
        if (seen.type == ext.type) return fail("extension " + name + " listed twice");
      t.extensions.push_back(std::move(ext));
    }
    // A body for an extension the list leaves out is a misspelt or stale key.
    for (const auto& [name, body] : data.items())
      if (std::find(extensions.begin(), extensions.end(), json(name)) == extensions.end())
        return fail("unknown key 'hello.extension_data." + name + "': not in the extension list");
    return true;
  }
};

}  // namespace

std::vector<std::string_view> hello_template_keys() {
  std::vector<std::string_view> keys(std::begin(kOwnKeys), std::end(kOwnKeys));
  for (const wire::ExtensionRow* row : wire::extension_rows())
    for (const wire::ProfileParam& p : row->profile_params) keys.push_back(p.key);
  return keys;
}

Result<HelloTemplate> parse_hello_template(const json& h, const std::string& source) {
  if (auto known = known_keys_only(h, hello_template_keys(), source, "hello"); !known)
    return known.error();
  FieldReader r{source, {}};
  HelloTemplate t;
  auto numeric = [](const std::string&) -> std::optional<uint16_t> { return std::nullopt; };
  auto suite_named = [](const std::string& s) -> std::optional<uint16_t> {
    const CipherSuite* c = Catalog::get().suite_named(s);
    return c ? std::optional<uint16_t>(c->code) : std::nullopt;
  };
  auto version = [&](const char* key, uint16_t& out) {
    return !h.contains(key) || r.code(h.at(key), grease::kVersion, numeric, out);
  };
  if (!version("record_version", t.record_version) || !version("legacy_version", t.legacy_version))
    return *r.error;
  const json& sid = h.value("session_id_length", json(0));
  if (!sid.is_number_unsigned() && !(sid.is_number_integer() && sid.get<int64_t>() >= 0))
    return Error::internal(source + ": session_id_length is not a number");
  t.session_id_length = sid.get<size_t>();
  if (t.session_id_length > 32) r.fail("session_id_length above 32");
  if (h.contains("cipher_suites"))
    r.codes(h.at("cipher_suites"), "cipher_suites", grease::kSuite, suite_named, t.cipher_suites);
  if (h.contains("compression_methods"))
    r.bytes(h.at("compression_methods"), "compression_methods", t.compression_methods);
  if (r.error) return *r.error;
  if (t.cipher_suites.empty()) return Error::internal(source + ": no cipher_suites");
  for (const wire::ExtensionRow* row : wire::extension_rows())
    for (const wire::ProfileParam& p : row->profile_params)
      if (!r.param(h, p, t)) return *r.error;
  if (!r.extension_list(h, t)) return *r.error;

  const uint16_t key_share = wire::ext::kKeyShare.code;
  bool has_key_share =
      std::any_of(t.extensions.begin(), t.extensions.end(),
                  [&](const wire::ExtensionEntry& e) { return e.type == key_share; });
  for (uint16_t g : t.key_share_groups)
    if (std::find(t.groups.begin(), t.groups.end(), g) == t.groups.end())
      return Error::internal(source + ": key share " + hex_code(g) + " is not among the groups");
  if (!t.key_share_groups.empty() && !has_key_share)
    return Error::internal(source + ": key_shares given without a key_share extension");
  return t;
}

uint16_t HelloTemplate::max_version() const {
  uint16_t best = 0;
  for (uint16_t v : supported_versions)
    if ((v & 0x0f0f) != 0x0a0a) best = std::max(best, v);
  return best ? best : legacy_version;
}

uint16_t HelloTemplate::min_version() const {
  uint16_t low = 0xffff;
  for (uint16_t v : supported_versions)
    if ((v & 0x0f0f) != 0x0a0a) low = std::min(low, v);
  return low == 0xffff ? legacy_version : low;
}

}  // namespace tlsd::catalog
