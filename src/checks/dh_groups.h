// Names a DHE prime when it is a well-known group: RFC 7919 ffdhe, RFC 3526
// MODP, RFC 2409 Oakley. A custom group is not wrong, but a well-known
// 1024-bit one is what Logjam precomputation targets.
#pragma once

#include <string>

#include "base/bytes.h"

namespace tlsd::checks {

std::string dh_group_name(ByteView prime);  // "" when not well known

}  // namespace tlsd::checks
