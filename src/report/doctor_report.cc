#include "report/doctor_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "catalog/catalog.h"
#include "report/names.h"
#include "report/route_view.h"
#include "report/simulate_report.h"

namespace tlsd::report {
namespace {

using catalog::Catalog;
using diagnose::ClientFix;
using diagnose::Verdict;
using nlohmann::json;

std::string indent(const std::string& text, const std::string& pad) {
  std::string out = pad;
  for (char ch : text) {
    out += ch;
    if (ch == '\n') out += pad;
  }
  return out + "\n";
}

// One line on the server: what every cause below is measured against.
std::string server_line(const checks::ServerModel& m) {
  const Catalog& c = Catalog::get();
  std::string versions;
  size_t suites = 0;
  for (const checks::VersionSupport& v : m.versions)
    if (v.supported)
      versions += fmt::format("{}{}", versions.empty() ? "" : " ", c.version_name(v.version));
  for (const auto& [v, list] : m.suites) suites += list.suites.size();
  if (versions.empty()) {
    // Nothing was accepted: say what the newest version's hello got instead.
    for (const checks::VersionSupport& v : std::vector(m.versions.rbegin(), m.versions.rend()))
      if (!v.refusal.empty())
        return "accepts no hello (" + c.version_name(v.version) + ": " + v.refusal + ")";
    return "accepts no hello";
  }
  std::string out = fmt::format("{}; {} cipher suite{}", versions, suites, suites == 1 ? "" : "s");
  if (!m.certificates.empty() && !m.certificates.front().chain.empty()) {
    const wire::CertificateSummary& leaf = m.certificates.front().chain.front();
    out +=
        fmt::format("; {} {}-bit certificate for {}", leaf.key_type, leaf.key_bits, leaf.subject);
  }
  return out;
}

std::string fix_text(const ClientFix& f, size_t n, const Style& st) {
  const diagnose::FixCandidate& c = f.candidate;
  std::string out = fmt::format(
      "  {} {}  {}\n", st.good(fmt::format("fix {}:", n)), st.bold(c.title),
      st.dim("[" + c.scope + (c.removed_in.empty() ? "" : "; gone in " + c.removed_in) + "]"));
  out += fmt::format("        verified live: {}\n", st.good(simulate::negotiated(f.outcome)));
  out += fmt::format("        security cost: {}\n", c.cost.empty() ? "not recorded" : c.cost);
  for (const diagnose::Snippet& s : c.snippets) {
    if (!s.label.empty()) out += st.dim("        " + s.label + ":\n");
    out += indent(s.code, "          ");
  }
  return out;
}

std::string verdict_text(const Verdict& v, const Style& st) {
  const simulate::ClientResult& r = v.result;
  if (r.ok)
    return fmt::format("  {}  {}  {}\n", st.good("ok  "), r.client, simulate::negotiated(r));
  std::string out =
      fmt::format("  {}  {}  {}\n", st.bad("FAIL"), st.bold(r.client), st.dim(r.display));
  if (!r.error.empty()) out += fmt::format("        error:  {}\n", r.error);
  out += fmt::format("        cause:  {}{}{}\n", st.bold(v.cause.title),
                     v.cause.summary.empty() ? "" : ": ", v.cause.summary);
  for (const std::string& e : v.cause.evidence) out += st.dim("                " + e + "\n");
  for (const std::string& t : v.traps) out += fmt::format("        {}   {}\n", st.warn("trap:"), t);
  for (const diagnose::RemovedKnob& k : v.removed_knobs)
    out += fmt::format("        {} {}\n", st.warn("removed:"), diagnose::removed_knob_text(k));
  for (const diagnose::ChangeFinding& c : v.changes) {
    const diagnose::ClientChange& ch = *c.change;
    std::string verdict = !c.confirmed   ? "cannot compare: " + c.evidence
                          : *c.confirmed ? "the change responsible: " + c.evidence
                                         : "not the cause here: " + c.evidence;
    out += fmt::format("        change: {}{}\n", ch.what,
                       ch.knob.empty() ? "" : " (knob " + ch.knob + ")");
    out += st.dim("                " + verdict +
                  (ch.release_note.empty() ? "" : "; " + ch.release_note) + "\n");
  }
  for (const ClientFix& f : v.ruled_out)
    out += fmt::format("        {} {}: re-simulated live, still fails ({}{}{})\n",
                       st.warn("ruled out:"), f.candidate.title, f.outcome.reason_name(),
                       f.outcome.detail.empty() ? "" : ": ", f.outcome.detail);
  if (!v.cause.hint.empty()) out += fmt::format("        hint:   {}\n", v.cause.hint);
  if (v.fixes.empty())
    out += "        client fix: " + st.warn("none verified") +
           "; the fix belongs on the server (below)\n";
  for (size_t i = 0; i < v.fixes.size(); ++i) out += fix_text(v.fixes[i], i + 1, st);
  return out;
}

json fix_json(const ClientFix& f) {
  const diagnose::FixCandidate& c = f.candidate;
  json snippets = json::array();
  for (const diagnose::Snippet& s : c.snippets)
    snippets.push_back({{"label", s.label}, {"language", s.language}, {"code", s.code}});
  return {{"kind", std::string(diagnose::name(c.kind))},
          {"title", c.title},
          {"scope", c.scope},
          {"rank", c.rank},
          {"cost", c.cost},
          {"removed_in", c.removed_in.empty() ? json(nullptr) : json(c.removed_in)},
          {"source", c.source},
          {"client", f.client},
          {"verified", f.verified},
          {"outcome", client_result_json(f.outcome)},
          {"snippets", snippets}};
}

json verdict_json(const Verdict& v) {
  json out = client_result_json(v.result);
  if (v.result.ok) return out;
  out["cause"] = {{"reason", v.cause.reason_name()},
                  {"title", v.cause.title},
                  {"hint", v.cause.hint.empty() ? json(nullptr) : json(v.cause.hint)},
                  {"summary", v.cause.summary},
                  {"evidence", v.cause.evidence}};
  json changes = json::array();
  for (const diagnose::ChangeFinding& c : v.changes)
    changes.push_back({{"id", c.change->id},
                       {"since", c.change->since_display},
                       {"what", c.change->what},
                       {"knob", c.change->knob.empty() ? json(nullptr) : json(c.change->knob)},
                       {"release_note", c.change->release_note},
                       {"source", c.change->source},
                       {"confirmed", c.confirmed ? json(*c.confirmed) : json(nullptr)},
                       {"evidence", c.evidence}});
  out["changes"] = changes;
  out["traps"] = v.traps;
  json removed = json::array();
  for (const diagnose::RemovedKnob& k : v.removed_knobs)
    removed.push_back({{"knob", k.knob},
                       {"removed_in", k.removed_in},
                       {"last_with", k.last_with},
                       {"text", diagnose::removed_knob_text(k)},
                       {"source", k.source}});
  out["removed_knobs"] = removed;
  json fixes = json::array(), ruled_out = json::array(), family = json::array();
  for (const ClientFix& f : v.fixes) fixes.push_back(fix_json(f));
  for (const ClientFix& f : v.ruled_out) ruled_out.push_back(fix_json(f));
  for (const simulate::ClientResult& r : v.family)
    family.push_back({{"client", r.client},
                      {"ok", r.ok},
                      {"reason", r.ok ? json(nullptr) : json(r.reason_name())}});
  out["fixes"] = fixes;
  out["ruled_out"] = ruled_out;
  out["family"] = family;
  return out;
}

// Many clients: who fails for which cause, before the details.
std::string summary(const diagnose::DoctorReport& rep, const Style& st) {
  std::vector<std::pair<std::string, std::vector<std::string>>> by_cause;  // in order of appearance
  size_t ok = 0;
  for (const Verdict& v : rep.verdicts) {
    if (v.result.ok) {
      ++ok;
      continue;
    }
    auto it = std::find_if(by_cause.begin(), by_cause.end(),
                           [&](const auto& c) { return c.first == v.cause.title; });
    if (it == by_cause.end()) it = by_cause.insert(by_cause.end(), {v.cause.title, {}});
    it->second.push_back(v.result.client);
  }
  std::string out = fmt::format("  {} of {} clients connect\n", ok, rep.verdicts.size());
  for (const auto& [title, clients] : by_cause) {
    std::string list;
    for (const std::string& c : clients) list += (list.empty() ? "" : ", ") + c;
    out += fmt::format("  {} {}: {}\n", st.bad("fail"), title, list);
  }
  return out;
}

}  // namespace

std::string render_doctor_text(const diagnose::DoctorReport& rep, const Style& st,
                               const DoctorTextOptions& options) {
  std::string out = st.bold("tlsdoctor " + rep.target);
  std::string sni = (rep.sni.empty() ? "none" : rep.sni) + route_note(rep.route);
  if (rep.error)  // nothing could be examined: no client was judged
    return out +
           st.dim(fmt::format("  (SNI {}; {} connections, {:.2f} s)\n", sni, rep.connections,
                              rep.elapsed_ms / 1000.0)) +
           "  " + st.bad(rep.error->message) + "\n";
  size_t failed = 0;
  for (const Verdict& v : rep.verdicts) failed += !v.result.ok;
  out += st.dim(fmt::format("  (SNI {}; {} client{}, {} fail; {} connections, {:.2f} s)\n", sni,
                            rep.verdicts.size(), rep.verdicts.size() == 1 ? "" : "s", failed,
                            rep.connections, rep.elapsed_ms / 1000.0));
  out += st.dim(fmt::format("  server: {}\n", server_line(rep.server)));
  if (!rep.address_differences.empty()) {
    out += st.warn(
               "  the addresses of this name differ: a likely cause of an intermittent "
               "failure") +
           "\n";
    for (const std::string& line : rep.address_differences) out += "    " + line + "\n";
  }
  if (rep.verdicts.size() > 1) out += summary(rep, st);
  out += "\n";
  for (const Verdict& v : rep.verdicts) {
    out += verdict_text(v, st);
    if (!v.result.ok) out += "\n";
  }
  return out + render_server_fixes_text(rep, st, options);
}

std::string render_server_fixes_text(const diagnose::DoctorReport& rep, const Style& st,
                                     const DoctorTextOptions& options) {
  std::string out;
  for (const diagnose::ServerFix& f : rep.server_fixes) {
    std::string who;
    for (const std::string& c : f.clients) who += (who.empty() ? "" : ", ") + c;
    out += fmt::format("\n{} {}\n", st.bold("server fix:"), f.fix->title);
    out += st.dim(fmt::format("  {} (lets in: {})\n", f.fix->why, who));
    for (const diagnose::ServerSoftware& s : rep.server_software) {
      if (!options.server_software.empty() && s.id != options.server_software) continue;
      out += fmt::format("  {} {}\n", st.bold(s.display), st.dim("(" + s.file + ")"));
      out += indent(f.render.at(s.id), "      ");
    }
  }
  return out;
}

json doctor_json(const diagnose::DoctorReport& rep) {
  json verdicts = json::array();
  for (const Verdict& v : rep.verdicts) verdicts.push_back(verdict_json(v));
  json server_fixes = server_fixes_json(rep);
  return {{"schema", kDoctorSchema},
          {"target", rep.target},
          {"route", route_json(rep.route)},
          {"sni", rep.sni.empty() ? json(nullptr) : json(rep.sni)},
          {"error", rep.error ? error_json(*rep.error) : json(nullptr)},
          {"server", server_line(rep.server)},
          {"address_differences", rep.address_differences},
          {"connections", rep.connections},
          {"elapsed_ms", rep.elapsed_ms},
          {"clients", verdicts},
          {"server_fixes", server_fixes}};
}

json server_fixes_json(const diagnose::DoctorReport& rep) {
  json server_fixes = json::array();
  for (const diagnose::ServerFix& f : rep.server_fixes)
    server_fixes.push_back({{"id", f.fix->id},
                            {"title", f.fix->title},
                            {"why", f.fix->why},
                            {"clients", f.clients},
                            {"render", f.render},
                            {"source", f.fix->source}});
  return server_fixes;
}

std::string render_verdict_text(const Verdict& v, const Style& style) {
  return verdict_text(v, style);
}
nlohmann::json doctor_verdict_json(const Verdict& v) { return verdict_json(v); }
std::string server_summary(const checks::ServerModel& model) { return server_line(model); }

}  // namespace tlsd::report
