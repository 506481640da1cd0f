#include "catalog/profiles.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "catalog/embedded.h"
#include "catalog/known_keys.h"
#include "catalog/profile_dates.h"

namespace tlsd::catalog {
namespace {

using nlohmann::json;

// The keys each part of a profile may have (docs/profiles.md). "variant"
// names a build variant of the same release ("noaes"); optional.
constexpr std::string_view kProfileKeys[] = {"id",       "display", "stack", "version", "current",
                                             "released", "checked", "hello", "policy",  "errors",
                                             "knobs",    "sources", "notes", "variant"};
constexpr std::string_view kPolicyKeys[] = {"min_rsa_bits",
                                            "max_rsa_bits",
                                            "min_dh_bits",
                                            "min_ecdsa_bits",
                                            "accept_sha1_certificate_signature",
                                            "accept_sha1_handshake_signature",
                                            "require_secure_renegotiation",
                                            "require_extended_master_secret",
                                            "verify_certificate",
                                            "reject_unsolicited_extensions",
                                            "check_dh_prime",
                                            "check_tls13_session_id_echo"};
constexpr std::string_view kKnobKeys[] = {"name",       "kind",    "cost",    "source",
                                          "removed_in", "snippet", "relaxes", "set"};

Status parse_policy(const json& j, const std::string& source, ClientPolicy& policy) {
  if (auto known = known_keys_only(j, kPolicyKeys, source, "policy"); !known) return known;
  auto optional_int = [&](const char* key, std::optional<int>& out) -> Status {
    if (!j.contains(key) || j.at(key).is_null()) return Ok{};
    if (!j.at(key).is_number_integer())
      return Error::internal(source + ": " + key + " is not a number");
    out = j.at(key).get<int>();
    return Ok{};
  };
  for (auto [key, out] : {std::pair{"min_rsa_bits", &policy.min_rsa_bits},
                          std::pair{"max_rsa_bits", &policy.max_rsa_bits},
                          std::pair{"min_dh_bits", &policy.min_dh_bits},
                          std::pair{"min_ecdsa_bits", &policy.min_ecdsa_bits}})
    if (auto read = optional_int(key, *out); !read) return read;
  policy.accept_sha1_certificate_signature = j.value("accept_sha1_certificate_signature", true);
  policy.accept_sha1_handshake_signature = j.value("accept_sha1_handshake_signature", true);
  policy.require_secure_renegotiation = j.value("require_secure_renegotiation", false);
  policy.require_extended_master_secret = j.value("require_extended_master_secret", false);
  policy.verify_certificate = j.value("verify_certificate", true);
  policy.reject_unsolicited_extensions = j.value("reject_unsolicited_extensions", true);
  policy.check_dh_prime = j.value("check_dh_prime", true);
  policy.check_tls13_session_id_echo = j.value("check_tls13_session_id_echo", true);
  return Ok{};
}

// A knob's "set" path must name a key the format knows: "hello.<key>" or
// "policy.<key>". A misspelt path would otherwise add a key nobody reads and
// the knob would silently change nothing.
Status check_set_path(const std::string& path, const std::string& where) {
  size_t dot = path.find('.');
  std::string part = path.substr(0, dot),
              key = dot == std::string::npos ? "" : path.substr(dot + 1);
  bool known = false;
  if (part == "hello") {
    auto keys = hello_template_keys();
    known = std::find(keys.begin(), keys.end(), key) != keys.end();
  } else if (part == "policy") {
    known = std::find(std::begin(kPolicyKeys), std::end(kPolicyKeys), key) != std::end(kPolicyKeys);
  }
  if (known) return Ok{};
  return Error::internal(where + ".set: unknown key '" + path + "'");
}

Result<Knob> parse_knob(const json& k, const std::string& source, size_t index) {
  const std::string where = "knobs[" + std::to_string(index) + "]";
  if (auto known = known_keys_only(k, kKnobKeys, source, where); !known) return known.error();
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
      return Error::internal(source + ": knob " + knob.name +
                             " relaxes an unknown failure reason '" + r.get<std::string>() + "'");
    knob.relaxes.push_back(*reason);
  }
  knob.set = k.value("set", json::object());
  if (!knob.set.is_object())
    return Error::internal(source + ": " + where + ".set is not an object");
  for (const auto& [path, value] : knob.set.items())
    if (auto ok = check_set_path(path, source + ": " + where); !ok) return ok.error();
  return knob;
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
  Profile pr;
  pr.raw = doc;
  if (!doc.is_object()) return Error::internal(source_name + ": not a JSON object");
  if (auto known = known_keys_only(doc, kProfileKeys, source_name, ""); !known)
    return known.error();
  try {
    pr.id = doc.at("id").get<std::string>();
    pr.display = doc.value("display", pr.id);
    pr.stack = doc.at("stack").get<std::string>();
    pr.version = doc.value("version", "");
    pr.variant = doc.value("variant", "");
    pr.current = doc.value("current", false);
    pr.notes = doc.value("notes", "");
    // Both dates are required: without them "current" cannot be checked.
    for (auto [key, out] :
         {std::pair{"released", &pr.released}, std::pair{"checked", &pr.checked}}) {
      if (!doc.contains(key) || !doc.at(key).is_string() ||
          !is_iso_date(doc.at(key).get<std::string>()))
        return Error::internal(source_name + ": '" + key + "' must be a date YYYY-MM-DD");
      *out = doc.at(key).get<std::string>();
    }
    if (doc.contains("variant") && !doc.at("variant").is_string())
      return Error::internal(source_name + ": variant is not a string");
    auto hello = parse_hello_template(doc.at("hello"), source_name);
    if (!hello) return hello.error();
    pr.hello = std::move(*hello);
    if (auto policy = parse_policy(doc.value("policy", json::object()), source_name, pr.policy);
        !policy)
      return policy.error();
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
    for (size_t i = 0; i < knobs.size(); ++i) {
      auto knob = parse_knob(knobs.at(i), source_name, i);
      if (!knob) return knob.error();
      pr.knobs.push_back(std::move(*knob));
    }
  } catch (const json::exception& e) {
    return Error::internal(source_name + ": " + e.what());
  }
  if (pr.sources.find("hello") == pr.sources.end())
    return Error::internal(source_name + ": no source for the hello");
  // The id names its variant: "go-1.22-noaes" (docs/profiles.md).
  if (!pr.variant.empty() && (!std::all_of(pr.variant.begin(), pr.variant.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      }) || !pr.id.ends_with("-" + pr.variant)))
    return Error::internal(source_name + ": variant '" + pr.variant +
                           "' is not lower-case letters and digits ending the id");
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
