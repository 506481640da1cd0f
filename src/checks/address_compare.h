// Every address of a name, compared: one backend of a DNS round robin with
// an old configuration makes a failure "intermittent". The differences that
// decide a handshake — versions, cipher suites, the certificate — each as
// one sentence naming the addresses.
#pragma once

#include <string>
#include <vector>

#include "checks/server_model.h"

namespace tlsd::checks {

struct AddressScan {
  std::string address;  // the literal connected to
  ServerModel model;
};

// Empty when every address answers alike. Each line compares an address with
// the first one ("127.0.0.3 accepts TLSv1, 127.0.0.2 does not").
std::vector<std::string> compare_addresses(const std::vector<AddressScan>& scans);

}  // namespace tlsd::checks
