#include "report/scan_sections.h"

#include <fmt/format.h>

#include "base/hex.h"
#include "catalog/catalog.h"
#include "report/client_auth_section.h"
#include "report/names.h"

namespace tlsd::report {
namespace {

using catalog::Catalog;
using checks::CheckId;
using checks::ServerModel;
using nlohmann::json;

template <class T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

std::string yes_no(const std::optional<bool>& v, const Style& st, bool good_when = true) {
  if (!v) return st.dim("unknown");
  bool good = *v == good_when;
  return good ? st.good(*v ? "yes" : "no") : st.warn(*v ? "yes" : "no");
}

std::string order_text(const checks::SuiteList& l) {
  if (!l.server_order) return "";
  if (!*l.server_order) return " (the server follows the client's order; listed strongest first)";
  std::string out = " (server's order";
  if (!l.order_complete) out += ", partly verified";
  if (l.chacha20_priority)
    out += *l.chacha20_priority ? ", ChaCha20 prioritised for clients "
                                  "that prefer it"
                                : "";
  return out + ")";
}

std::string kx_text(const checks::AcceptedSuite& a) {
  std::string out;
  if (a.kx_group) out = Catalog::get().group_name(*a.kx_group);
  if (a.dh_bits)
    out = fmt::format("DH {}", a.dh_bits) + (a.dh_group.empty() ? "" : " " + a.dh_group);
  return out;
}

std::string join_groups(const std::vector<uint16_t>& groups) {
  std::string out;
  for (uint16_t g : groups) out += (out.empty() ? "" : ", ") + Catalog::get().group_name(g);
  return out;
}

std::string join_sigalgs(const std::vector<uint16_t>& schemes) {
  std::string out;
  for (uint16_t s : schemes)
    out += (out.empty() ? "" : ", ") + Catalog::get().signature_scheme_name(s);
  return out;
}

// --- versions (and the SSLv2 cipher kinds the SSLv2 hello found)

void versions_text(const ServerModel& m, const Style& st, std::string& out) {
  const Catalog& c = Catalog::get();
  out += "\n" + st.bold("Protocol versions") + "\n";
  for (const checks::VersionSupport& v : m.versions)
    out += fmt::format("  {:<9} {}\n", c.version_name(v.version),
                       v.supported ? st.good("yes") : "no  " + st.dim("(" + v.refusal + ")"));
  if (!m.ssl2_ciphers.empty()) {
    out += "\n" + st.bold("SSLv2 cipher kinds") + "\n";
    for (uint32_t code : m.ssl2_ciphers) {
      const catalog::Ssl2Cipher* s = c.ssl2_cipher(code);
      out += fmt::format("  {} ({})\n", s ? s->name : "unknown", hex_code(code, 6));
    }
  }
}

void versions_json(const ServerModel& m, json& j) {
  const Catalog& c = Catalog::get();
  json versions = json::array();
  for (const checks::VersionSupport& v : m.versions)
    versions.push_back({{"version", c.version_name(v.version)},
                        {"supported", v.supported},
                        {"refusal", v.refusal.empty() ? json(nullptr) : json(v.refusal)}});
  j["versions"] = versions;
  json ssl2 = json::array();
  for (uint32_t code : m.ssl2_ciphers) {
    const catalog::Ssl2Cipher* s = c.ssl2_cipher(code);
    ssl2.push_back({{"code", hex_code(code, 6)}, {"name", s ? s->name : "unknown"}});
  }
  j["ssl2_ciphers"] = ssl2;
}

// --- suites

void suites_text(const ServerModel& m, const Style& st, std::string& out) {
  const Catalog& c = Catalog::get();
  for (auto it = m.suites.rbegin(); it != m.suites.rend(); ++it) {
    const auto& [version, list] = *it;
    out += "\n" + st.bold("Cipher suites " + c.version_name(version)) +
           st.dim(fmt::format(" — {} accepted{}", list.suites.size(), order_text(list))) + "\n";
    for (size_t i = 0; i < list.suites.size(); ++i) {
      const checks::AcceptedSuite& a = list.suites[i];
      std::string name = c.describe_suite(a.code);
      // Numbers only when the order is the server's: a client-order list is sorted by strength.
      std::string rank = list.server_order == true ? fmt::format("{:>3}", i + 1) : "  -";
      std::string line =
          fmt::format("  {}  {:<72} {}", rank, a.weak ? st.warn(name) : name, st.dim(kx_text(a)));
      line.erase(line.find_last_not_of(' ') + 1);
      out += line + "\n";
    }
  }
}

void suites_json(const ServerModel& m, json& j) {
  const Catalog& c = Catalog::get();
  json suites = json::object();
  for (const auto& [version, list] : m.suites) {
    json arr = json::array();
    for (const checks::AcceptedSuite& a : list.suites) {
      json s = suite_json(a.code);
      s["kx_group"] = a.kx_group ? group_json(*a.kx_group) : json(nullptr);
      s["dh_bits"] = a.dh_bits ? json(a.dh_bits) : json(nullptr);
      s["dh_group"] = a.dh_group.empty() ? json(nullptr) : json(a.dh_group);
      arr.push_back(s);
    }
    suites[c.version_name(version)] = {{"server_order", opt(list.server_order)},
                                       {"order_complete", list.order_complete},
                                       {"chacha20_priority", opt(list.chacha20_priority)},
                                       {"suites", arr}};
  }
  j["cipher_suites"] = suites;
}

// --- groups

void groups_text(const ServerModel& m, const Style& st, std::string& out) {
  const Catalog& c = Catalog::get();
  if (m.groups.empty()) return;
  out += "\n" + st.bold("Groups") + "\n";
  for (auto it = m.groups.rbegin(); it != m.groups.rend(); ++it)
    out += fmt::format(
        "  {:<9} {}{}\n", c.version_name(it->first), join_groups(it->second.groups),
        st.dim(it->second.server_order
                   ? (*it->second.server_order ? "  (server's order)" : "  (client's order)")
                   : ""));
}

void groups_json(const ServerModel& m, json& j) {
  json groups = json::object();
  for (const auto& [version, list] : m.groups) {
    json arr = json::array();
    for (uint16_t g : list.groups) arr.push_back(group_json(g));
    groups[Catalog::get().version_name(version)] = {{"server_order", opt(list.server_order)},
                                                    {"groups", arr}};
  }
  j["groups"] = groups;
}

// --- signature schemes

void sigalgs_text(const ServerModel& m, const Style& st, std::string& out) {
  if (m.signature_schemes.empty()) return;
  out += "\n" + st.bold("Signature schemes") + "\n";
  for (auto it = m.signature_schemes.rbegin(); it != m.signature_schemes.rend(); ++it)
    out += fmt::format("  {:<9} {}\n", Catalog::get().version_name(it->first),
                       join_sigalgs(it->second));
}

void sigalgs_json(const ServerModel& m, json& j) {
  json sigalgs = json::object();
  for (const auto& [version, list] : m.signature_schemes) {
    json arr = json::array();
    for (uint16_t s : list) arr.push_back(sigalg_json(s));
    sigalgs[Catalog::get().version_name(version)] = arr;
  }
  j["signature_schemes"] = sigalgs;
}

// --- extensions and behaviour

void extensions_text(const ServerModel& m, const Style& st, std::string& out) {
  const checks::Extensions& e = m.extensions;
  out += "\n" + st.bold("Extensions and behaviour") + "\n";
  auto row = [&](std::string_view label, const std::string& value) {
    out += fmt::format("  {:<28} {}\n", label, value);
  };
  row("secure renegotiation", yes_no(e.secure_renegotiation, st));
  row("extended master secret", yes_no(e.extended_master_secret, st));
  row("encrypt-then-MAC", yes_no(e.encrypt_then_mac, st));
  row("session tickets", yes_no(e.session_ticket, st) +
                             (e.ticket_lifetime_hint ? st.dim(fmt::format(" (lifetime hint {} s)",
                                                                          *e.ticket_lifetime_hint))
                                                     : ""));
  row("session-id resumption", yes_no(e.session_id_resumption, st));
  row("OCSP stapling", yes_no(e.ocsp_stapling, st));
  std::string alpn;
  for (const std::string& p : e.alpn) alpn += (alpn.empty() ? "" : ", ") + p;
  row("ALPN", alpn.empty() ? st.dim("none agreed") : alpn);
  row("TLS_FALLBACK_SCSV", yes_no(e.fallback_scsv, st));
  row("compression", yes_no(e.compression, st, false));
  row("heartbeat", yes_no(e.heartbeat, st, false));
  row("record_size_limit",
      e.record_size_limit ? std::to_string(*e.record_size_limit) : st.dim("not echoed"));
  row("SNI required", yes_no(e.sni.required, st, false));
  row("unknown SNI -> alert", yes_no(e.sni.unknown_name_alert, st));
  row("no SNI -> other certificate", yes_no(e.sni.default_certificate_differs, st, false));
}

void extensions_json(const ServerModel& m, json& j) {
  const checks::Extensions& e = m.extensions;
  j["extensions"] = {{"secure_renegotiation", opt(e.secure_renegotiation)},
                     {"extended_master_secret", opt(e.extended_master_secret)},
                     {"encrypt_then_mac", opt(e.encrypt_then_mac)},
                     {"session_ticket", opt(e.session_ticket)},
                     {"ticket_lifetime_hint", opt(e.ticket_lifetime_hint)},
                     {"session_id_resumption", opt(e.session_id_resumption)},
                     {"ocsp_stapling", opt(e.ocsp_stapling)},
                     {"alpn", e.alpn},
                     {"fallback_scsv", opt(e.fallback_scsv)},
                     {"compression", opt(e.compression)},
                     {"heartbeat", opt(e.heartbeat)},
                     {"record_size_limit", opt(e.record_size_limit)},
                     {"sni",
                      {{"required", opt(e.sni.required)},
                       {"unknown_name_alert", opt(e.sni.unknown_name_alert)},
                       {"default_certificate_differs", opt(e.sni.default_certificate_differs)}}}};
}

// --- certificates

void certificates_text(const ServerModel& m, const Style& st, std::string& out) {
  if (m.certificates.empty()) return;
  out += "\n" + st.bold("Certificates") + "\n";
  for (const checks::CertificateChain& chain : m.certificates) {
    std::string trust =
        chain.trusted == true ? st.good("trusted") : st.bad("not trusted: " + chain.trust_error);
    std::string host = chain.hostname_match == false  ? ", " + st.bad("host name mismatch")
                       : chain.hostname_match == true ? ", " + st.good("host name matches")
                                                      : "";
    out += fmt::format("  [{}] {}{}\n", chain.found_with, trust, host);
    for (size_t i = 0; i < chain.chain.size(); ++i) {
      const wire::CertificateSummary& s = chain.chain[i];
      out += fmt::format("    {} {}\n", i, s.subject);
      out += st.dim(fmt::format("        {} {}{}, {}, {} to {}\n", s.key_type, s.key_bits,
                                s.curve.empty() ? "" : " " + s.curve, s.signature_algorithm,
                                utc_date(s.not_before), utc_date(s.not_after)));
    }
  }
}

void certificates_json(const ServerModel& m, json& j) {
  json certs = json::array();
  for (const checks::CertificateChain& chain : m.certificates) {
    json arr = json::array();
    for (const wire::CertificateSummary& s : chain.chain) arr.push_back(certificate_json(s));
    certs.push_back(
        {{"found_with", chain.found_with},
         {"leaf_sha256", chain.fingerprint_sha256},
         {"trusted", opt(chain.trusted)},
         {"trust_error", chain.trust_error.empty() ? json(nullptr) : json(chain.trust_error)},
         {"hostname_match", opt(chain.hostname_match)},
         {"chain", arr}});
  }
  j["certificates"] = certs;
}

const ScanSection kSections[] = {
    {CheckId::versions, versions_text, versions_json},
    {CheckId::suites, suites_text, suites_json},
    {CheckId::groups, groups_text, groups_json},
    {CheckId::sigalgs, sigalgs_text, sigalgs_json},
    {CheckId::extensions, extensions_text, extensions_json},
    {CheckId::certificates, certificates_text, certificates_json},
    {CheckId::client_auth, client_auth_text, client_auth_json},
};

}  // namespace

std::span<const ScanSection> scan_sections() { return kSections; }

}  // namespace tlsd::report
