#include "checks/address_compare.h"

#include <algorithm>
#include <set>

#include "catalog/catalog.h"

namespace tlsd::checks {
namespace {

std::set<uint16_t> supported_versions(const ServerModel& m) {
  std::set<uint16_t> out;
  for (const VersionSupport& v : m.versions)
    if (v.supported) out.insert(v.version);
  return out;
}

std::set<uint16_t> suites_of(const ServerModel& m, uint16_t version) {
  std::set<uint16_t> out;
  if (auto it = m.suites.find(version); it != m.suites.end())
    for (const AcceptedSuite& s : it->second.suites) out.insert(s.code);
  return out;
}

std::string leaf_of(const ServerModel& m) {
  for (const CertificateChain& c : m.certificates)
    if (!c.chain.empty()) return c.fingerprint_sha256;
  return "";
}

std::string leaf_text(const ServerModel& m) {
  for (const CertificateChain& c : m.certificates)
    if (!c.chain.empty())
      return "'" + c.chain.front().subject + "' issued by '" + c.chain.front().issuer + "'";
  return "no certificate";
}

// "a, b and 3 more"
template <class Names>
std::string listed(const Names& names) {
  std::string out;
  size_t n = 0;
  for (const std::string& name : names) {
    if (n == 4) return out + " and " + std::to_string(names.size() - 4) + " more";
    out += (n++ ? ", " : "") + name;
  }
  return out;
}

void compare(const AddressScan& base, const AddressScan& other, std::vector<std::string>& out) {
  const catalog::Catalog& cat = catalog::Catalog::get();
  const std::string& a = base.address;
  const std::string& b = other.address;
  if (base.model.error || other.model.error) {
    if (!base.model.error != !other.model.error) {
      const AddressScan& failed = base.model.error ? base : other;
      const AddressScan& fine = base.model.error ? other : base;
      out.push_back(failed.address + " could not be scanned (" + failed.model.error->message +
                    "), " + fine.address + " could");
    }
    return;
  }
  std::set<uint16_t> va = supported_versions(base.model), vb = supported_versions(other.model);
  for (uint16_t v : vb)
    if (!va.contains(v))
      out.push_back(b + " accepts " + cat.version_name(v) + ", " + a + " does not");
  for (uint16_t v : va)
    if (!vb.contains(v))
      out.push_back(a + " accepts " + cat.version_name(v) + ", " + b + " does not");
  for (uint16_t v : va) {
    if (!vb.contains(v)) continue;
    std::set<uint16_t> sa = suites_of(base.model, v), sb = suites_of(other.model, v);
    std::vector<std::string> only_b, only_a;
    for (uint16_t s : sb)
      if (!sa.contains(s)) only_b.push_back(cat.suite_name(s));
    for (uint16_t s : sa)
      if (!sb.contains(s)) only_a.push_back(cat.suite_name(s));
    if (!only_b.empty())
      out.push_back(cat.version_name(v) + ": only " + b + " accepts " + listed(only_b));
    if (!only_a.empty())
      out.push_back(cat.version_name(v) + ": only " + a + " accepts " + listed(only_a));
  }
  if (leaf_of(base.model) != leaf_of(other.model))
    out.push_back("the certificates differ: " + a + " sends " + leaf_text(base.model) + ", " + b +
                  " sends " + leaf_text(other.model));
}

}  // namespace

std::vector<std::string> compare_addresses(const std::vector<AddressScan>& scans) {
  std::vector<std::string> out;
  for (size_t i = 1; i < scans.size(); ++i) compare(scans[0], scans[i], out);
  return out;
}

}  // namespace tlsd::checks
