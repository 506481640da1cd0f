// The doctor (`tlsdoctor HOST`): what the server accepts, which clients fail
// and why, the client release that changed, the traps no client setting can
// get around, client fixes proven by a live handshake, and the server fix.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checks/scan.h"
#include "diagnose/cause.h"
#include "diagnose/client_fixes.h"
#include "diagnose/fix_data.h"
#include "diagnose/removed_knobs.h"
#include "simulate/simulate.h"

namespace tlsd::diagnose {

struct ClientFix {
  FixCandidate candidate;
  std::string client;  // the spec re-simulated: "go-1.22+CipherSuites=TLS_RSA_WITH_AES_128_CBC_SHA"
  bool verified = false;
  simulate::ClientResult outcome;  // the live re-simulation
};

struct ChangeFinding {
  const ClientChange* change = nullptr;
  // Whether the release before it connects: true (it does: the change is
  // the cause), false (it fails too: the change is not the cause), nullopt
  // (no older profile to check against).
  std::optional<bool> confirmed;
  std::string evidence;  // "go-1.21 connects: TLSv1.2 TLS_RSA_WITH_AES_128_CBC_SHA"
};

struct Verdict {
  catalog::Profile profile;
  simulate::ClientResult result;
  FailureCause cause;                          // no reason when the client connects
  std::vector<ChangeFinding> changes;          // the client releases behind the failure
  std::vector<std::string> traps;              // what no client setting can get around
  std::vector<RemovedKnob> removed_knobs;      // older releases' knobs for this, gone here
  std::vector<ClientFix> fixes;                // verified live, most scoped first
  std::vector<ClientFix> ruled_out;            // tried live: did not help
  std::vector<simulate::ClientResult> family;  // the same client's other versions
};

struct ServerFix {
  const ServerFixTemplate* fix = nullptr;
  std::vector<std::string> clients;           // whom it lets in
  std::map<std::string, std::string> render;  // software id -> snippet for this host
};

struct DoctorReport {
  std::string target, sni;
  probe::Route route;  // the proxy and dialogs before TLS
  // How the name's addresses differ (--all-addresses); empty when alike or one.
  std::vector<std::string> address_differences;
  std::optional<Error> error;  // the server could not be examined at all
  checks::ServerModel server;
  std::vector<Verdict> verdicts;  // failures first
  std::vector<ServerFix> server_fixes;
  // The software each server fix is rendered for, in the fix data's order:
  // the report prints these, it does not read the fix data itself.
  std::vector<ServerSoftware> server_software = FixKnowledge::get().server_software();
  size_t connections = 0;
  double elapsed_ms = 0;
};

// The doctor's two seams to the server, so that its decisions can be tested
// without a network.
//
// Replays one batch of clients against the server with their own checks;
// one result per profile, in the batch's order. Live: simulate::Simulator.
class Replayer {
 public:
  virtual ~Replayer() = default;
  virtual simulate::SimulationReport run(const std::vector<catalog::Profile>& batch) = 0;
};

// What the server accepts. Live: checks::scan.
using Scanner =
    std::function<checks::ServerModel(const checks::ScanOptions&, const checks::Progress&)>;

// `clients`: the profiles to judge (the user's one client, or the current
// profiles). Each failing client's other versions are simulated too, to tell
// which release changed.
DoctorReport run_doctor(const checks::ScanOptions& options,
                        const std::vector<catalog::Profile>& clients,
                        const checks::Progress& progress = {});

// The same over given seams: live, checks::scan and one simulate::Simulator
// for every batch; in tests, fakes (fake_server.h).
DoctorReport run_doctor(const checks::ScanOptions& options,
                        const std::vector<catalog::Profile>& clients, const Scanner& scan,
                        Replayer& replayer, const checks::Progress& progress = {});

}  // namespace tlsd::diagnose
