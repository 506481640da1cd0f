// What every check gets: the engine to probe through, the target, and a
// one-call "send this hello, tell me what came back".
#pragma once

#include <asio.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "checks/check_id.h"
#include "probe/client_identity.h"
#include "probe/craft.h"
#include "probe/engine.h"
#include "probe/observation.h"
#include "probe/target.h"

namespace tlsd::checks {

struct ScanOptions {
  probe::Target target;
  probe::EngineOptions engine;
  std::chrono::milliseconds timeout{5000};  // per probe
  std::string ca_file;                      // extra trust anchor(s), PEM
  bool certificates = true;                 // --no-cert skips the full handshakes
  // --cert/--key: the client certificate simulate and the doctor present
  // (nullptr: clients have none).
  std::shared_ptr<const probe::ClientIdentity> client_identity;
  // --only: the checks to run (versions always run). Empty = all of them.
  CheckSet only;
  bool wants(CheckId check) const { return only.empty() || only.contains(check); }
};

class ScanContext {
 public:
  ScanContext(probe::Engine& engine, const ScanOptions& options)
      : engine_(engine), options_(options) {}

  // Crafts the hello (SNI from the target unless the options say otherwise),
  // probes, and judges the answer against the offer. `on_chain`: the probe is
  // one step of a sequential chain (probe::ProbeRequest::urgent).
  asio::awaitable<probe::Observation> hello(probe::CraftOptions opts, bool on_chain = false);

  const ScanOptions& options() const { return options_; }
  probe::Engine& engine() { return engine_; }

 private:
  probe::Engine& engine_;
  const ScanOptions& options_;
};

}  // namespace tlsd::checks
