#include "diagnose/client_fixes.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "catalog/catalog.h"
#include "checks/suite_weakness.h"
#include "diagnose/cause.h"
#include "diagnose/fix_data.h"
#include "diagnose/removed_knobs.h"
#include "diagnose/snippet.h"
#include "wire/constants.h"

namespace tlsd::diagnose {
namespace {

using catalog::Catalog;
using catalog::Profile;

constexpr size_t kPinCandidates = 2;  // the best suite, and one more in case it fails live

// Never pinned: no authentication, no encryption, or credentials the client lacks.
bool pinnable(const catalog::CipherSuite& s) {
  return !checks::is_broken(s) && !s.scsv && !s.tls13 &&
         (s.kx == catalog::KxKind::rsa || catalog::ephemeral(s.kx));
}

int strength(const catalog::CipherSuite& s) {
  return (s.pfs ? 8 : 0) + (s.aead ? 4 : 0) + (s.mac != "SHA" ? 2 : 0) +
         (s.enc.find("AES") != std::string::npos || s.enc.find("CHACHA") != std::string::npos ? 1
                                                                                              : 0);
}

nlohmann::json hex_codes(const std::vector<uint16_t>& codes) {
  nlohmann::json out = nlohmann::json::array();
  for (uint16_t c : codes) out.push_back(fmt::format("0x{:04x}", c));
  return out;
}

std::map<std::string, std::string> target_vars(const probe::Target& target,
                                               const std::string& language) {
  std::string host = target.sni.empty() ? target.host : target.sni;
  std::string port = std::to_string(target.port);
  std::string url = "https://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) +
                    (target.port == 443 ? "" : ":" + port) + "/";
  return {{"host", quote(host, language)},
          {"host_comment", comment_safe(host)},
          {"host_arg", quote(host, "shell")},
          {"host_port", quote(host + ":" + port, "shell")},
          {"port", port},
          {"url", quote(url, "shell")}};
}

// `items`: the variables of each entry ({name}, {iana}, {openssl}).
Snippet render_list(const ListTemplate& t,
                    const std::vector<std::map<std::string, std::string>>& items,
                    const probe::Target& target) {
  std::string joined;
  for (size_t i = 0; i < items.size(); ++i)
    joined += (i ? t.join : "") + fill_template(t.item, items[i]);
  std::map<std::string, std::string> vars = target_vars(target, t.language);
  vars["list"] = t.quote_list ? quote(joined, t.language) : joined;
  vars["list_arg"] = quote(joined, "shell");
  return {"", t.language, fill_template(t.text, vars)};
}

std::vector<FixCandidate> suite_pins(const Profile& profile, const StackFixes& stack,
                                     const checks::ServerModel& server,
                                     const probe::Target& target) {
  const Catalog& cat = Catalog::get();
  std::vector<uint16_t> versions;
  for (uint16_t v : offered_versions(profile.hello))
    if (v <= wire::kTls12) versions.push_back(v);
  std::vector<const catalog::CipherSuite*> usable;
  for (uint16_t code : accepted_suites(server, versions)) {
    const catalog::CipherSuite* s = cat.suite(code);
    if (s && pinnable(*s) && stack.suites.count(code)) usable.push_back(s);
  }
  std::stable_sort(usable.begin(), usable.end(),
                   [](auto* a, auto* b) { return strength(*a) > strength(*b); });
  std::vector<FixCandidate> out;
  for (size_t i = 0; i < usable.size() && i < kPinCandidates; ++i) {
    const catalog::CipherSuite& s = *usable[i];
    FixCandidate fix;
    fix.kind = FixKind::pin_suite;
    fix.title = "offer " + cat.describe_suite(s.code) + " to this host";
    fix.scope = stack.pin_suites->scope;
    fix.rank = 0;
    fix.cost = FixKnowledge::get().suite_cost(s.code);
    fix.source = stack.suites_source;
    std::map<std::string, std::string> item{
        {"name", stack.suites.at(s.code)}, {"iana", s.iana_name}, {"openssl", s.openssl_name}};
    fix.snippets.push_back(render_list(*stack.pin_suites, {item}, target));
    fix.profile = profile;
    // The pin replaces the TLS <= 1.2 suites; TLS 1.3 suites, signalling
    // values and GREASE are configured apart and stay.
    std::vector<uint16_t> suites{s.code};
    for (uint16_t c : profile.hello.cipher_suites) {
      const catalog::CipherSuite* other = cat.suite(c);
      if (!other || other->tls13 || other->scsv) suites.push_back(c);
    }
    fix.profile.hello.cipher_suites = suites;
    fix.profile.raw["hello"]["cipher_suites"] = hex_codes(suites);
    fix.profile.applied_knobs.push_back("CipherSuites=" + s.iana_name);
    fix.changes = {"hello.cipher_suites"};
    out.push_back(std::move(fix));
  }
  return out;
}

std::vector<FixCandidate> group_pins(const Profile& profile, const StackFixes& stack,
                                     const checks::ServerModel& server,
                                     const probe::Target& target) {
  std::vector<FixCandidate> out;
  for (uint16_t g : accepted_groups(server)) {
    if (!stack.groups.count(g)) continue;
    const catalog::Group* group = Catalog::get().group(g);
    FixCandidate fix;
    fix.kind = FixKind::pin_group;
    fix.title = "offer the group " + Catalog::get().group_name(g) + " to this host";
    fix.scope = stack.pin_groups->scope;
    fix.cost = FixKnowledge::get().group_cost();
    fix.source = stack.groups_source;
    std::map<std::string, std::string> item{{"name", stack.groups.at(g)}};
    fix.snippets.push_back(render_list(*stack.pin_groups, {item}, target));
    fix.profile = profile;
    fix.profile.hello.groups = {g};
    fix.profile.hello.key_share_groups.clear();
    if (group && group->key_share_bytes > 0 && !profile.hello.key_share_groups.empty())
      fix.profile.hello.key_share_groups = {g};
    fix.profile.raw["hello"]["groups"] = hex_codes(fix.profile.hello.groups);
    fix.profile.raw["hello"]["key_shares"] = hex_codes(fix.profile.hello.key_share_groups);
    fix.profile.applied_knobs.push_back("CurvePreferences=" + Catalog::get().group_name(g));
    fix.changes = {"hello.groups", "hello.key_shares"};
    out.push_back(std::move(fix));
    break;  // the server's first group the stack has
  }
  return out;
}

std::vector<Snippet> knob_snippets(const catalog::Knob& knob, const KnobKind& kind,
                                   const probe::Target& target) {
  // A prose name ("jdk.tls.disabledAlgorithms without TLS_RSA_*") comes with
  // the exact text to paste, which is used as it is.
  std::string setting = knob.snippet.empty() ? knob.name : knob.snippet;
  for (const auto& [from, to] : kind.rewrite)
    for (size_t at; knob.snippet.empty() && (at = setting.find(from)) != std::string::npos;)
      setting.replace(at, from.size(), to);
  std::vector<std::string> settings{setting};
  if (kind.per_setting && knob.snippet.empty()) {
    settings.clear();
    for (size_t start = 0;;) {
      size_t comma = setting.find(',', start);
      settings.push_back(setting.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  std::vector<Snippet> out;
  for (const KnobForm& form : kind.forms) {
    std::map<std::string, std::string> vars = target_vars(target, form.language);
    std::string code;
    // GODEBUG at run time takes "a=1,b=2" at once; the source forms take one line each.
    if (form.text.starts_with("GODEBUG=")) {
      vars["setting"] = setting;
      code = fill_template(form.text, vars);
    } else {
      for (const std::string& s : settings) {
        vars["setting"] = s;
        code += (code.empty() ? "" : "\n") + fill_template(form.text, vars);
      }
    }
    out.push_back({form.label, form.language, code});
  }
  return out;
}

std::optional<FixCandidate> knob_candidate(const Profile& profile, const catalog::Knob& knob,
                                           const probe::Target& target) {
  // A knob the profile's own release removed is never a fix (data test:
  // no profile carries one; this guards profiles built at run time).
  if (knob_removed_for(profile, knob, catalog::ProfileSet::get().all())) return std::nullopt;
  auto relaxed = catalog::with_knob(profile, knob.name);
  const KnobKind* kind = FixKnowledge::get().knob_kind(knob.kind);
  if (!relaxed || !kind) return std::nullopt;
  FixCandidate fix;
  fix.kind = FixKind::knob;
  fix.title = knob.name;
  fix.scope = kind->scope;
  fix.rank = kind->rank;
  fix.cost = knob.cost;
  fix.removed_in = knob.removed_in;
  fix.source = knob.source;
  fix.snippets = knob_snippets(knob, *kind, target);
  fix.profile = std::move(*relaxed);
  for (const auto& [path, value] : knob.set.items()) fix.changes.push_back(path);
  return fix;
}

}  // namespace

namespace {
constexpr std::array<std::pair<FixKind, std::string_view>, 4> kFixKinds = {{
    {FixKind::pin_suite, "pin_suite"},
    {FixKind::pin_group, "pin_group"},
    {FixKind::knob, "knob"},
    {FixKind::combined, "combined"},
}};
}  // namespace

std::string_view name(FixKind kind) {
  for (const auto& [k, n] : kFixKinds)
    if (k == kind) return n;
  return "knob";
}

std::optional<FixKind> parse_fix_kind(std::string_view text) {
  for (const auto& [k, n] : kFixKinds)
    if (n == text) return k;
  return std::nullopt;
}

std::optional<FixCandidate> combine(const FixCandidate& first, const catalog::Knob& knob,
                                    const probe::Target& target) {
  if (std::find(first.profile.applied_knobs.begin(), first.profile.applied_knobs.end(),
                knob.name) != first.profile.applied_knobs.end())
    return std::nullopt;
  for (const auto& [path, value] : knob.set.items())
    if (std::find(first.changes.begin(), first.changes.end(), path) != first.changes.end())
      return std::nullopt;
  auto second = knob_candidate(first.profile, knob, target);
  if (!second) return std::nullopt;
  FixCandidate both = first;
  both.kind = FixKind::combined;
  both.title = first.title + ", and " + second->title;
  if (second->rank > first.rank) {
    both.rank = second->rank;
    both.scope = second->scope;
  }
  both.cost = first.cost + "; " + second->cost;
  if (both.removed_in.empty()) both.removed_in = second->removed_in;
  both.source = first.source + "; " + second->source;
  both.snippets.insert(both.snippets.end(), second->snippets.begin(), second->snippets.end());
  both.profile = std::move(second->profile);
  both.changes.insert(both.changes.end(), second->changes.begin(), second->changes.end());
  both.built_from.push_back(first.profile.spec());
  return both;
}

std::vector<FixCandidate> client_fix_candidates(const Profile& profile,
                                                const catalog::FailureReason& reason,
                                                const checks::ServerModel& server,
                                                const probe::Target& target) {
  const FixKnowledge& k = FixKnowledge::get();
  std::vector<FixCandidate> out;
  if (const StackFixes* stack = k.stack(profile.stack)) {
    if (reason == catalog::ReasonKind::no_common_suite && stack->pin_suites)
      for (FixCandidate& f : suite_pins(profile, *stack, server, target))
        out.push_back(std::move(f));
    if (reason == catalog::ReasonKind::no_common_group && stack->pin_groups)
      for (FixCandidate& f : group_pins(profile, *stack, server, target))
        out.push_back(std::move(f));
  }
  std::vector<catalog::FailureReason> reasons = k.relaxed_by(reason);
  for (const catalog::Knob& knob : profile.knobs) {
    if (std::find_first_of(knob.relaxes.begin(), knob.relaxes.end(), reasons.begin(),
                           reasons.end()) == knob.relaxes.end())
      continue;
    if (std::find(profile.applied_knobs.begin(), profile.applied_knobs.end(), knob.name) !=
        profile.applied_knobs.end())
      continue;
    if (auto fix = knob_candidate(profile, knob, target)) out.push_back(std::move(*fix));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const FixCandidate& a, const FixCandidate& b) { return a.rank < b.rank; });
  return out;
}

std::optional<std::string> implementation_trap(const Profile& profile,
                                               const catalog::FailureReason& reason,
                                               const checks::ServerModel& server) {
  const StackFixes* stack = FixKnowledge::get().stack(profile.stack);
  if (!stack) return std::nullopt;
  const Catalog& cat = Catalog::get();
  auto trap = [&](const std::string& text, const std::vector<uint16_t>& accepted, const auto& known,
                  auto describe) -> std::optional<std::string> {
    if (accepted.empty() || known.empty()) return std::nullopt;
    for (uint16_t code : accepted)
      if (known.count(code)) return std::nullopt;
    return fill_template(text,
                         {{"display", stack->display}, {"list", name_list(accepted, describe, 4)}});
  };
  if (reason == catalog::ReasonKind::no_common_suite) {
    std::vector<uint16_t> versions;
    for (const auto& [v, suites] : server.suites) versions.push_back(v);
    return trap(stack->suites_trap, accepted_suites(server, versions), stack->suites,
                [&](uint16_t s) { return cat.describe_suite(s); });
  }
  if (reason == catalog::ReasonKind::no_common_group)
    return trap(stack->groups_trap, accepted_groups(server), stack->groups,
                [&](uint16_t g) { return cat.group_name(g); });
  return std::nullopt;
}

}  // namespace tlsd::diagnose
