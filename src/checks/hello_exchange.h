// `tlsdoctor hello`: one crafted ClientHello, the server's answer, and what
// was offered, as facts the report prints.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "probe/craft.h"
#include "probe/observation.h"
#include "probe/target.h"

namespace tlsd::checks {

struct HelloExchange {
  std::string target;           // as the user wrote it, normalised
  std::string sni;              // empty: none sent
  probe::Route route;           // the proxy and dialogs before TLS
  std::string offered_version;  // "TLSv1.2", or "TLSv1.0-TLSv1.3"
  size_t offered_suites = 0, offered_groups = 0, offered_sigalgs = 0;
  std::vector<uint16_t> offered_key_shares;
  size_t hello_bytes = 0;
  probe::Observation observation;
  Bytes flight;  // every byte the server sent (--save-flight)
};

// Crafts the hello `options` describe (an error when they cannot be
// offered), sends it once and judges the answer. `sending` is called when
// the hello is ready and about to go out.
Result<HelloExchange> exchange_hello(const probe::Target& target,
                                     const probe::CraftOptions& options,
                                     std::chrono::milliseconds timeout,
                                     const std::function<void()>& sending = {});

}  // namespace tlsd::checks
