#include "report/preflight_report.h"

#include <fmt/format.h>

#include "report/names.h"

namespace tlsd::report {
namespace {

using diagnose::EndpointPreflight;
using diagnose::PreflightOutcome;
using nlohmann::json;

std::string outcome_label(PreflightOutcome o, const Style& st) {
  switch (o) {
    case PreflightOutcome::breaks:
      return st.bad("BREAKS     ");
    case PreflightOutcome::unchanged_ok:
      return st.good("ok         ");
    case PreflightOutcome::unchanged_failing:
      return st.warn("failing    ");
    case PreflightOutcome::starts_working:
      return st.good("starts     ");
    case PreflightOutcome::unreachable:
      return st.warn("unreachable");
  }
  return "";
}

std::string cause_line(const diagnose::Verdict& v) {
  return v.cause.title + (v.cause.summary.empty() ? "" : ": " + v.cause.summary);
}

// What one line says about the endpoint, beside its outcome.
std::string endpoint_line(const EndpointPreflight& e) {
  const diagnose::Verdict *from = e.from(), *to = e.to();
  switch (e.outcome) {
    case PreflightOutcome::unreachable:
      return e.doctor.error ? e.doctor.error->message : "not examined";
    case PreflightOutcome::unchanged_ok:
      return "both connect (" + simulate::negotiated(from->result) + " -> " +
             simulate::negotiated(to->result) + ")";
    case PreflightOutcome::unchanged_failing:
      return "fails before and after: " + cause_line(*to);
    case PreflightOutcome::breaks:
      return from->result.client + " connects (" + simulate::negotiated(from->result) + "), " +
             to->result.client + " fails";
    case PreflightOutcome::starts_working:
      return to->result.client + " connects (" + simulate::negotiated(to->result) + "), " +
             from->result.client + " failed: " + cause_line(*from);
  }
  return "";
}

std::string indent_block(const std::string& text, const std::string& pad) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += (end > start ? pad : "") + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string render_preflight_endpoint_text(const EndpointPreflight& e, const Style& st,
                                           const DoctorTextOptions& options) {
  std::string target = e.doctor.target.empty() ? e.input : e.doctor.target;
  std::string out = fmt::format("  {}  {}  {}\n", outcome_label(e.outcome, st), st.bold(target),
                                endpoint_line(e));
  if (e.outcome != PreflightOutcome::breaks) return out;
  out += st.dim(fmt::format("               server: {}\n", server_summary(e.doctor.server)));
  out += indent_block(render_verdict_text(*e.to(), st), "           ");
  // The server fix for the new client's failure only: the old one connected.
  diagnose::DoctorReport only_to = e.doctor;
  only_to.server_fixes.clear();
  for (const diagnose::ServerFix& f : e.doctor.server_fixes)
    for (const std::string& c : f.clients)
      if (c == e.to()->result.client) only_to.server_fixes.push_back(f);
  out += indent_block(render_server_fixes_text(only_to, st, options), "           ");
  return out + "\n";
}

std::string render_preflight_heading_text(const diagnose::PreflightReport& r, const Style& st) {
  std::string out = st.bold("tlsdoctor preflight " + r.from + " -> " + r.to) + "\n";
  for (const std::string& n : r.notes) out += st.dim("  client: " + n) + "\n";
  return out;
}

std::string render_preflight_summary_text(const diagnose::PreflightReport& r, const Style& st) {
  const diagnose::PreflightSummary& s = r.summary;
  std::string breaks = fmt::format("{} of {} endpoint{} {}", s.breaks, s.total(),
                                   s.total() == 1 ? "" : "s", s.breaks == 1 ? "breaks" : "break");
  return fmt::format(
      "\n{}: {}; {} unchanged ok, {} failing before and after, {} start "
      "working, {} unreachable {}\n",
      st.bold("summary"), s.breaks ? st.bad(breaks) : st.good(breaks), s.unchanged_ok,
      s.unchanged_failing, s.starts_working, s.unreachable,
      st.dim(fmt::format("({} connections, {:.2f} s)", r.connections, r.elapsed_ms / 1000.0)));
}

std::string render_preflight_text(const diagnose::PreflightReport& r, const Style& st,
                                  const DoctorTextOptions& options) {
  std::string out = render_preflight_heading_text(r, st);
  for (const EndpointPreflight& e : r.endpoints)
    out += render_preflight_endpoint_text(e, st, options);
  return out + render_preflight_summary_text(r, st);
}

json preflight_endpoint_json(const EndpointPreflight& e, const std::string& from,
                             const std::string& to) {
  const diagnose::DoctorReport& d = e.doctor;
  bool examined = e.outcome != PreflightOutcome::unreachable;
  return {{"schema", kPreflightEndpointSchema},
          {"input", e.input},
          {"target", d.target},
          {"sni", d.sni.empty() ? json(nullptr) : json(d.sni)},
          {"from_client", from},
          {"to_client", to},
          {"outcome", std::string(diagnose::name(e.outcome))},
          {"error", d.error ? error_json(*d.error) : json(nullptr)},
          {"server", examined ? json(server_summary(d.server)) : json(nullptr)},
          {"from", examined ? doctor_verdict_json(*e.from()) : json(nullptr)},
          {"to", examined ? doctor_verdict_json(*e.to()) : json(nullptr)},
          {"server_fixes", server_fixes_json(d)},
          {"connections", d.connections},
          {"elapsed_ms", d.elapsed_ms}};
}

json preflight_json(const diagnose::PreflightReport& r) {
  json endpoints = json::array();
  for (const EndpointPreflight& e : r.endpoints)
    endpoints.push_back(preflight_endpoint_json(e, r.from, r.to));
  const diagnose::PreflightSummary& s = r.summary;
  return {{"schema", kPreflightSchema},
          {"from", r.from},
          {"to", r.to},
          {"notes", r.notes},
          {"summary",
           {{"endpoints", s.total()},
            {"breaks", s.breaks},
            {"unchanged_ok", s.unchanged_ok},
            {"unchanged_failing", s.unchanged_failing},
            {"starts_working", s.starts_working},
            {"unreachable", s.unreachable}}},
          {"connections", r.connections},
          {"elapsed_ms", r.elapsed_ms},
          {"endpoints", endpoints}};
}

}  // namespace tlsd::report
