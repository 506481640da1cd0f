// One probe = one connection: connect, send a hello, read the server's first
// flight, stop. Every wait is bounded by the probe's deadline; whatever the
// peer does, a probe ends with a flight or a classified error, and the stage
// it reached.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/error.h"
#include "base/result.h"
#include "probe/target.h"
#include "wire/server_flight.h"

namespace tlsd::probe {

// `dialog`: a proxy's CONNECT or a STARTTLS exchange, when the target's route has one.
enum class Stage {
  resolving,
  connecting,
  dialog,
  sending,
  awaiting_server_hello,
  reading_flight,
  done
};
std::string_view to_string(Stage stage);

struct ProbeRequest {
  Target target;
  Bytes hello;  // the exact bytes to send (TLS records or an SSLv2 record)
  std::chrono::milliseconds timeout{5000};
  // Shut our sending side after the hello. The server still answers, but it
  // sees our end at once instead of one round trip later: servers that serve
  // one connection at a time (openssl s_server) move on sooner.
  bool half_close = false;
  // On a chain of probes that each wait for the one before: the engine lets
  // these go first, since the scan's wall time is the longest chain's.
  bool urgent = false;
  // TLS 1.3: when the server answers with a HelloRetryRequest, the second
  // ClientHello to send (as records); unset = stop at the HelloRetryRequest.
  std::function<Result<Bytes>(const wire::ServerHello& hrr)> retry_hello;
};

struct ProbeResult {
  std::optional<Error> error;                    // transport, decode or protocol failure
  Stage stage = Stage::resolving;                // where it ended
  wire::ServerFlight flight;                     // what arrived, complete or not
  std::optional<wire::ServerHello> hello_retry;  // the HelloRetryRequest that was followed
  bool flight_complete = false;
  std::string peer;  // the address actually connected to
  size_t bytes_received = 0;
  Bytes raw;  // every byte received, for --save-flight and fuzz seeds
  std::chrono::microseconds elapsed{0};
};

// Runs probes concurrently (at most max_connections at once, no retries) and
// returns the results in request order. `on_result` (optional) sees each as it
// finishes. Checks that adapt to answers use the Engine (engine.h) instead.
std::vector<ProbeResult> run_probes(
    const std::vector<ProbeRequest>& requests, int max_connections,
    const std::function<void(size_t, const ProbeResult&)>& on_result = {});

ProbeResult run_probe(const ProbeRequest& request);

}  // namespace tlsd::probe
