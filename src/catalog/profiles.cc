#include "catalog/profiles.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "base/hex.h"
#include "catalog/catalog.h"
#include "catalog/embedded.h"

namespace tlsd::catalog {
namespace {

using nlohmann::json;

// Fixed GREASE values (RFC 8701) so that golden hellos are reproducible.
constexpr uint16_t kGreaseSuite = 0x0a0a, kGreaseGroup = 0x1a1a, kGreaseExtension = 0x2a2a,
                   kGreaseVersion = 0x3a3a, kGreaseLastExtension = 0x4a4a;

struct Parser {
  std::string source;
  std::optional<Error> error;

  bool fail(const std::string& why) {
    if (!error) error = Error::internal(source + ": " + why);
    return false;
  }

  // A code point: "0x002f", "GREASE", or a name the resolver knows.
  template <class Resolve>
  bool code(const json& v, uint16_t grease, Resolve resolve, uint16_t& out) {
    if (!v.is_string()) return fail("code point is not a string: " + v.dump());
    const std::string s = v.get<std::string>();
    if (s == "GREASE") {
      out = grease;
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
  bool codes(const json& parent, const char* key, uint16_t grease, Resolve resolve,
             std::vector<uint16_t>& out) {
    if (!parent.contains(key)) return true;
    const json& list = parent.at(key);
    if (!list.is_array()) return fail(std::string(key) + " is not a list");
    out.clear();
    for (const json& v : list) {
      uint16_t c = 0;
      if (!code(v, grease, resolve, c)) return false;
      out.push_back(c);
    }
    return true;
  }

  bool bytes(const json& parent, const char* key, Bytes& out) {
    if (!parent.contains(key)) return true;
    out.clear();
    for (const json& v : parent.at(key)) {
      if (!v.is_number_unsigned() || v.get<unsigned>() > 255)
        return fail(std::string(key) + ": not a byte");
      out.push_back(static_cast<uint8_t>(v.get<unsigned>()));
    }
    return true;
  }

  bool optional_int(const json& parent, const char* key, std::optional<int>& out) {
    if (!parent.contains(key) || parent.at(key).is_null()) return true;
    if (!parent.at(key).is_number_integer()) return fail(std::string(key) + " is not a number");
    out = parent.at(key).get<int>();
    return true;
  }
};

auto no_names = [](const std::string&) -> std::optional<uint16_t> { return std::nullopt; };
auto group_names = [](const std::string& s) -> std::optional<uint16_t> {
  const Group* g = Catalog::get().group_named(s);
  return g ? std::optional<uint16_t>(g->code) : std::nullopt;
};
auto sigalg_names = [](const std::string& s) -> std::optional<uint16_t> {
  const SignatureScheme* g = Catalog::get().signature_scheme_named(s);
  return g ? std::optional<uint16_t>(g->code) : std::nullopt;
};
auto suite_names = [](const std::string& s) -> std::optional<uint16_t> {
  const CipherSuite* c = Catalog::get().suite_named(s);
  return c ? std::optional<uint16_t>(c->code) : std::nullopt;
};

// The extension table's names (wire/extensions/), without depending on wire:
// catalog sits below it. Validated against the table by a wire-level test.
const std::map<std::string, uint16_t>& extension_names() {
  static const std::map<std::string, uint16_t> names = {
      {"server_name", 0x0000},
      {"status_request", 0x0005},
      {"supported_groups", 0x000a},
      {"ec_point_formats", 0x000b},
      {"signature_algorithms", 0x000d},
      {"heartbeat", 0x000f},
      {"application_layer_protocol_negotiation", 0x0010},
      {"signed_certificate_timestamp", 0x0012},
      {"padding", 0x0015},
      {"encrypt_then_mac", 0x0016},
      {"extended_master_secret", 0x0017},
      {"compress_certificate", 0x001b},
      {"record_size_limit", 0x001c},
      {"delegated_credentials", 0x0022},
      {"session_ticket", 0x0023},
      {"supported_versions", 0x002b},
      {"cookie", 0x002c},
      {"psk_key_exchange_modes", 0x002d},
      {"signature_algorithms_cert", 0x0032},
      {"key_share", 0x0033},
      {"renegotiation_info", 0xff01}};
  return names;
}

bool parse_hello(Parser& p, const json& h, HelloTemplate& t) {
  auto version = [&](const char* key, uint16_t& out) {
    return !h.contains(key) || p.code(h.at(key), kGreaseVersion, no_names, out);
  };
  if (!version("record_version", t.record_version) || !version("legacy_version", t.legacy_version))
    return false;
  t.session_id_length = h.value("session_id_length", 0u);
  if (t.session_id_length > 32) return p.fail("session_id_length above 32");
  if (!p.codes(h, "cipher_suites", kGreaseSuite, suite_names, t.cipher_suites) ||
      !p.bytes(h, "compression_methods", t.compression_methods) ||
      !p.codes(h, "supported_versions", kGreaseVersion, no_names, t.supported_versions) ||
      !p.codes(h, "groups", kGreaseGroup, group_names, t.groups) ||
      !p.codes(h, "key_shares", kGreaseGroup, group_names, t.key_shares) ||
      !p.codes(h, "signature_algorithms", 0, sigalg_names, t.signature_algorithms) ||
      !p.codes(h, "signature_algorithms_cert", 0, sigalg_names, t.signature_algorithms_cert) ||
      !p.codes(h, "certificate_compression", 0, no_names, t.certificate_compression) ||
      !p.codes(h, "delegated_credentials", 0, sigalg_names, t.delegated_credentials) ||
      !p.bytes(h, "ec_point_formats", t.ec_point_formats) ||
      !p.bytes(h, "psk_key_exchange_modes", t.psk_key_exchange_modes))
    return false;
  if (t.cipher_suites.empty()) return p.fail("no cipher_suites");
  if (h.contains("alpn"))
    for (const json& a : h.at("alpn")) t.alpn.push_back(a.get<std::string>());
  if (h.contains("record_size_limit") && !h.at("record_size_limit").is_null())
    t.record_size_limit = h.at("record_size_limit").get<uint16_t>();
  if (h.contains("padding")) {
    const json& pad = h.at("padding");
    std::optional<PaddingRule> rule =
        pad.is_number() ? PaddingRule::fixed : parse_padding_rule(pad.get<std::string>());
    if (!rule) return p.fail("padding must be none, boringssl or a number");
    t.padding = *rule;
    if (pad.is_number()) t.padding_bytes = pad.get<unsigned>();
  }
  const json data = h.value("extension_data", json::object());
  int grease_seen = 0;
  const json extensions = h.value("extensions", json::array());
  for (const json& e : extensions) {
    if (!e.is_string()) return p.fail("extension is not a string");
    std::string name = e.get<std::string>();
    ProfileExtension ext;
    if (name == "GREASE") {
      // Chrome sends an empty first GREASE extension and a one-byte last one.
      ext.type = grease_seen++ == 0 ? kGreaseExtension : kGreaseLastExtension;
      ext.body = ext.type == kGreaseExtension ? Bytes{} : Bytes{0};
    } else if (auto it = extension_names().find(name); it != extension_names().end()) {
      ext.type = it->second;
    } else {
      auto code = parse_hex_number(name, 0xffff);
      if (!name.starts_with("0x") || !code) return p.fail("unknown extension " + name);
      ext.type = static_cast<uint16_t>(*code);
      if (!data.contains(name)) return p.fail("extension " + name + " needs extension_data");
      auto body = from_hex(data.at(name).get<std::string>());
      if (!body) return p.fail("extension_data for " + name + " is not hex");
      ext.body = std::move(*body);
    }
    for (const ProfileExtension& seen : t.extensions)
      if (seen.type == ext.type) return p.fail("extension " + name + " listed twice");
    t.extensions.push_back(std::move(ext));
  }
  bool has_key_share = std::any_of(t.extensions.begin(), t.extensions.end(),
                                   [](const ProfileExtension& e) { return e.type == 0x0033; });
  for (uint16_t g : t.key_shares)
    if (std::find(t.groups.begin(), t.groups.end(), g) == t.groups.end())
      return p.fail("key share " + hex_code(g) + " is not among the groups");
  if (has_key_share != !t.key_shares.empty() && !t.key_shares.empty())
    return p.fail("key_shares given without a key_share extension");
  return true;
}

bool parse_policy(Parser& p, const json& j, ClientPolicy& policy) {
  if (!p.optional_int(j, "min_rsa_bits", policy.min_rsa_bits) ||
      !p.optional_int(j, "max_rsa_bits", policy.max_rsa_bits) ||
      !p.optional_int(j, "min_dh_bits", policy.min_dh_bits) ||
      !p.optional_int(j, "min_ecdsa_bits", policy.min_ecdsa_bits))
    return false;
  policy.accept_sha1_certificate_signature = j.value("accept_sha1_certificate_signature", true);
  policy.accept_sha1_handshake_signature = j.value("accept_sha1_handshake_signature", true);
  policy.require_secure_renegotiation = j.value("require_secure_renegotiation", false);
  policy.require_extended_master_secret = j.value("require_extended_master_secret", false);
  policy.verify_certificate = j.value("verify_certificate", true);
  return true;
}

// Sets a dotted path ("hello.cipher_suites") in a document.
bool set_path(json& doc, const std::string& path, const json& value) {
  json* at = &doc;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string key = path.substr(start, dot - start);
    if (!at->is_object()) return false;
    if (dot == std::string::npos) {
      (*at)[key] = value;
      return true;
    }
    at = &(*at)[key];
    start = dot + 1;
  }
}

}  // namespace

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

std::string Profile::spec() const {
  std::string out = id;
  for (const std::string& k : applied_knobs) out += "+" + k;
  return out;
}

std::string Profile::error_text(std::string_view key) const {
  auto it = errors.find(std::string(key));
  return it == errors.end() ? "" : it->second;
}

std::string Profile::error_text(const FailureReason& reason) const {
  std::string words = error_text(reason.name());
  if (words.empty() && reason.kind() == ReasonKind::alert) return error_text("alert");
  return words;
}

Result<Profile> parse_profile(const json& doc, const std::string& source_name) {
  Parser p{source_name, {}};
  Profile pr;
  pr.raw = doc;
  if (!doc.is_object()) return Error::internal(source_name + ": not a JSON object");
  try {
    pr.id = doc.at("id").get<std::string>();
    pr.display = doc.value("display", pr.id);
    pr.stack = doc.at("stack").get<std::string>();
    pr.version = doc.value("version", "");
    pr.current = doc.value("current", false);
    pr.notes = doc.value("notes", "");
    if (!parse_hello(p, doc.at("hello"), pr.hello) ||
        !parse_policy(p, doc.value("policy", json::object()), pr.policy))
      return *p.error;
    // Named copies: iterating items() of a temporary would outlive it.
    const json errors = doc.value("errors", json::object());
    const json sources = doc.value("sources", json::object());
    const json knobs = doc.value("knobs", json::array());
    for (const auto& [reason, text] : errors.items()) {
      if (reason != "alert" && !parse_failure_reason(reason))
        return Error::internal(source_name + ": errors: unknown failure reason '" + reason + "'");
      pr.errors[reason] = text.get<std::string>();
    }
    for (const auto& [key, text] : sources.items())
      pr.sources[key] = text.is_string() ? text.get<std::string>() : text.dump();
    for (const json& k : knobs) {
      Knob knob;
      knob.name = k.at("name").get<std::string>();
      knob.kind = k.value("kind", "");
      knob.cost = k.value("cost", "");
      knob.source = k.value("source", "");
      knob.removed_in = k.value("removed_in", "");
      knob.snippet = k.value("snippet", "");
      const json relaxes = k.value("relaxes", json::array());
      for (const json& r : relaxes) {
        std::optional<FailureReason> reason = parse_failure_reason(r.get<std::string>());
        if (!reason)
          return Error::internal(source_name + ": knob " + knob.name +
                                 " relaxes an unknown failure reason '" + r.get<std::string>() +
                                 "'");
        knob.relaxes.push_back(*reason);
      }
      knob.set = k.value("set", json::object());
      pr.knobs.push_back(std::move(knob));
    }
  } catch (const json::exception& e) {
    return Error::internal(source_name + ": " + e.what());
  }
  if (pr.sources.find("hello") == pr.sources.end())
    return Error::internal(source_name + ": no source for the hello");
  return pr;
}

Result<Profile> with_knob(const Profile& profile, const std::string& name) {
  auto knob = std::find_if(profile.knobs.begin(), profile.knobs.end(),
                           [&](const Knob& k) { return k.name == name; });
  if (knob == profile.knobs.end()) {
    std::string known;
    for (const Knob& k : profile.knobs) known += (known.empty() ? "" : ", ") + k.name;
    return Error::usage(profile.id + " has no knob '" + name +
                        "' (known: " + (known.empty() ? "none" : known) + ")");
  }
  json doc = profile.raw;
  for (const auto& [path, value] : knob->set.items())
    if (!set_path(doc, path, value))
      return Error::internal(profile.id + ": knob " + name + " sets an impossible path " + path);
  auto out = parse_profile(doc, profile.id + "+" + name);
  if (!out) return out;
  out->applied_knobs = profile.applied_knobs;
  out->applied_knobs.push_back(name);
  out->knobs = profile.knobs;  // the same knobs stay available
  return out;
}

Result<ProfileSet> ProfileSet::load(const std::vector<std::pair<std::string, std::string>>& files) {
  ProfileSet set;
  for (const auto& [path, text] : files) {
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) return Error::internal(path + ": not valid JSON");
    auto p = parse_profile(doc, path);
    if (!p) return p.error();
    std::string expected = path.substr(path.rfind('/') + 1);
    expected = expected.substr(0, expected.size() - 5);  // ".json"
    if (p->id != expected)
      return Error::internal(path + ": id '" + p->id + "' differs from the file name");
    if (set.find(p->id)) return Error::internal(path + ": duplicate id " + p->id);
    set.profiles_.push_back(std::move(*p));
  }
  std::sort(set.profiles_.begin(), set.profiles_.end(),
            [](const Profile& a, const Profile& b) { return a.id < b.id; });
  return set;
}

const ProfileSet& ProfileSet::get() {
  static const ProfileSet set = [] {
    std::vector<std::pair<std::string, std::string>> files;
    for (const EmbeddedFile& f : embedded_files())
      if (f.path.starts_with("data/profiles/") && f.path.ends_with(".json"))
        files.emplace_back(std::string(f.path), std::string(f.content));
    return embedded_or_abort(load(files), "profiles");
  }();
  return set;
}

const Profile* ProfileSet::find(const std::string& id) const {
  for (const Profile& p : profiles_)
    if (p.id == id) return &p;
  return nullptr;
}

Result<Profile> ProfileSet::resolve(const std::string& spec) const {
  size_t plus = spec.find('+');
  std::string id = spec.substr(0, plus);
  const Profile* base = find(id);
  if (!base) {
    std::string known;
    for (const Profile& p : profiles_) known += (known.empty() ? "" : ", ") + p.id;
    return Error::usage("unknown client '" + id + "'; known: " + known);
  }
  Result<Profile> out = *base;
  while (plus != std::string::npos && out) {
    size_t next = spec.find('+', plus + 1);
    out = with_knob(*out, spec.substr(plus + 1, next == std::string::npos ? std::string::npos
                                                                          : next - plus - 1));
    plus = next;
  }
  return out;
}

}  // namespace tlsd::catalog
