// Alert (RFC 8446 §6, RFC 5246 §7.2): level and description, two bytes.
#pragma once

#include "base/bytes.h"
#include "base/result.h"

namespace tlsd::wire {

struct Alert {
  uint8_t level = 0;        // 1 warning, 2 fatal
  uint8_t description = 0;  // named by the catalog
  bool fatal() const { return level == 2; }
};

Result<Alert> parse_alert(ByteView fragment);

}  // namespace tlsd::wire
