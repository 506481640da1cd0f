// Real key shares for TLS 1.3 ClientHellos (RFC 8446 §4.2.8): a server only
// answers a hello whose shares parse and lie on the curve / in the group.
// Every share derives from a seed, so a fixed seed gives golden bytes and a
// random seed gives a live hello, through the same code.
#pragma once

#include <cstdint>

#include "base/bytes.h"
#include "base/result.h"

namespace tlsd::wire {

bool can_make_key_share(uint16_t group);
Result<Bytes> make_key_share(uint16_t group, ByteView seed);
Bytes random_bytes(size_t n);

}  // namespace tlsd::wire
