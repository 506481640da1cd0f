#include "diagnose/cause.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "catalog/catalog.h"
#include "diagnose/fix_data.h"
#include "wire/constants.h"

namespace tlsd::diagnose {
namespace {

using catalog::Catalog;

std::string version_list(const std::vector<uint16_t>& versions) {
  return name_list(
      versions, [](uint16_t v) { return Catalog::get().version_name(v); }, 8);
}

// "with RSA key exchange" when every suite shares one, else "".
std::string common_key_exchange(const std::vector<uint16_t>& suites) {
  std::set<std::string_view> kx;
  for (uint16_t code : suites) {
    const catalog::CipherSuite* s = Catalog::get().suite(code);
    if (!s || s->tls13) return "";
    kx.insert(catalog::name(s->kx));
  }
  if (kx.size() != 1) return "";
  return " with " + std::string(*kx.begin()) + " key exchange" +
         (*kx.begin() == "RSA" ? " (no forward secrecy)" : "");
}

std::vector<uint16_t> server_versions(const checks::ServerModel& server) {
  std::vector<uint16_t> out;
  for (const checks::VersionSupport& v : server.versions)
    if (v.supported) out.push_back(v.version);
  std::sort(out.rbegin(), out.rend());
  return out;
}

void suite_cause(FailureCause& c, const catalog::Profile& p, const checks::ServerModel& server) {
  std::vector<uint16_t> common;
  for (uint16_t v : offered_versions(p.hello))
    if (server.supports(v)) common.push_back(v);
  std::vector<uint16_t> suites = accepted_suites(server, common);
  if (suites.empty()) return;
  c.summary = fmt::format(
      "the server accepts only {}{}: {}", version_list(common), common_key_exchange(suites),
      name_list(suites, [](uint16_t s) { return Catalog::get().describe_suite(s); }));
  // What the client offers for those versions (its TLS 1.3 suites do not count at TLS 1.2).
  std::vector<uint16_t> offered;
  for (uint16_t s : p.hello.cipher_suites) {
    const catalog::CipherSuite* suite = Catalog::get().suite(s);
    if (suite && !suite->scsv &&
        std::any_of(common.begin(), common.end(), [&](uint16_t v) { return suite->valid_for(v); }))
      offered.push_back(s);
  }
  auto name = [](uint16_t s) { return Catalog::get().suite_name(s); };
  c.evidence.push_back(fmt::format("{} offers {} suites for {}, none of them: {}", p.id,
                                   offered.size(), version_list(common),
                                   name_list(offered, name, 4)));
}

void version_cause(FailureCause& c, const catalog::Profile& p, const checks::ServerModel& server) {
  std::vector<uint16_t> versions = server_versions(server);
  if (versions.empty()) return;
  c.summary = "the server accepts only " + version_list(versions);
  c.evidence.push_back(p.id + " offers " + version_list(offered_versions(p.hello)));
}

void group_cause(FailureCause& c, const catalog::Profile& p, const checks::ServerModel& server) {
  std::vector<uint16_t> groups = accepted_groups(server);
  if (groups.empty()) return;
  auto name = [](uint16_t g) { return Catalog::get().group_name(g); };
  c.summary = "the server accepts only these key exchange groups: " + name_list(groups, name);
  c.evidence.push_back(p.id + " offers " + name_list(p.hello.groups, name));
}

// A handshake_failure with a suite and group in common: can the server sign
// with anything the client offers? The scan knows what it signs with.
void signature_cause(FailureCause& c, const catalog::Profile& p,
                     const checks::ServerModel& server) {
  std::vector<uint16_t> schemes;
  for (uint16_t v : offered_versions(p.hello)) {
    auto it = server.signature_schemes.find(v);
    if (it == server.signature_schemes.end()) continue;
    for (uint16_t s : it->second)
      if (std::find(schemes.begin(), schemes.end(), s) == schemes.end()) schemes.push_back(s);
  }
  if (schemes.empty()) return;
  for (uint16_t s : schemes)
    if (std::find(p.hello.signature_algorithms.begin(), p.hello.signature_algorithms.end(), s) !=
        p.hello.signature_algorithms.end())
      return;
  auto name = [](uint16_t s) { return Catalog::get().signature_scheme_name(s); };
  c.reason = catalog::ReasonKind::no_common_sigalg;
  c.title = FixKnowledge::get().reason_title(*c.reason);
  c.summary = "the server can sign only with " + name_list(schemes, name);
  c.evidence.push_back(p.id + " offers " + name_list(p.hello.signature_algorithms, name));
}

}  // namespace

std::string name_list(const std::vector<uint16_t>& codes,
                      const std::function<std::string(uint16_t)>& describe, size_t limit) {
  std::string out;
  for (size_t i = 0; i < codes.size() && i < limit; ++i)
    out += (i ? ", " : "") + describe(codes[i]);
  if (codes.size() > limit) out += fmt::format(" and {} more", codes.size() - limit);
  return out;
}

std::vector<uint16_t> offered_versions(const catalog::HelloTemplate& hello) {
  std::vector<uint16_t> out;
  if (!hello.supported_versions.empty()) {
    for (uint16_t v : hello.supported_versions)
      if (v >= wire::kSsl3 && v <= wire::kTls13) out.push_back(v);
  } else {
    for (uint16_t v = hello.legacy_version; v >= hello.min_version() && v >= wire::kSsl3; --v)
      out.push_back(v);
  }
  std::sort(out.rbegin(), out.rend());
  return out;
}

std::vector<uint16_t> accepted_suites(const checks::ServerModel& server,
                                      const std::vector<uint16_t>& versions) {
  std::vector<uint16_t> out;
  for (uint16_t v : versions) {
    auto it = server.suites.find(v);
    if (it == server.suites.end()) continue;
    for (const checks::AcceptedSuite& s : it->second.suites)
      if (std::find(out.begin(), out.end(), s.code) == out.end()) out.push_back(s.code);
  }
  return out;
}

std::vector<uint16_t> accepted_groups(const checks::ServerModel& server) {
  std::vector<uint16_t> out;
  for (auto it = server.groups.rbegin(); it != server.groups.rend(); ++it)
    for (uint16_t g : it->second.groups)
      if (std::find(out.begin(), out.end(), g) == out.end()) out.push_back(g);
  return out;
}

FailureCause explain_failure(const catalog::Profile& profile, const simulate::ClientResult& result,
                             const checks::ServerModel& server) {
  FailureCause c;
  using catalog::FailureReason;
  using catalog::ReasonKind;
  constexpr uint8_t kHandshakeFailure = 40, kInsufficientSecurity = 71;
  c.reason = result.reason;
  if (result.reason) {
    const FailureReason& reason = *result.reason;
    c.title = FixKnowledge::get().reason_title(reason);
    c.hint = FixKnowledge::get().reason_hint(reason);
    if (reason == ReasonKind::no_common_suite) suite_cause(c, profile, server);
    if (reason == ReasonKind::no_common_version) version_cause(c, profile, server);
    if (reason == ReasonKind::no_common_group) group_cause(c, profile, server);
    if (reason == FailureReason::alert(kHandshakeFailure) ||
        reason == FailureReason::alert(kInsufficientSecurity))
      signature_cause(c, profile, server);
    // The simulation's flight checks (and a flight that does not parse): the
    // server is at fault, whatever the client does; the server fix
    // broken_handshake (data/fixes/server.json) goes with it.
    if (reason == ReasonKind::protocol_error && !result.detail.empty()) {
      c.summary = "the server's handshake is broken: " + result.detail;
      c.evidence.push_back(
          "no client setting fixes this: fix the server (upgrade its TLS library, or the "
          "middlebox in front of it)");
      return c;
    }
  }
  // The simulation's own evidence ("RSA 1024-bit key", "the server answered
  // with alert ...") when the model adds nothing better.
  if (c.summary.empty())
    c.summary = result.detail;
  else if (!result.detail.empty())
    c.evidence.push_back(result.detail);
  return c;
}

}  // namespace tlsd::diagnose
