#include "report/simulate_report.h"

#include <fmt/format.h>

#include "catalog/catalog.h"
#include "catalog/profile_dates.h"
#include "report/names.h"
#include "report/route_view.h"

namespace tlsd::report {
namespace {

using catalog::Catalog;
using nlohmann::json;

std::string negotiated_in_full(const simulate::ClientResult& r) {
  const Catalog& c = Catalog::get();
  std::string out = c.version_name(r.version) + "  " + c.describe_suite(r.cipher_suite);
  if (r.group) out += "  " + c.group_name(*r.group);
  if (r.dh_bits) out += fmt::format("  DH {}", r.dh_bits);
  return out;
}

}  // namespace

std::string render_simulation_text(const simulate::SimulationReport& rep, const Style& st) {
  size_t failed = 0;
  for (const auto& r : rep.results) failed += !r.ok;
  std::string out =
      st.bold("simulate " + rep.target) +
      st.dim(fmt::format("  (SNI {}{}; {} clients, {} fail; {} connections, {:.2f} s)\n",
                         rep.sni.empty() ? "none" : rep.sni, route_note(rep.route),
                         rep.results.size(), failed, rep.connections, rep.elapsed_ms / 1000.0));
  if (rep.error) return out + "  " + st.bad(rep.error->message) + "\n";
  size_t width = 6;
  for (const auto& r : rep.results) width = std::max(width, r.client.size());
  // Failures first: they are why the user is here.
  for (bool want_ok : {false, true})
    for (const auto& r : rep.results) {
      if (r.ok != want_ok) continue;
      std::string id = fmt::format("{:<{}}", r.client, width);
      if (r.ok) {
        out += fmt::format("  {}  {}  {}\n", st.good("ok  "), id, negotiated_in_full(r));
      } else {
        out += fmt::format("  {}  {}  {}", st.bad("FAIL"), id, st.bold(r.reason_name()));
        if (!r.error.empty()) out += "  " + r.error;
        out += "\n";
        if (!r.detail.empty())
          out += st.dim(fmt::format("        {:<{}}  {}\n", "", width, r.detail));
      }
    }
  return out;
}

json client_result_json(const simulate::ClientResult& r) {
  const Catalog& c = Catalog::get();
  const catalog::CipherSuite* s = r.ok ? c.suite(r.cipher_suite) : nullptr;
  return {{"client", r.client},
          {"display", r.display},
          {"ok", r.ok},
          {"reason", r.ok ? json(nullptr) : json(r.reason_name())},
          {"error", r.ok ? json(nullptr) : json(r.error)},
          {"detail", r.detail.empty() ? json(nullptr) : json(r.detail)},
          {"version", r.ok ? json(c.version_name(r.version)) : json(nullptr)},
          {"cipher_iana", r.ok ? json(c.suite_name(r.cipher_suite)) : json(nullptr)},
          {"cipher_openssl", s && !s->openssl_name.empty() ? json(s->openssl_name) : json(nullptr)},
          {"cipher_code", r.ok ? json(fmt::format("0x{:04x}", r.cipher_suite)) : json(nullptr)},
          {"group", r.ok && r.group ? json(c.group_name(*r.group)) : json(nullptr)},
          {"dh_bits", r.dh_bits ? json(r.dh_bits) : json(nullptr)},
          {"key_type", r.key_type.empty() ? json(nullptr) : json(r.key_type)},
          {"key_bits", r.key_bits ? json(r.key_bits) : json(nullptr)},
          {"followed_hello_retry", r.followed_hello_retry}};
}

json simulation_json(const simulate::SimulationReport& rep) {
  json results = json::array();
  for (const auto& r : rep.results) results.push_back(client_result_json(r));
  return {{"schema", kSimulateSchema},
          {"target", rep.target},
          {"route", route_json(rep.route)},
          {"sni", rep.sni.empty() ? json(nullptr) : json(rep.sni)},
          {"error", rep.error ? error_json(*rep.error) : json(nullptr)},
          {"connections", rep.connections},
          {"elapsed_ms", rep.elapsed_ms},
          {"results", results}};
}

std::string render_profiles_text(const std::vector<catalog::Profile>& profiles, const Style& st) {
  size_t width = 4;
  for (const auto& p : profiles) width = std::max(width, p.id.size());
  std::string out;
  for (const auto& p : profiles) {
    out += fmt::format("{:<{}}  {}{}\n", p.id, width, p.display,
                       p.current ? st.good("  [current]") : "");
    // When "current" was decided, and whether the data knows a later release.
    const catalog::Profile* newer = catalog::newer_release(profiles, p);
    out += st.dim(fmt::format("{:<{}}  released {}, checked {}", "", width, p.released, p.checked));
    out +=
        newer
            ? st.warn("  newer release in the data: " + newer->id + " (" + newer->released + ")") +
                  "\n"
            : "\n";
    auto src = p.sources.find("hello");
    if (src != p.sources.end())
      out += st.dim(fmt::format("{:<{}}  hello: {}\n", "", width, src->second));
    if (!p.knobs.empty()) {
      std::string knobs;
      for (const auto& k : p.knobs) knobs += (knobs.empty() ? "" : ", ") + k.name;
      out += st.dim(fmt::format("{:<{}}  knobs: {}\n", "", width, knobs));
    }
  }
  return out;
}

json profiles_json(const std::vector<catalog::Profile>& profiles) {
  json list = json::array();
  for (const auto& p : profiles) {
    const catalog::Profile* newer = catalog::newer_release(profiles, p);
    json knobs = json::array();
    for (const auto& k : p.knobs) {
      json relaxes = json::array();
      for (const catalog::FailureReason& r : k.relaxes) relaxes.push_back(r.name());
      knobs.push_back({{"name", k.name},
                       {"kind", k.kind},
                       {"relaxes", relaxes},
                       {"cost", k.cost},
                       {"snippet", k.snippet.empty() ? json(nullptr) : json(k.snippet)},
                       {"removed_in", k.removed_in.empty() ? json(nullptr) : json(k.removed_in)},
                       {"source", k.source}});
    }
    list.push_back({{"id", p.id},
                    {"display", p.display},
                    {"stack", p.stack},
                    {"version", p.version},
                    {"current", p.current},
                    {"released", p.released},
                    {"checked", p.checked},
                    {"newer_release", newer ? json(newer->id) : json(nullptr)},
                    {"sources", p.sources},
                    {"knobs", knobs},
                    {"notes", p.notes}});
  }
  return {{"schema", kProfilesSchema}, {"profiles", list}};
}

}  // namespace tlsd::report
