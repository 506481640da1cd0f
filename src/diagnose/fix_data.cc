#include "diagnose/fix_data.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "catalog/embedded.h"
#include "catalog/known_keys.h"

namespace tlsd::diagnose {
namespace {

using nlohmann::json;

std::optional<uint16_t> parse_code(const std::string& text) {
  if (text.size() != 6 || !text.starts_with("0x")) return std::nullopt;
  char* end = nullptr;
  unsigned long v = std::strtoul(text.c_str() + 2, &end, 16);
  if (*end != '\0' || v > 0xffff) return std::nullopt;
  return static_cast<uint16_t>(v);
}

std::string text_or_empty(const json& j, const char* key) {
  return j.contains(key) && j.at(key).is_string() ? j.at(key).get<std::string>() : "";
}

// Every key of `j` must be one of `keys`: a misspelt key is a load error that
// names the file and the key's path, never a silently ignored setting.
void known_only(const json& j, std::initializer_list<std::string_view> keys, const char* file,
                const std::string& path) {
  if (auto ok = catalog::known_keys_only(j, keys, file, path); !ok)
    throw std::runtime_error(ok.error().message);
}

// A list shared by several stacks is written once under "lists" and named
// where it is used (clients.json: "openssl": "openssl-3.0-debian-suites").
const json& shared(const json& value, const json& lists, const std::string& where) {
  if (!value.is_string()) return value;
  const std::string name = value.get<std::string>();
  if (!lists.contains(name)) throw std::runtime_error(where + ": unknown list '" + name + "'");
  return lists.at(name);
}

ListTemplate parse_list_template(const json& j, const std::string& where) {
  known_only(j, {"language", "item", "join", "scope", "template", "quote_list"}, "clients.json",
             where);
  return {j.at("language").get<std::string>(), j.at("item").get<std::string>(),
          j.at("join").get<std::string>(),     j.at("scope").get<std::string>(),
          j.at("template").get<std::string>(), j.at("quote_list").get<bool>()};
}

// {"names": {"0x002f": "NAME"}} names each code itself; {"openssl": [codes]}
// takes the OpenSSL names from the catalog.
std::map<uint16_t, std::string> parse_code_names(const json& j, bool suites,
                                                 const std::string& where, const json& lists) {
  known_only(j, {"names", "openssl", "source", "trap"}, "clients.json", where);
  std::map<uint16_t, std::string> out;
  const catalog::Catalog& cat = catalog::Catalog::get();
  if (j.contains("names")) {
    for (const auto& [code, name] : shared(j.at("names"), lists, where + ".names").items()) {
      auto c = parse_code(code);
      if (!c) throw std::runtime_error(where + ": bad code " + code);
      out[*c] = name.get<std::string>();
    }
  }
  if (j.contains("openssl")) {
    for (const json& code : shared(j.at("openssl"), lists, where + ".openssl")) {
      auto c = parse_code(code.get<std::string>());
      const catalog::CipherSuite* s = c ? cat.suite(*c) : nullptr;
      if (!suites || !s || s->openssl_name.empty())
        throw std::runtime_error(where + ": no OpenSSL name for " + code.get<std::string>());
      out[*c] = s->openssl_name;
    }
  }
  return out;
}

void parse_clients(const json& doc, std::vector<StackFixes>& stacks,
                   std::map<std::string, KnobKind>& kinds) {
  known_only(doc,
             {"version", "about", "lists", "stacks", "knob_kinds", "suite_costs", "group_cost",
              "go_godebug"},
             "clients.json", "");
  const json lists = doc.value("lists", json::object());
  for (size_t i = 0; i < doc.at("stacks").size(); ++i) {
    const json& s = doc.at("stacks").at(i);
    const std::string at = "stacks[" + std::to_string(i) + "]";
    known_only(s, {"stack", "display", "suites", "groups", "pin_suites", "pin_groups"},
               "clients.json", at);
    StackFixes f;
    f.stack = s.at("stack").get<std::string>();
    f.display = s.at("display").get<std::string>();
    if (s.contains("suites")) {
      f.suites = parse_code_names(s.at("suites"), true, at + ".suites", lists);
      f.suites_source = s.at("suites").at("source").get<std::string>();
      f.suites_trap = s.at("suites").at("trap").get<std::string>();
    }
    if (s.contains("groups")) {
      f.groups = parse_code_names(s.at("groups"), false, at + ".groups", lists);
      f.groups_source = s.at("groups").at("source").get<std::string>();
      f.groups_trap = s.at("groups").at("trap").get<std::string>();
    }
    if (s.contains("pin_suites"))
      f.pin_suites = parse_list_template(s.at("pin_suites"), at + ".pin_suites");
    if (s.contains("pin_groups"))
      f.pin_groups = parse_list_template(s.at("pin_groups"), at + ".pin_groups");
    if (f.pin_suites && f.suites.empty())
      throw std::runtime_error(f.stack + ": pin_suites without suites");
    if (f.pin_groups && f.groups.empty())
      throw std::runtime_error(f.stack + ": pin_groups without groups");
    stacks.push_back(std::move(f));
  }
  for (const auto& [name, k] : doc.at("knob_kinds").items()) {
    known_only(k, {"rank", "scope", "per_setting", "rewrite", "forms"}, "clients.json",
               "knob_kinds." + name);
    KnobKind kind;
    kind.rank = k.at("rank").get<int>();
    kind.scope = k.at("scope").get<std::string>();
    kind.per_setting = k.value("per_setting", false);
    for (const json& r : k.value("rewrite", json::array()))
      kind.rewrite.emplace_back(r.at(0).get<std::string>(), r.at(1).get<std::string>());
    for (const json& form : k.at("forms")) {
      known_only(form, {"language", "label", "template"}, "clients.json",
                 "knob_kinds." + name + ".forms[]");
      kind.forms.push_back({form.at("language").get<std::string>(), text_or_empty(form, "label"),
                            form.at("template").get<std::string>()});
    }
    kinds[name] = std::move(kind);
  }
}

void parse_changes(const json& doc, std::vector<ClientChange>& changes) {
  known_only(doc, {"version", "about", "changes"}, "changes.json", "");
  for (const json& c : doc.at("changes")) {
    known_only(c,
               {"id", "stack", "since", "since_display", "until", "variant", "what", "knob",
                "release_note", "source", "reasons"},
               "changes.json", "changes[" + c.value("id", "") + "]");
    ClientChange change;
    change.id = c.at("id").get<std::string>();
    change.stack = c.at("stack").get<std::string>();
    change.since = c.at("since").get<std::string>();
    change.since_display = c.at("since_display").get<std::string>();
    change.until = text_or_empty(c, "until");
    change.variant = text_or_empty(c, "variant");
    change.what = c.at("what").get<std::string>();
    change.knob = text_or_empty(c, "knob");
    change.release_note = text_or_empty(c, "release_note");
    change.source = c.at("source").get<std::string>();
    for (const json& r : c.at("reasons"))
      change.reasons.push_back(reason_in_data(r.get<std::string>(), change.id));
    changes.push_back(std::move(change));
  }
}

void parse_server(const json& doc, const ReasonTexts& reasons,
                  std::vector<ServerSoftware>& software, std::vector<ServerFixTemplate>& fixes) {
  known_only(doc, {"version", "about", "software", "fixes"}, "server.json", "");
  for (const json& s : doc.at("software")) {
    known_only(s, {"id", "display", "file"}, "server.json", "software[]");
    software.push_back({s.at("id").get<std::string>(), s.at("display").get<std::string>(),
                        s.at("file").get<std::string>()});
  }
  for (const json& f : doc.at("fixes")) {
    known_only(f, {"id", "title", "why", "source", "reasons", "render"}, "server.json",
               "fixes[" + f.value("id", "") + "]");
    ServerFixTemplate fix;
    fix.id = f.at("id").get<std::string>();
    fix.title = f.at("title").get<std::string>();
    fix.why = f.at("why").get<std::string>();
    fix.source = f.at("source").get<std::string>();
    for (const json& r : f.at("reasons")) {
      fix.reasons.push_back(reason_in_data(r.get<std::string>(), fix.id));
      if (!reasons.titles.count(fix.reasons.back().kind()))
        throw std::runtime_error(fix.id + ": reason " + r.get<std::string>() +
                                 " has no title in reasons.json");
    }
    fix.render = f.at("render").get<std::map<std::string, std::string>>();
    for (const ServerSoftware& s : software)
      if (!fix.render.count(s.id)) throw std::runtime_error(fix.id + ": no render for " + s.id);
    fixes.push_back(std::move(fix));
  }
}

// "1.22.3" -> {1, 22, 3}; a non-digit ends a part ("8u291" -> {8}).
std::vector<long> version_parts(const std::string& v) {
  std::vector<long> parts;
  size_t at = 0;
  while (at < v.size()) {
    size_t dot = v.find('.', at);
    std::string part = v.substr(at, dot == std::string::npos ? std::string::npos : dot - at);
    parts.push_back(std::strtol(part.c_str(), nullptr, 10));
    if (dot == std::string::npos) break;
    at = dot + 1;
  }
  return parts;
}

}  // namespace

int compare_versions(const std::string& a, const std::string& b) {
  std::vector<long> x = version_parts(a), y = version_parts(b);
  for (size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    long l = i < x.size() ? x[i] : 0, r = i < y.size() ? y[i] : 0;
    if (l != r) return l < r ? -1 : 1;
  }
  return 0;
}

bool ClientChange::applies_to(const catalog::Profile& profile) const {
  if (profile.stack != stack) return false;
  if (!variant.empty() && profile.variant != variant) return false;
  if (compare_versions(profile.version, since) < 0) return false;
  return until.empty() || compare_versions(profile.version, until) < 0;
}

Result<FixKnowledge> FixKnowledge::load(const std::map<std::string, std::string>& documents) {
  FixKnowledge k;
  try {
    auto doc = [&](const std::string& name) {
      auto it = documents.find(name);
      if (it == documents.end()) throw std::runtime_error("missing data/fixes/" + name + ".json");
      return json::parse(it->second);
    };
    known_only(doc("reasons"), {"version", "about", "reasons", "hints", "also_relaxed_by"},
               "reasons.json", "");
    k.reasons_ = ReasonTexts::parse(doc("reasons"));
    json clients = doc("clients");
    parse_clients(clients, k.stacks_, k.knob_kinds_);
    k.suite_costs_ = clients.at("suite_costs").get<std::map<std::string, std::string>>();
    k.group_cost_ = clients.at("group_cost").get<std::string>();
    known_only(clients.at("go_godebug"), {"about", "source", "settings"}, "clients.json",
               "go_godebug");
    for (const json& g : clients.at("go_godebug").at("settings")) {
      known_only(g, {"setting", "changed", "old", "until"}, "clients.json",
                 "go_godebug.settings[]");
      k.go_godebug_.push_back({g.at("setting").get<std::string>(),
                               g.at("changed").get<std::string>(), g.at("old").get<std::string>(),
                               text_or_empty(g, "until")});
    }
    known_only(clients.at("suite_costs"),
               {"no_pfs", "cbc_sha1", "cbc", "3des", "rc4", "strong", "source"}, "clients.json",
               "suite_costs");
    for (const char* key : {"no_pfs", "cbc_sha1", "cbc", "3des", "rc4", "strong"})
      if (!k.suite_costs_.count(key))
        throw std::runtime_error(std::string("suite_costs: no ") + key);
    parse_changes(doc("changes"), k.changes_);
    parse_server(doc("server"), k.reasons_, k.software_, k.server_fixes_);
  } catch (const std::exception& e) {
    return Error::internal(std::string("data/fixes: ") + e.what());
  }
  return k;
}

const FixKnowledge& FixKnowledge::get() {
  static const FixKnowledge knowledge = [] {
    std::map<std::string, std::string> docs;
    for (const char* name : {"clients", "changes", "server", "reasons"})
      docs[name] = std::string(catalog::embedded_file(std::string("data/fixes/") + name + ".json"));
    return catalog::embedded_or_abort(load(docs), "fix data");
  }();
  return knowledge;
}

const StackFixes* FixKnowledge::stack(const std::string& id) const {
  for (const StackFixes& s : stacks_)
    if (s.stack == id) return &s;
  return nullptr;
}

const KnobKind* FixKnowledge::knob_kind(const std::string& kind) const {
  auto it = knob_kinds_.find(kind);
  return it == knob_kinds_.end() ? nullptr : &it->second;
}

std::vector<const ClientChange*> FixKnowledge::changes_for(
    const catalog::Profile& profile, const catalog::FailureReason& reason) const {
  std::vector<const ClientChange*> out;
  for (const ClientChange& c : changes_)
    if (c.applies_to(profile) &&
        std::find(c.reasons.begin(), c.reasons.end(), reason) != c.reasons.end())
      out.push_back(&c);
  std::stable_sort(out.begin(), out.end(), [](const ClientChange* a, const ClientChange* b) {
    return compare_versions(a->since, b->since) > 0;
  });
  return out;
}

const ServerFixTemplate* FixKnowledge::server_fix_for(const catalog::FailureReason& reason) const {
  for (const ServerFixTemplate& f : server_fixes_)
    if (std::find(f.reasons.begin(), f.reasons.end(), reason) != f.reasons.end()) return &f;
  return nullptr;
}

std::string FixKnowledge::suite_cost(uint16_t code) const {
  const catalog::CipherSuite* s = catalog::Catalog::get().suite(code);
  if (!s) return suite_costs_.at("strong");
  std::vector<std::string> weaknesses;
  if (!s->pfs && !s->tls13) weaknesses.push_back(suite_costs_.at("no_pfs"));
  if (s->enc.find("RC4") != std::string::npos)
    weaknesses.push_back(suite_costs_.at("rc4"));
  else if (s->enc.find("3DES") != std::string::npos)
    weaknesses.push_back(suite_costs_.at("3des"));
  else if (!s->aead)
    weaknesses.push_back(suite_costs_.at(s->mac == "SHA" ? "cbc_sha1" : "cbc"));
  if (weaknesses.empty()) return suite_costs_.at("strong");
  std::string out;
  for (const std::string& w : weaknesses) out += (out.empty() ? "" : "; ") + w;
  return out;
}

}  // namespace tlsd::diagnose
