// Whether a client *without* a certificate gets through, per version: a
// CertificateRequest only asks (checks/client_auth.h). The answer comes from
// the server's behaviour with an empty Certificate, asked once per version
// and shared by every profile (and every batch of the doctor).
#pragma once

#include <map>
#include <mutex>

#include "catalog/failure_reason.h"
#include "checks/client_auth.h"
#include "checks/scan_context.h"

namespace tlsd::simulate {

// Why a client fails at client authentication, when it does.
struct ClientAuthRefusal {
  catalog::FailureReason reason;
  std::string detail;
};

class ClientAuthFacts {
 public:
  // Does this client (profile id) get through client authentication at
  // `version`? Without --cert: only where the server requires one. With it:
  // whether the stack sends the certificate at all (client_presentation.h),
  // and then the server's live answer to it. `requested`: the flight had a
  // CertificateRequest (TLS <= 1.2). Blocking.
  std::optional<ClientAuthRefusal> refusal(const checks::ScanOptions& options,
                                           std::string_view profile_id, uint16_t version,
                                           bool requested);
  // Records what a probe already learned (the simulation's full handshake).
  void add(const checks::ClientAuth& auth);
  // The server's policy at `version`, probing it once if it is not known yet.
  // Blocking: call off the engine's thread.
  const checks::ClientAuth& at(const checks::ScanOptions& options, uint16_t version);
  // Required, or asked with a policy the probe could not decide (then a client
  // without a certificate is assumed to fail, as most servers that ask insist).
  static bool refuses_without_certificate(const checks::ClientAuth& auth, bool requested);
  // The server's answer at `version` when the client presents the user's
  // certificate (options.client_identity), asked once. Blocking.
  const probe::ClientAuthProbeResult& with_identity(const checks::ScanOptions& options,
                                                    uint16_t version);
  size_t connections() const { return connections_; }

 private:
  std::mutex mutex_;
  std::map<uint16_t, checks::ClientAuth> by_version_;
  std::map<uint16_t, probe::ClientAuthProbeResult> with_identity_;
  size_t connections_ = 0;
};

}  // namespace tlsd::simulate
