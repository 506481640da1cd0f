#include "diagnose/scan_diff.h"

#include <algorithm>
#include <array>
#include <utility>

namespace tlsd::diagnose {
namespace {

constexpr std::array<std::pair<CertificateChange, std::string_view>, 6> kCertificateChanges = {{
    {CertificateChange::unchanged, "unchanged"},
    {CertificateChange::renewed, "renewed"},
    {CertificateChange::reissued, "reissued"},
    {CertificateChange::replaced, "replaced"},
    {CertificateChange::appeared, "appeared"},
    {CertificateChange::disappeared, "disappeared"},
}};

ListChange compare(std::string scope, const std::set<std::string>& before,
                   const std::set<std::string>& after) {
  ListChange c{std::move(scope), {}, {}};
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                      std::back_inserter(c.added));
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                      std::back_inserter(c.removed));
  return c;
}

// Per version, in the union of both scans' versions; only versions that changed.
std::vector<ListChange> compare_per_version(const std::map<std::string, std::set<std::string>>& a,
                                            const std::map<std::string, std::set<std::string>>& b) {
  std::set<std::string> scopes;
  for (const auto& [v, _] : a) scopes.insert(v);
  for (const auto& [v, _] : b) scopes.insert(v);
  static const std::set<std::string> kNone;
  std::vector<ListChange> out;
  for (const std::string& v : scopes) {
    auto ia = a.find(v), ib = b.find(v);
    ListChange c =
        compare(v, ia == a.end() ? kNone : ia->second, ib == b.end() ? kNone : ib->second);
    if (!c.added.empty() || !c.removed.empty()) out.push_back(std::move(c));
  }
  return out;
}

CertificateChange certificate_change(const std::optional<CertificateFacts>& a,
                                     const std::optional<CertificateFacts>& b) {
  if (!a && !b) return CertificateChange::unchanged;
  if (!a) return CertificateChange::appeared;
  if (!b) return CertificateChange::disappeared;
  if (a->fingerprint == b->fingerprint && a->serial == b->serial && a->issuer == b->issuer)
    return CertificateChange::unchanged;
  if (a->subject != b->subject) return CertificateChange::replaced;
  return a->issuer == b->issuer ? CertificateChange::renewed : CertificateChange::reissued;
}

}  // namespace

std::string_view name(CertificateChange change) {
  for (const auto& [c, n] : kCertificateChanges)
    if (c == change) return n;
  return "unchanged";
}

bool ScanDiff::changed() const {
  return before_error != after_error || !versions.added.empty() || !versions.removed.empty() ||
         !suites.empty() || !groups.empty() || certificate != CertificateChange::unchanged ||
         chain_length || client_auth;
}

ScanDiff diff_scans(const ScanFacts& a, const ScanFacts& b) {
  ScanDiff d;
  d.before_target = a.target;
  d.after_target = b.target;
  d.before_error = a.error;
  d.after_error = b.error;
  // A failed scan knows nothing of the server: comparing it would report
  // everything as removed.
  if (a.error || b.error) return d;
  d.versions = compare("", a.versions, b.versions);
  d.suites = compare_per_version(a.suites, b.suites);
  d.groups = compare_per_version(a.groups, b.groups);
  d.certificate = certificate_change(a.certificate, b.certificate);
  d.certificate_before = a.certificate;
  d.certificate_after = b.certificate;
  if (a.certificate && b.certificate && a.certificate->chain_length != b.certificate->chain_length)
    d.chain_length = {a.certificate->chain_length, b.certificate->chain_length};
  if (a.client_auth != b.client_auth && (a.client_auth || b.client_auth))
    d.client_auth = {a.client_auth.value_or("not recorded"),
                     b.client_auth.value_or("not recorded")};
  return d;
}

}  // namespace tlsd::diagnose
