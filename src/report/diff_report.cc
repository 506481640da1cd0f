#include "report/diff_report.h"

#include <fmt/format.h>

namespace tlsd::report {
namespace {

using diagnose::CertificateChange;
using diagnose::ListChange;
using nlohmann::json;

std::string list_text(const std::string& what, const ListChange& c, const Style& st) {
  std::string out;
  std::string head = what + (c.scope.empty() ? "" : " " + c.scope);
  for (const std::string& r : c.removed) out += fmt::format("  {}  {} {}\n", head, st.bad("-"), r);
  for (const std::string& a : c.added) out += fmt::format("  {}  {} {}\n", head, st.good("+"), a);
  return out;
}

std::string certificate_text(const diagnose::ScanDiff& d, const Style& st) {
  const auto &a = d.certificate_before, &b = d.certificate_after;
  switch (d.certificate) {
    case CertificateChange::unchanged:
      return "";
    case CertificateChange::renewed:
      return fmt::format("  certificate  {} by {}: serial {} -> {}, valid until {} -> {}\n",
                         st.warn("renewed"), b->issuer, a->serial, b->serial, a->not_after,
                         b->not_after);
    case CertificateChange::reissued:
      return fmt::format("  certificate  {}: issuer {} -> {} (subject {})\n",
                         st.warn("re-issued by another CA"), a->issuer, b->issuer, b->subject);
    case CertificateChange::replaced:
      return fmt::format("  certificate  {}: {} -> {} (issuer {} -> {})\n",
                         st.warn("replaced by another subject"), a->subject, b->subject, a->issuer,
                         b->issuer);
    case CertificateChange::appeared:
      return fmt::format("  certificate  {}: {} from {}\n", st.good("appeared"), b->subject,
                         b->issuer);
    case CertificateChange::disappeared:
      return fmt::format("  certificate  {}: none found in the second scan\n",
                         st.bad("disappeared"));
  }
  return "";
}

json list_json(const ListChange& c) {
  return {{"scope", c.scope.empty() ? json(nullptr) : json(c.scope)},
          {"added", c.added},
          {"removed", c.removed}};
}

json cert_json(const std::optional<diagnose::CertificateFacts>& c) {
  if (!c) return nullptr;
  return {{"subject", c->subject},
          {"issuer", c->issuer},
          {"serial", c->serial},
          {"not_before", c->not_before},
          {"not_after", c->not_after},
          {"leaf_sha256", c->fingerprint},
          {"key", c->key},
          {"chain_length", c->chain_length}};
}

json opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

}  // namespace

std::string render_diff_text(const diagnose::ScanDiff& d, const std::string& before,
                             const std::string& after, const Style& st) {
  std::string out = st.bold(fmt::format("tlsdoctor diff {} -> {}", before, after));
  out += st.dim(d.before_target == d.after_target
                    ? "  (" + d.after_target + ")"
                    : "  (" + d.before_target + " -> " + d.after_target + ")") +
         "\n";
  if (d.before_error || d.after_error) {
    if (d.before_error) out += "  first scan failed: " + *d.before_error + "\n";
    if (d.after_error) out += "  second scan failed: " + *d.after_error + "\n";
    return out + st.dim("  nothing else to compare\n");
  }
  if (!d.changed()) return out + st.good("  no change") + "\n";
  out += list_text("versions", d.versions, st);
  for (const ListChange& c : d.suites) out += list_text("suites", c, st);
  for (const ListChange& c : d.groups) out += list_text("groups", c, st);
  out += certificate_text(d, st);
  if (d.chain_length)
    out += fmt::format("  chain        {} -> {} certificates\n", d.chain_length->first,
                       d.chain_length->second);
  if (d.client_auth)
    out += fmt::format("  client auth  {} -> {}\n", d.client_auth->first, d.client_auth->second);
  return out;
}

json diff_json(const diagnose::ScanDiff& d, const std::string& before, const std::string& after) {
  json suites = json::array(), groups = json::array();
  for (const ListChange& c : d.suites) suites.push_back(list_json(c));
  for (const ListChange& c : d.groups) groups.push_back(list_json(c));
  json chain = nullptr, auth = nullptr;
  if (d.chain_length)
    chain = {{"before", d.chain_length->first}, {"after", d.chain_length->second}};
  if (d.client_auth) auth = {{"before", d.client_auth->first}, {"after", d.client_auth->second}};
  return {
      {"schema", kDiffSchema},
      {"before", {{"source", before}, {"target", d.before_target}, {"error", opt(d.before_error)}}},
      {"after", {{"source", after}, {"target", d.after_target}, {"error", opt(d.after_error)}}},
      {"changed", d.changed()},
      {"versions", {{"added", d.versions.added}, {"removed", d.versions.removed}}},
      {"suites", suites},
      {"groups", groups},
      {"certificate",
       {{"change", std::string(diagnose::name(d.certificate))},
        {"before", cert_json(d.certificate_before)},
        {"after", cert_json(d.certificate_after)}}},
      {"chain_length", chain},
      {"client_auth", auth}};
}

}  // namespace tlsd::report
