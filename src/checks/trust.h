// Chain validation against the system trust store plus --ca-file, and the
// host name check, with OpenSSL's verifier: what a client would decide.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"

namespace tlsd::checks {

struct TrustVerdict {
  bool trusted = false;
  std::string error;  // OpenSSL's reason when not trusted
  std::optional<bool> hostname_match;  // nullopt: no name to check
  std::string leaf_sha256;
};

TrustVerdict verify_chain(const std::vector<Bytes>& chain, const std::string& host,
                          const std::string& ca_file);

}  // namespace tlsd::checks
