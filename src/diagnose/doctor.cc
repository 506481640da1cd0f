#include "diagnose/doctor.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "diagnose/snippet.h"
#include "diagnose/verdict.h"

namespace tlsd::diagnose {
namespace {

using catalog::Profile;

// One failing client while the doctor works on it: its verdict, and the
// fixes to try live for it.
struct FailingClient {
  Verdict verdict;
  std::vector<FixCandidate> candidates;
};

// What the doctor has learned so far; each step adds to it.
struct Consultation {
  const checks::ScanOptions& options;
  Replayer& replayer;
  DoctorReport report;
  std::vector<FailingClient> failing;  // in the clients' order
  std::vector<Verdict> connecting;     // likewise
  LiveResults results;
  std::set<std::string> queued;  // every spec replayed so far: none is replayed twice
};

// The live seam: one Simulator, so that the batches share its one full handshake.
class LiveReplayer : public Replayer {
 public:
  explicit LiveReplayer(const checks::ScanOptions& options) : simulator_(options) {}
  simulate::SimulationReport run(const std::vector<Profile>& batch) override {
    return simulator_.run(batch);
  }

 private:
  simulate::Simulator simulator_;
};

// Replays, in one batch, those of `profiles` not replayed before; nothing
// new, no connection. A batch that fails leaves its profiles untried.
void replay_new(Consultation& c, const std::vector<Profile>& profiles) {
  std::vector<Profile> batch;
  for (const Profile& p : profiles)
    if (c.queued.insert(p.spec()).second) batch.push_back(p);
  if (batch.empty()) return;
  simulate::SimulationReport again = c.replayer.run(batch);
  c.report.connections += again.connections;
  for (const simulate::ClientResult& r : again.results) c.results[r.client] = r;
}

// What the server accepts: the evidence every cause cites. Extensions
// (tickets, OCSP, ALPN...) decide no client's fate, so they are not scanned.
bool scan_server(Consultation& c, const Scanner& scan, const checks::Progress& progress) {
  checks::ScanOptions scan_options = c.options;
  scan_options.only = {"suites", "groups", "sigalgs", "certificates"};
  c.report.server = scan(scan_options, progress);
  c.report.connections = c.report.server.connections;
  c.report.error = c.report.server.error;
  return !c.report.error;
}

// The clients, replayed live with their own checks: who connects, who fails.
bool replay_clients(Consultation& c, const std::vector<Profile>& clients) {
  simulate::SimulationReport first = c.replayer.run(clients);
  c.report.connections += first.connections;
  if (!first.error && first.results.size() != clients.size())
    first.error =
        Error::internal("the simulation answered for " + std::to_string(first.results.size()) +
                        " of " + std::to_string(clients.size()) + " clients");
  if (first.error) {
    c.report.error = first.error;
    return false;
  }
  for (size_t i = 0; i < clients.size(); ++i) {
    Verdict v;
    v.profile = clients[i];
    v.result = first.results[i];
    c.queued.insert(v.profile.spec());
    c.results[v.result.client] = v.result;
    if (v.result.ok)
      c.connecting.push_back(std::move(v));
    else
      c.failing.push_back({std::move(v), {}});
  }
  return true;
}

// Each failure's cause, with the scan's evidence; what no client setting can
// get around; and the client fixes worth a live try.
void explain_failures(Consultation& c) {
  for (FailingClient& f : c.failing) {
    Verdict& v = f.verdict;
    v.cause = explain_failure(v.profile, v.result, c.report.server);
    if (auto trap = implementation_trap(v.profile, *v.cause.reason, c.report.server))
      v.traps.push_back(*trap);
    v.removed_knobs =
        removed_knobs_for(v.profile, *v.cause.reason, catalog::ProfileSet::get().all());
    f.candidates =
        client_fix_candidates(v.profile, *v.cause.reason, c.report.server, c.options.target);
  }
}

// One live batch: each failing client's other versions (which release
// changed?) and every candidate fix, since a fix is shown only if its
// handshake succeeds.
void verify_fixes(Consultation& c) {
  std::vector<Profile> batch;
  for (const FailingClient& f : c.failing) {
    for (const Profile* sibling : family_of(f.verdict.profile)) batch.push_back(*sibling);
    for (const FixCandidate& fix : f.candidates) batch.push_back(fix.profile);
  }
  replay_new(c, batch);
}

// A fix that got further but failed for another reason may need a second
// knob on top (Go's MinVersion, then tlssha1=1): one more batch.
void second_steps(Consultation& c) {
  std::vector<Profile> batch;
  for (FailingClient& f : c.failing)
    for (FixCandidate& both :
         two_step_candidates(f.verdict, f.candidates, c.results, c.options.target)) {
      batch.push_back(both.profile);
      f.candidates.push_back(std::move(both));
    }
  replay_new(c, batch);
}

// Everything learned live, into each failing client's verdict: its other
// versions, the release changes (confirmed or not), and its fixes.
void conclude(Consultation& c) {
  for (FailingClient& f : c.failing) {
    add_family(f.verdict, c.results);
    add_changes(f.verdict, c.results);
    add_fixes(f.verdict, std::move(f.candidates), c.results);
  }
}

// Failures first, which the reader came for; each group in the clients' order.
std::vector<Verdict> failures_first(Consultation& c) {
  std::vector<Verdict> out;
  for (FailingClient& f : c.failing) out.push_back(std::move(f.verdict));
  for (Verdict& v : c.connecting) out.push_back(std::move(v));
  return out;
}

// The real fix, on the server: one per template, with every client it lets in.
std::vector<ServerFix> server_fixes(const std::vector<Verdict>& verdicts,
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
                        const Scanner& scan, Replayer& replayer, const checks::Progress& progress) {
  auto start = std::chrono::steady_clock::now();
  auto step = [&](std::string_view what) {
    if (progress) progress(what);
  };
  Consultation c{options, replayer, {}, {}, {}, {}, {}};
  c.report.target = options.target.display();
  c.report.sni = options.target.sni;
  c.report.route = options.target.route;

  if (!scan_server(c, scan, progress)) return std::move(c.report);
  step("simulating clients");
  if (!replay_clients(c, clients)) return std::move(c.report);
  explain_failures(c);
  step("verifying fixes live");
  verify_fixes(c);
  second_steps(c);
  conclude(c);
  c.report.verdicts = failures_first(c);
  c.report.server_fixes = server_fixes(c.report.verdicts, options.target);
  c.report.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return std::move(c.report);
}

DoctorReport run_doctor(const checks::ScanOptions& options, const std::vector<Profile>& clients,
                        const checks::Progress& progress) {
  LiveReplayer live(options);
  Scanner scan = [](const checks::ScanOptions& o, const checks::Progress& p) {
    return checks::scan(o, p);
  };
  return run_doctor(options, clients, scan, live, progress);
}

}  // namespace tlsd::diagnose
