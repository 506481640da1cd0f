// Whether a client *without* a certificate gets through, per version: a
// CertificateRequest only asks (checks/client_auth.h). The answer comes from
// the server's behaviour with an empty Certificate, asked once per version
// and shared by every profile (and every batch of the doctor).
#pragma once

#include <map>
#include <mutex>

#include "checks/client_auth.h"
#include "checks/scan_context.h"

namespace tlsd::simulate {

class ClientAuthFacts {
 public:
  // Records what a probe already learned (the simulation's full handshake).
  void add(const checks::ClientAuth& auth);
  // The server's policy at `version`, probing it once if it is not known yet.
  // Blocking: call off the engine's thread.
  const checks::ClientAuth& at(const checks::ScanOptions& options, uint16_t version);
  // Required, or asked with a policy the probe could not decide (then a client
  // without a certificate is assumed to fail, as most servers that ask insist).
  static bool refuses_without_certificate(const checks::ClientAuth& auth, bool requested);
  size_t connections() const { return connections_; }

 private:
  std::mutex mutex_;
  std::map<uint16_t, checks::ClientAuth> by_version_;
  size_t connections_ = 0;
};

}  // namespace tlsd::simulate
