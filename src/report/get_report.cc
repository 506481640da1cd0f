#include "report/get_report.h"

#include <fmt/format.h>

#include "catalog/catalog.h"
#include "report/names.h"
#include "report/route_view.h"
#include "wire/certificate.h"

namespace tlsd::report {
namespace {

using catalog::Catalog;
using nlohmann::json;

std::string leaf_subject(const probe::HttpsGetResult& r) {
  if (r.chain.empty()) return "";
  auto leaf = wire::summarize_certificate(r.chain.front());
  return leaf ? leaf->subject : "";
}

}  // namespace

std::string render_get_text(const std::string& url, const probe::HttpsGetResult& r, const Style& st,
                            const std::string& doctor_command, const probe::Route& route) {
  const Catalog& c = Catalog::get();
  std::string note = route_note(route);
  std::string out =
      st.bold("GET " + url) + (note.empty() ? "" : st.dim("  (" + note.substr(2) + ")")) + "\n";
  if (r.version) {
    out += fmt::format("  tls     {}  {}{}  {}\n", c.version_name(r.version),
                       c.describe_suite(r.cipher_suite), r.group.empty() ? "" : "  " + r.group,
                       st.dim(fmt::format("({:.0f} ms)", r.handshake_ms)));
    std::string subject = leaf_subject(r);
    out += fmt::format(
        "  cert    {}  {}\n", subject.empty() ? "(none)" : subject,
        r.verify_error.empty() ? st.good("verified") : st.bad("not verified: " + r.verify_error));
  }
  if (!r.status_line.empty()) out += "  http    " + st.bold(r.status_line) + "\n";
  for (const std::string& h : r.headers)
    if (h.size() > 7 && (h.starts_with("Server:") || h.starts_with("server:")))
      out += st.dim("          " + h + "\n");
  if (r.error) {
    std::string text = r.error->message;
    if (!r.verify_error.empty() && r.stage == "handshake") text += " (" + r.verify_error + ")";
    out += fmt::format("  {}  {} failed: {}\n", st.bad("FAIL"), r.stage, text);
    if (r.stage == "handshake")
      out += st.dim(fmt::format("  next: {}   (why, and the smallest fix)\n", doctor_command));
  }
  return out;
}

json get_json(const std::string& url, const probe::HttpsGetResult& r, const probe::Route& route) {
  const Catalog& c = Catalog::get();
  return {{"schema", kGetSchema},
          {"url", url},
          {"route", route_json(route)},
          {"ok", !r.error},
          {"error", r.error ? error_json(*r.error) : json(nullptr)},
          {"stage", r.stage.empty() ? json(nullptr) : json(r.stage)},
          {"version", r.version ? json(c.version_name(r.version)) : json(nullptr)},
          {"cipher_suite", r.version ? suite_json(r.cipher_suite) : json(nullptr)},
          {"group", r.group.empty() ? json(nullptr) : json(r.group)},
          {"certificate_subject", r.chain.empty() ? json(nullptr) : json(leaf_subject(r))},
          {"verified", r.version ? json(r.verify_error.empty()) : json(nullptr)},
          {"verify_error", r.verify_error.empty() ? json(nullptr) : json(r.verify_error)},
          {"status_line", r.status_line.empty() ? json(nullptr) : json(r.status_line)},
          {"headers", r.headers},
          {"handshake_ms", r.handshake_ms}};
}

}  // namespace tlsd::report
