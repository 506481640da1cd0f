#include "report/scan_report.h"

#include <fmt/format.h>

#include "report/names.h"
#include "report/route_view.h"
#include "report/scan_sections.h"

namespace tlsd::report {
namespace {

using checks::ServerModel;
using checks::Severity;
using nlohmann::json;

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::high:
      return "high";
    case Severity::medium:
      return "medium";
    case Severity::low:
      return "low";
    case Severity::info:
      return "info";
  }
  return "info";
}

}  // namespace

std::string render_scan_text(const ServerModel& m, const Style& st) {
  std::string out =
      st.bold("scan " + m.target) +
      st.dim(fmt::format("  (SNI {}{}{}; {} connections, {:.2f} s)\n",
                         m.sni.empty() ? "none" : m.sni, m.peer.empty() ? "" : ", " + m.peer,
                         route_note(m.route), m.connections, m.elapsed_ms / 1000.0));
  if (m.error) {
    out += "  " + st.bad(m.error->message) +
           st.dim(fmt::format(" ({} layer)", to_string(m.error->layer))) + "\n";
    return out;
  }
  for (const ScanSection& section : scan_sections()) section.text(m, st, out);
  if (!m.findings.empty()) {
    out += "\n" + st.bold("Findings") + "\n";
    for (const checks::Finding& f : m.findings) {
      std::string sev(severity_name(f.severity));
      std::string label = fmt::format("{:<6}", sev);
      label = f.severity == Severity::high     ? st.bad(label)
              : f.severity == Severity::medium ? st.warn(label)
                                               : st.dim(label);
      out += fmt::format("  {} {}: {}\n", label, f.title, f.why);
      if (!f.detail.empty()) out += st.dim("         " + f.detail) + "\n";
    }
  }
  for (const std::string& note : m.notes) out += st.dim("note: " + note) + "\n";
  return out;
}

json scan_json(const ServerModel& m) {
  json j;
  j["schema"] = kScanSchema;
  j["target"] = m.target;
  j["route"] = route_json(m.route);
  j["sni"] = m.sni.empty() ? json(nullptr) : json(m.sni);
  j["peer"] = m.peer.empty() ? json(nullptr) : json(m.peer);
  j["elapsed_ms"] = m.elapsed_ms;
  j["connections"] = m.connections;
  j["error"] = m.error ? error_json(*m.error) : json(nullptr);
  for (const ScanSection& section : scan_sections()) section.json(m, j);
  json findings = json::array();
  for (const checks::Finding& f : m.findings)
    findings.push_back({{"id", f.id},
                        {"severity", severity_name(f.severity)},
                        {"title", f.title},
                        {"why", f.why},
                        {"detail", f.detail}});
  j["findings"] = findings;
  j["notes"] = m.notes;
  return j;
}

json scans_json(const std::vector<ServerModel>& models) {
  if (models.size() == 1) return scan_json(models.front());
  json all = {{"schema", kScansSchema}, {"results", json::array()}};
  for (const ServerModel& m : models) all["results"].push_back(scan_json(m));
  return all;
}

}  // namespace tlsd::report
