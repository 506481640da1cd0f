// What a raw hello cannot see (the rest of a TLS 1.3 flight, which is
// encrypted, the server's Finished, key confirmation) only a complete
// handshake shows. One real OpenSSL handshake per version at which the
// simulation predicts a client connects confirms the prediction; when it
// fails, "connects" is contradicted and becomes a failure that says so,
// never a silent "every client connects".
#pragma once

#include <map>
#include <vector>

#include "probe/full_handshake.h"
#include "simulate/simulate.h"

namespace tlsd::simulate {

// The versions at which some result connects, each once.
std::vector<uint16_t> versions_to_confirm(const std::vector<ClientResult>& results);

// Every result that connects at a version whose real handshake failed turns
// into a protocol_error naming the contradiction. A real handshake that
// negotiated another version confirms nothing and changes nothing.
// `profiles[i]` is the client of `results[i]`: its words for the failure.
void apply_confirmations(std::vector<ClientResult>& results,
                         const std::vector<catalog::Profile>& profiles,
                         const std::map<uint16_t, probe::FullHandshakeResult>& real);

// One real handshake at `version` (no tickets, no resumption); a transport
// failure is tried once more, so a single lost connection does not turn
// predictions into failures.
probe::FullHandshakeResult confirming_handshake(const probe::Target& target,
                                                std::chrono::milliseconds timeout,
                                                uint16_t version);

}  // namespace tlsd::simulate
