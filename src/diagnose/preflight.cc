#include "diagnose/preflight.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>

namespace tlsd::diagnose {
namespace {

constexpr std::array<std::pair<PreflightOutcome, std::string_view>, 5> kOutcomes = {{
    {PreflightOutcome::unchanged_ok, "unchanged_ok"},
    {PreflightOutcome::unchanged_failing, "unchanged_failing"},
    {PreflightOutcome::breaks, "breaks"},
    {PreflightOutcome::starts_working, "starts_working"},
    {PreflightOutcome::unreachable, "unreachable"},
}};

std::optional<size_t> index_of(const DoctorReport& doctor, const catalog::Profile& client) {
  const std::string spec = client.spec();
  for (size_t i = 0; i < doctor.verdicts.size(); ++i)
    if (doctor.verdicts[i].profile.spec() == spec) return i;
  return std::nullopt;
}

// An endpoint whose consultation threw: its own error line, like a fleet scan's.
DoctorReport aborted(const checks::ScanOptions& job, const std::string& what) {
  DoctorReport r;
  r.target = job.target.display();
  r.sni = job.target.sni;
  r.error = Error::internal("preflight aborted: " + what);
  return r;
}

}  // namespace

std::string_view name(PreflightOutcome outcome) {
  for (const auto& [o, n] : kOutcomes)
    if (o == outcome) return n;
  return "unreachable";
}

std::optional<PreflightOutcome> parse_preflight_outcome(std::string_view text) {
  for (const auto& [o, n] : kOutcomes)
    if (n == text) return o;
  return std::nullopt;
}

EndpointPreflight judge_endpoint(std::string input, DoctorReport doctor,
                                 const catalog::Profile& from, const catalog::Profile& to) {
  EndpointPreflight e;
  e.input = std::move(input);
  e.doctor = std::move(doctor);
  if (e.doctor.error) return e;
  e.from_index = index_of(e.doctor, from);
  e.to_index = index_of(e.doctor, to);
  if (!e.from_index || !e.to_index) {
    // The doctor answered without one of the clients: nothing to compare.
    e.doctor.error = Error::internal("the doctor gave no verdict for " +
                                     (e.from_index ? to.spec() : from.spec()));
    e.from_index = e.to_index = std::nullopt;
    return e;
  }
  bool before = e.from()->result.ok, after = e.to()->result.ok;
  e.outcome = before && after ? PreflightOutcome::unchanged_ok
              : before        ? PreflightOutcome::breaks
              : after         ? PreflightOutcome::starts_working
                              : PreflightOutcome::unchanged_failing;
  return e;
}

PreflightSummary summarize(const std::vector<EndpointPreflight>& endpoints) {
  PreflightSummary s;
  for (const EndpointPreflight& e : endpoints) switch (e.outcome) {
      case PreflightOutcome::unchanged_ok:
        ++s.unchanged_ok;
        break;
      case PreflightOutcome::unchanged_failing:
        ++s.unchanged_failing;
        break;
      case PreflightOutcome::breaks:
        ++s.breaks;
        break;
      case PreflightOutcome::starts_working:
        ++s.starts_working;
        break;
      case PreflightOutcome::unreachable:
        ++s.unreachable;
        break;
    }
  return s;
}

PreflightReport run_preflight(const std::vector<checks::ScanOptions>& jobs,
                              const std::vector<std::string>& inputs, const catalog::Profile& from,
                              const catalog::Profile& to, size_t parallel,
                              const Consultant& consult, const PreflightCallbacks& callbacks) {
  auto start = std::chrono::steady_clock::now();
  PreflightReport report;
  report.from = from.spec();
  report.to = to.spec();
  report.endpoints.resize(jobs.size());
  const std::vector<catalog::Profile> clients = {from, to};
  std::mutex mu;
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < jobs.size();) {
      DoctorReport doctor;
      // One endpoint's failure is its own line; a thread that threw would
      // end the whole run (std::terminate).
      try {
        doctor = consult(jobs[i], clients);
      } catch (const std::exception& e) {
        doctor = aborted(jobs[i], e.what());
      }
      std::string input = i < inputs.size() ? inputs[i] : jobs[i].target.display();
      EndpointPreflight judged = judge_endpoint(std::move(input), std::move(doctor), from, to);
      std::lock_guard lock(mu);
      report.endpoints[i] = std::move(judged);
      if (callbacks.done) callbacks.done(i, report.endpoints[i]);
    }
  };
  size_t threads = std::min(jobs.size(), std::max<size_t>(parallel, 1));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();

  report.summary = summarize(report.endpoints);
  for (const EndpointPreflight& e : report.endpoints) report.connections += e.doctor.connections;
  report.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return report;
}

PreflightReport run_preflight(const std::vector<checks::ScanOptions>& jobs,
                              const std::vector<std::string>& inputs, const catalog::Profile& from,
                              const catalog::Profile& to, size_t parallel,
                              const PreflightCallbacks& callbacks) {
  Consultant live = [](const checks::ScanOptions& options,
                       const std::vector<catalog::Profile>& clients) {
    return run_doctor(options, clients);
  };
  return run_preflight(jobs, inputs, from, to, parallel, live, callbacks);
}

}  // namespace tlsd::diagnose
