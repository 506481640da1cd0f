// Fakes of the doctor's two seams (doctor.h), for its tests: a server
// written down as a scanned model plus the outcome of each client spec, so
// that the whole doctor runs without a network.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diagnose/doctor.h"
#include "diagnose/test_models.h"

namespace tlsd::diagnose::testing {

// A client that connects at `version` with `suite`.
inline simulate::ClientResult connects(uint16_t version = 0x0303, uint16_t suite = 0x002f) {
  simulate::ClientResult r;
  r.ok = true;
  r.version = version;
  r.cipher_suite = suite;
  return r;
}

inline simulate::ClientResult fails(const std::string& reason, const std::string& detail = "") {
  simulate::ClientResult r;
  r.reason = testing::reason(reason);
  r.detail = detail;
  return r;
}

// Replays each profile by looking its spec up in `outcomes`; any other
// client gets `otherwise`. Records every batch it is asked for.
class FakeReplayer : public Replayer {
 public:
  std::map<std::string, simulate::ClientResult> outcomes;  // by spec
  simulate::ClientResult otherwise = fails("no_common_suite");
  size_t connections_per_client = 2;  // a hello, and a full handshake
  std::optional<Error> error;         // the batches from `error_from` on fail with it
  size_t error_from = 0;
  std::optional<size_t> answer_only;              // answer for this many profiles of a batch
  std::vector<std::vector<std::string>> batches;  // the specs asked for, batch by batch

  simulate::SimulationReport run(const std::vector<catalog::Profile>& batch) override {
    simulate::SimulationReport report;
    std::vector<std::string>& asked = batches.emplace_back();
    for (const catalog::Profile& p : batch) asked.push_back(p.spec());
    report.connections = connections_per_client * batch.size();
    if (error && batches.size() > error_from) {
      report.error = error;
      return report;
    }
    for (const catalog::Profile& p : batch) {
      if (answer_only && report.results.size() == *answer_only) break;
      auto it = outcomes.find(p.spec());
      simulate::ClientResult r = it == outcomes.end() ? otherwise : it->second;
      r.client = p.spec();
      r.display = p.display;
      report.results.push_back(std::move(r));
    }
    return report;
  }
};

// A scan that finds `model`; counts its calls and keeps the options it got.
struct FakeScan {
  checks::ServerModel model;
  size_t calls = 0;
  checks::ScanOptions seen;

  Scanner scanner() {
    return [this](const checks::ScanOptions& options, const checks::Progress& progress) {
      ++calls;
      seen = options;
      if (progress) progress("cipher suites");
      return model;
    };
  }
};

}  // namespace tlsd::diagnose::testing
