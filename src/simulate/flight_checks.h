// What every client checks in the server's flight before its own policy: the
// server must answer what was asked (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3-4) and
// send key exchange values that can be used. A server that breaks these fails
// every client the same way, however well the hello choices match, so the
// simulation must never report such a handshake as a success.
#pragma once

#include <optional>

#include "catalog/profiles.h"
#include "probe/observation.h"
#include "simulate/policy.h"

namespace tlsd::simulate {

// `followed_hello_retry`: this ServerHello answers the hello sent after a
// HelloRetryRequest. The first violation the profile's client meets, in the
// order it reads the flight; nullopt when the flight is well-formed for it.
std::optional<PolicyFailure> flight_violation(const catalog::Profile& profile,
                                              const probe::Observation& observation,
                                              bool followed_hello_retry);

}  // namespace tlsd::simulate
