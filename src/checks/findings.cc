// The security summary: which rows of data/findings.csv apply to the model,
// with the evidence for each.
#include <algorithm>
#include <ctime>
#include <functional>

#include "catalog/catalog.h"
#include "catalog/csv.h"
#include "catalog/embedded.h"
#include "checks/cert_lifetime.h"
#include "checks/checks.h"
#include "checks/suite_weakness.h"
#include "wire/constants.h"

namespace tlsd::checks {
namespace {

using catalog::Catalog;
using catalog::CipherSuite;

// Evidence, or "" when the finding does not apply.
using Rule = std::function<std::string(const ServerModel&)>;

// The accepted suites with weakness `w` (suite_weakness.h judges).
std::string suites_with(const ServerModel& m, SuiteWeakness w, bool* all = nullptr) {
  std::string out;
  size_t hits = 0, total = 0;
  for (const auto& [version, list] : m.suites)
    for (const AcceptedSuite& a : list.suites) {
      ++total;
      const CipherSuite* s = Catalog::get().suite(a.code);
      if (!s || !has_weakness(*s, w)) continue;
      ++hits;
      std::string name = Catalog::get().describe_suite(a.code);
      if (out.find(name) == std::string::npos && hits <= 6) out += (out.empty() ? "" : ", ") + name;
    }
  if (all) *all = hits > 0 && hits == total;
  if (hits > 6) out += ", ...";
  return out;
}

std::string version_rule(const ServerModel& m, uint16_t v) {
  return m.supports(v) ? Catalog::get().version_name(v) + " accepted" : "";
}

std::string cert_rule(const ServerModel& m,
                      const std::function<std::string(const CertificateChain&)>& pred) {
  for (const CertificateChain& c : m.certificates)
    if (std::string why = pred(c); !why.empty()) return why;
  return "";
}

const std::map<std::string, Rule>& rules() {
  static const std::map<std::string, Rule> table = {
      {"sslv2", [](const ServerModel& m) { return version_rule(m, wire::kSsl2); }},
      {"sslv3", [](const ServerModel& m) { return version_rule(m, wire::kSsl3); }},
      {"tls10", [](const ServerModel& m) { return version_rule(m, wire::kTls10); }},
      {"tls11", [](const ServerModel& m) { return version_rule(m, wire::kTls11); }},
      // Reached, but no version's hello got a ServerHello: nothing is
      // negotiable, which is the worst finding of all, never "nothing of concern".
      {"no_version",
       [](const ServerModel& m) -> std::string {
         if (m.max_version() || m.error || m.versions.empty()) return "";
         std::string out;
         for (const VersionSupport& v : m.versions)
           out += (out.empty() ? "" : "; ") + Catalog::get().version_name(v.version) + ": " +
                  (v.refusal.empty() ? "no answer" : v.refusal);
         return out;
       }},
      {"no_modern_version",
       [](const ServerModel& m) -> std::string {
         bool any = m.max_version().has_value();
         return any && !m.supports(wire::kTls12) && !m.supports(wire::kTls13)
                    ? "best version: " + Catalog::get().version_name(*m.max_version())
                    : "";
       }},
      {"no_tls13",
       [](const ServerModel& m) -> std::string {
         return m.supports(wire::kTls12) && !m.supports(wire::kTls13) ? "best version: TLSv1.2"
                                                                      : "";
       }},
      {"only_rsa_kex",
       [](const ServerModel& m) {
         bool all = false;
         std::string s = suites_with(m, SuiteWeakness::rsa_kex, &all);
         return all ? s : "";
       }},
      {"rsa_kex",
       [](const ServerModel& m) {
         bool all = false;
         std::string s = suites_with(m, SuiteWeakness::rsa_kex, &all);
         return all ? "" : s;  // only_rsa_kex says it louder
       }},
      {"export", [](const ServerModel& m) { return suites_with(m, SuiteWeakness::export_grade); }},
      {"null_cipher",
       [](const ServerModel& m) { return suites_with(m, SuiteWeakness::null_cipher); }},
      {"anonymous", [](const ServerModel& m) { return suites_with(m, SuiteWeakness::anonymous); }},
      {"rc4", [](const ServerModel& m) { return suites_with(m, SuiteWeakness::rc4); }},
      {"des", [](const ServerModel& m) { return suites_with(m, SuiteWeakness::des); }},
      {"3des", [](const ServerModel& m) { return suites_with(m, SuiteWeakness::triple_des); }},
      {"dh_small",
       [](const ServerModel& m) -> std::string {
         for (const auto& [v, list] : m.suites)
           for (const AcceptedSuite& a : list.suites)
             if (a.dh_bits > 0 && a.dh_bits < 2048)
               return std::to_string(a.dh_bits) + "-bit group" +
                      (a.dh_group.empty() ? "" : " (" + a.dh_group + ")") + " with " +
                      Catalog::get().describe_suite(a.code);
         return "";
       }},
      {"cert_key_small",
       [](const ServerModel& m) {
         return cert_rule(m, [](const CertificateChain& c) -> std::string {
           const auto& leaf = c.chain.empty() ? wire::CertificateSummary{} : c.chain.front();
           return leaf.key_type == "RSA" && leaf.key_bits < 2048
                      ? "RSA " + std::to_string(leaf.key_bits) + " bits: " + leaf.subject
                      : "";
         });
       }},
      {"cert_sha1",
       [](const ServerModel& m) {
         return cert_rule(m, [](const CertificateChain& c) -> std::string {
           for (const wire::CertificateSummary& cert : c.chain)  // a root's self-signature is moot
             if (!cert.self_issued && cert.signature_algorithm.find("sha1") != std::string::npos)
               return cert.subject + " (" + cert.signature_algorithm + ")";
           return "";
         });
       }},
      {"cert_expired",
       [](const ServerModel& m) {
         return cert_rule(m, [](const CertificateChain& c) -> std::string {
           int64_t now = static_cast<int64_t>(std::time(nullptr));
           return !c.chain.empty() && c.chain.front().not_after < now
                      ? c.chain.front().subject + " expired"
                      : "";
         });
       }},
      // Only a leaf with embedded SCTs: the BRs bind publicly trusted CAs,
      // not a lab's or a company's own.
      {"cert_lifetime",
       [](const ServerModel& m) {
         return cert_rule(m, [](const CertificateChain& c) -> std::string {
           if (c.chain.empty() || !c.chain.front().embedded_scts) return "";
           std::string why = lifetime_excess(c.chain.front());
           return why.empty() ? "" : c.chain.front().subject + ": " + why;
         });
       }},
      {"cert_untrusted",
       [](const ServerModel& m) {
         return cert_rule(m, [](const CertificateChain& c) -> std::string {
           return c.trusted == false ? c.found_with + " chain: " + c.trust_error : "";
         });
       }},
      {"cert_hostname",
       [](const ServerModel& m) {
         return cert_rule(m, [&m](const CertificateChain& c) -> std::string {
           return c.hostname_match == false && !c.chain.empty()
                      ? c.chain.front().subject + " does not cover " +
                            (m.sni.empty() ? m.target : m.sni)
                      : "";
         });
       }},
      {"no_secure_renegotiation",
       [](const ServerModel& m) -> std::string {
         return m.extensions.secure_renegotiation == false ? "no renegotiation_info in ServerHello"
                                                           : "";
       }},
      {"no_ems",
       [](const ServerModel& m) -> std::string {
         return m.extensions.extended_master_secret == false ? "TLS 1.2 ServerHello lacks it" : "";
       }},
      {"compression",
       [](const ServerModel& m) -> std::string {
         return m.extensions.compression == true ? "DEFLATE chosen when offered" : "";
       }},
      {"heartbeat",
       [](const ServerModel& m) -> std::string {
         return m.extensions.heartbeat == true ? "heartbeat extension echoed" : "";
       }},
      {"no_fallback_scsv",
       [](const ServerModel& m) -> std::string {
         return m.extensions.fallback_scsv == false
                    ? "a lower version with TLS_FALLBACK_SCSV was accepted"
                    : "";
       }},
      {"client_order",
       [](const ServerModel& m) -> std::string {
         for (const auto& [v, list] : m.suites)
           if (v < wire::kTls13 && list.server_order == false)
             return Catalog::get().version_name(v);
         return "";
       }},
  };
  return table;
}

}  // namespace

std::vector<std::string> finding_rule_ids() {
  std::vector<std::string> out;
  for (const auto& [id, rule] : rules()) out.push_back(id);
  return out;
}

void derive_findings(ServerModel& model) {
  std::string_view text = catalog::embedded_file("data/findings.csv");
  auto rows = catalog::parse_csv("data/findings.csv", text, {"id", "severity", "title", "why"});
  if (!rows) {
    model.notes.push_back("findings unavailable: " + rows.error().message);
    return;
  }
  for (const catalog::CsvRow& row : *rows) {
    auto rule = rules().find(row["id"]);
    if (rule == rules().end()) continue;
    std::string detail = rule->second(model);
    if (detail.empty()) continue;
    const std::string& sev = row["severity"];
    Severity s = sev == "high"     ? Severity::high
                 : sev == "medium" ? Severity::medium
                 : sev == "low"    ? Severity::low
                                   : Severity::info;
    model.findings.push_back({s, row["id"], row["title"], row["why"], detail});
  }
  std::stable_sort(model.findings.begin(), model.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.severity < b.severity; });
}

}  // namespace tlsd::checks
