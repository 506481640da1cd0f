#include "diagnose/doctor.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "catalog/catalog.h"
#include "diagnose/snippet.h"

namespace tlsd::diagnose {
namespace {

using catalog::Profile;
using simulate::ClientResult;
using Results = std::map<std::string, ClientResult>;  // by client spec

// Versions of one client: same stack, same variant ("-noaes", "-debian").
std::string variant_of(const Profile& p) {
  std::string prefix = p.stack + "-" + p.version;
  return p.id.starts_with(prefix) ? p.id.substr(prefix.size()) : "";
}

std::vector<const Profile*> family_of(const Profile& p) {
  std::vector<const Profile*> out;
  for (const Profile& other : catalog::ProfileSet::get().all())
    if (other.stack == p.stack && other.id != p.id && variant_of(other) == variant_of(p))
      out.push_back(&other);
  std::sort(out.begin(), out.end(), [](const Profile* a, const Profile* b) {
    return compare_versions(a->version, b->version) < 0;
  });
  return out;
}

// The newest release before the change: if it connects, the change is the cause.
ChangeFinding confirm(const ClientChange& change, const Profile& profile, const Results& results) {
  ChangeFinding finding{&change, std::nullopt, ""};
  const Profile* before = nullptr;
  for (const Profile* p : family_of(profile))
    if (compare_versions(p->version, change.since) < 0) before = p;
  if (!before) {
    finding.evidence = "no older " + profile.stack + " profile to compare with";
    return finding;
  }
  auto it = results.find(before->id);
  if (it == results.end()) return finding;
  finding.confirmed = it->second.ok;
  finding.evidence = it->second.ok ? before->id + " connects: " + simulate::negotiated(it->second)
                                   : before->id + " fails too (" + it->second.reason_name() + ")";
  return finding;
}

void describe_family(Verdict& v) {
  std::vector<std::string> ok, failed;
  for (const ClientResult& r : v.family) (r.ok ? ok : failed).push_back(r.client);
  auto join = [](const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out;
  };
  if (v.family.empty()) return;
  if (ok.empty())
    v.cause.evidence.push_back(fmt::format("none of the {} other {} profiles connects either ({})",
                                           failed.size(), v.profile.stack, join(failed)));
  else
    v.cause.evidence.push_back("these versions of the client connect: " + join(ok));
}

// A verified fix is left out when a smaller one already works: a second
// pinned suite, or a knob that contains a verified knob and sets more
// ("GODEBUG=tlsrsakex=1,tls3des=1" after "GODEBUG=tlsrsakex=1").
bool does_more_than_needed(const ClientFix& fix, const std::vector<ClientFix>& shown) {
  for (const ClientFix& s : shown) {
    if (fix.candidate.kind != FixKind::knob && s.candidate.kind == fix.candidate.kind) return true;
    if (fix.candidate.kind == FixKind::knob && s.candidate.kind == FixKind::knob &&
        fix.candidate.title.find(s.candidate.title) != std::string::npos)
      return true;
  }
  return false;
}

// Fixes that got past the first failure and fell at another that a second
// knob of the same client relaxes: the two together.
std::vector<FixCandidate> second_steps(const Verdict& v, const std::vector<FixCandidate>& tried,
                                       const Results& results, const probe::Target& target) {
  std::vector<FixCandidate> out;
  for (const FixCandidate& c : tried) {
    auto it = results.find(c.profile.spec());
    if (it == results.end() || it->second.ok || it->second.reason == v.result.reason) continue;
    std::vector<catalog::FailureReason> reasons =
        FixKnowledge::get().relaxed_by(*it->second.reason);
    for (const catalog::Knob& knob : v.profile.knobs)
      if (std::find_first_of(knob.relaxes.begin(), knob.relaxes.end(), reasons.begin(),
                             reasons.end()) != knob.relaxes.end())
        if (auto both = combine(c, knob, target)) out.push_back(std::move(*both));
  }
  return out;
}

// Everything learned live about one failing client, into its verdict: its
// other versions, the release changes (confirmed or not), and the fixes,
// verified ones most scoped first, the rest ruled out.
void conclude(Verdict& v, std::vector<FixCandidate>& candidates, const Results& results) {
  for (const Profile* sibling : family_of(v.profile))
    if (auto it = results.find(sibling->id); it != results.end()) v.family.push_back(it->second);
  describe_family(v);
  for (const catalog::FailureReason& reason : FixKnowledge::get().relaxed_by(*v.cause.reason))
    for (const ClientChange* change : FixKnowledge::get().changes_for(v.profile, reason))
      v.changes.push_back(confirm(*change, v.profile, results));
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const FixCandidate& a, const FixCandidate& b) { return a.rank < b.rank; });
  std::vector<ClientFix> tried;
  for (FixCandidate& c : candidates)
    if (auto it = results.find(c.profile.spec()); it != results.end())
      tried.push_back({std::move(c), it->first, it->second.ok, it->second});
  for (ClientFix& fix : tried)
    if (fix.verified && !does_more_than_needed(fix, v.fixes)) v.fixes.push_back(std::move(fix));
  // A step that helped as part of a verified combination is not "ruled out".
  for (ClientFix& fix : tried)
    if (!fix.verified && std::none_of(v.fixes.begin(), v.fixes.end(), [&](const ClientFix& f) {
          return f.candidate.title.starts_with(fix.candidate.title + ", and ");
        }))
      v.ruled_out.push_back(std::move(fix));
}

std::vector<ServerFix> server_fixes_for(const std::vector<Verdict>& verdicts,
                                        const probe::Target& target) {
  std::vector<ServerFix> out;
  std::string host = comment_safe(target.sni.empty() ? target.host : target.sni);
  for (const Verdict& v : verdicts) {
    if (v.result.ok) continue;
    const ServerFixTemplate* t = FixKnowledge::get().server_fix_for(*v.cause.reason);
    if (!t) continue;
    auto it = std::find_if(out.begin(), out.end(), [&](const ServerFix& f) { return f.fix == t; });
    if (it == out.end()) {
      ServerFix fix{t, {}, {}};
      for (const auto& [software, text] : t->render)
        fix.render[software] = fill_template(text, {{"host", host}});
      out.push_back(std::move(fix));
      it = out.end() - 1;
    }
    it->clients.push_back(v.result.client);
  }
  return out;
}

}  // namespace

DoctorReport run_doctor(const checks::ScanOptions& options, const std::vector<Profile>& clients,
                        const checks::Progress& progress) {
  auto start = std::chrono::steady_clock::now();
  auto step = [&](std::string_view what) {
    if (progress) progress(what);
  };
  DoctorReport report;
  report.target = options.target.display();
  report.sni = options.target.sni;

  // 1. What the server accepts: the evidence every cause cites. Extensions
  //    (tickets, OCSP, ALPN...) decide no client's fate here.
  checks::ScanOptions scan_options = options;
  scan_options.only = {"suites", "groups", "sigalgs", "certificates"};
  report.server = checks::scan(scan_options, progress);
  report.connections = report.server.connections;
  if (report.server.error) {
    report.error = report.server.error;
    return report;
  }

  // 2. The clients, replayed live with their own checks.
  step("simulating clients");
  simulate::Simulator simulator(options);
  simulate::SimulationReport first = simulator.run(clients);
  report.connections += first.connections;
  if (first.error) {
    report.error = first.error;
    return report;
  }
  for (size_t i = 0; i < clients.size(); ++i) {
    Verdict v;
    v.profile = clients[i];
    v.result = first.results[i];
    report.verdicts.push_back(std::move(v));
  }

  // 3. For each failure: its cause, and what to try live: the client's other
  //    versions (which release changed?) and every candidate fix.
  std::vector<Profile> second;
  std::set<std::string> queued;
  for (const Verdict& v : report.verdicts) queued.insert(v.profile.spec());
  std::vector<std::vector<FixCandidate>> candidates(report.verdicts.size());
  for (size_t i = 0; i < report.verdicts.size(); ++i) {
    Verdict& v = report.verdicts[i];
    if (v.result.ok) continue;
    v.cause = explain_failure(v.profile, v.result, report.server);
    if (auto trap = implementation_trap(v.profile, *v.cause.reason, report.server))
      v.traps.push_back(*trap);
    for (const Profile* sibling : family_of(v.profile))
      if (queued.insert(sibling->id).second) second.push_back(*sibling);
    candidates[i] =
        client_fix_candidates(v.profile, *v.cause.reason, report.server, options.target);
    for (FixCandidate& c : candidates[i])
      if (queued.insert(c.profile.spec()).second) second.push_back(c.profile);
  }

  // 4. One live batch: a fix is shown only if its handshake succeeds.
  Results results;
  for (const Verdict& v : report.verdicts) results[v.result.client] = v.result;
  auto replay = [&](const std::vector<Profile>& batch) {
    if (batch.empty()) return;
    simulate::SimulationReport again = simulator.run(batch);
    report.connections += again.connections;
    for (const ClientResult& r : again.results) results[r.client] = r;
  };
  step("verifying fixes live");
  replay(second);

  // 5. A fix that got further but failed for another reason may need a
  //    second knob on top (Go's MinVersion, then tlssha1=1): one more batch.
  std::vector<Profile> third;
  for (size_t i = 0; i < report.verdicts.size(); ++i)
    for (FixCandidate& c :
         second_steps(report.verdicts[i], candidates[i], results, options.target)) {
      if (queued.insert(c.profile.spec()).second) third.push_back(c.profile);
      candidates[i].push_back(std::move(c));
    }
  replay(third);

  for (size_t i = 0; i < report.verdicts.size(); ++i)
    if (!report.verdicts[i].result.ok) conclude(report.verdicts[i], candidates[i], results);
  std::stable_partition(report.verdicts.begin(), report.verdicts.end(),
                        [](const Verdict& v) { return !v.result.ok; });

  // 6. The real fix, on the server, for every failure seen.
  report.server_fixes = server_fixes_for(report.verdicts, options.target);
  report.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace tlsd::diagnose
