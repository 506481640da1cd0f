// `tlsdoctor simulate`: each client profile's exact hello, replayed live
// (SNI rewritten, a HelloRetryRequest followed), then the client's own checks
// applied to what the server sent. All profiles run at once through one engine.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/profiles.h"
#include "checks/scan_context.h"

namespace tlsd::simulate {

struct ClientResult {
  std::string client;  // the profile id, with its knobs: "go-1.22+GODEBUG=tlsrsakex=1"
  std::string display;
  bool ok = false;
  std::optional<catalog::FailureReason> reason;  // the taxonomy (docs/profiles.md); nullopt when ok
  std::string error;                             // what that client would print
  std::string detail;                            // evidence: "server chose ...", "RSA 1024-bit key"
  uint16_t version = 0;
  uint16_t cipher_suite = 0;
  std::optional<uint16_t> group;
  int dh_bits = 0;
  int key_bits = 0;  // the server certificate's key
  std::string key_type;
  bool followed_hello_retry = false;

  std::string reason_name() const { return catalog::reason_name(reason); }  // "" when ok
};

struct SimulationReport {
  std::string target, sni;
  probe::Route route;          // the proxy and dialogs before TLS
  std::optional<Error> error;  // nothing could be tried (unreachable, not TLS)
  std::vector<ClientResult> results;
  size_t connections = 0;
  double elapsed_ms = 0;
};

// What a client negotiated, in one line: "TLSv1.2 TLS_RSA_WITH_AES_128_CBC_SHA x25519".
std::string negotiated(const ClientResult& result);

SimulationReport simulate(const checks::ScanOptions& options,
                          const std::vector<catalog::Profile>& profiles);

// Several simulations against one server (the doctor replays its clients,
// then their fixes): what only a full handshake shows (the TLS 1.3
// certificate) is asked of the server once, not once per batch.
class Simulator {
 public:
  explicit Simulator(const checks::ScanOptions& options);
  ~Simulator();
  SimulationReport run(const std::vector<catalog::Profile>& profiles);

 private:
  struct Shared;
  const checks::ScanOptions& options_;
  std::unique_ptr<Shared> shared_;
};

}  // namespace tlsd::simulate
