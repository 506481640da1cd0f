// `tlsdoctor preflight`: before a client upgrade (go-1.21 -> go-1.22, a JDK,
// OpenSSL, Python, Node), which of a list of endpoints will break, why, and
// what to do. Each endpoint gets one doctor consultation with both clients
// (one scan, both replayed on it), so its verdicts are the doctor's.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnose/doctor.h"

namespace tlsd::diagnose {

// What the upgrade does to one endpoint. One {id, name} table (preflight.cc).
enum class PreflightOutcome {
  unchanged_ok,       // both clients connect
  unchanged_failing,  // both fail: the upgrade is not the problem
  breaks,             // the old client connects, the new one does not
  starts_working,     // the new client connects, the old one did not
  unreachable,        // the endpoint could not be examined at all
};

std::string_view name(PreflightOutcome outcome);
std::optional<PreflightOutcome> parse_preflight_outcome(std::string_view text);

struct EndpointPreflight {
  std::string input;  // the target as the user wrote it
  PreflightOutcome outcome = PreflightOutcome::unreachable;
  DoctorReport doctor;  // both clients' verdicts, the server fixes, the scan
  // Where the two clients' verdicts are in doctor.verdicts (not when unreachable).
  std::optional<size_t> from_index, to_index;

  const Verdict* from() const { return from_index ? &doctor.verdicts[*from_index] : nullptr; }
  const Verdict* to() const { return to_index ? &doctor.verdicts[*to_index] : nullptr; }
};

struct PreflightSummary {
  size_t unchanged_ok = 0, unchanged_failing = 0, breaks = 0, starts_working = 0, unreachable = 0;
  size_t total() const {
    return unchanged_ok + unchanged_failing + breaks + starts_working + unreachable;
  }
};

struct PreflightReport {
  std::string from, to;                      // the two clients' specs
  std::vector<std::string> notes;            // how the clients were derived (--from-env)
  std::vector<EndpointPreflight> endpoints;  // in the list's order
  PreflightSummary summary;
  size_t connections = 0;
  double elapsed_ms = 0;
};

// One endpoint's doctor consultation with both clients. Live: run_doctor.
using Consultant = std::function<DoctorReport(const checks::ScanOptions&,
                                              const std::vector<catalog::Profile>& clients)>;

// The outcome of one consultation: reads the two clients' verdicts by spec.
// A report without both verdicts (an error) is unreachable.
EndpointPreflight judge_endpoint(std::string input, DoctorReport doctor,
                                 const catalog::Profile& from, const catalog::Profile& to);

PreflightSummary summarize(const std::vector<EndpointPreflight>& endpoints);

struct PreflightCallbacks {
  // Endpoint `index` ended, in the order endpoints end; called one at a time.
  std::function<void(size_t index, const EndpointPreflight& endpoint)> done;
};

// Every endpoint, `parallel` at a time; an exception in one endpoint's
// consultation is that endpoint's error (unreachable), never the run's end.
// `inputs[i]` is the text `jobs[i]` was made from.
PreflightReport run_preflight(const std::vector<checks::ScanOptions>& jobs,
                              const std::vector<std::string>& inputs, const catalog::Profile& from,
                              const catalog::Profile& to, size_t parallel,
                              const Consultant& consult, const PreflightCallbacks& callbacks = {});

// The same, live: each endpoint's consultation is run_doctor.
PreflightReport run_preflight(const std::vector<checks::ScanOptions>& jobs,
                              const std::vector<std::string>& inputs, const catalog::Profile& from,
                              const catalog::Profile& to, size_t parallel,
                              const PreflightCallbacks& callbacks = {});

}  // namespace tlsd::diagnose
