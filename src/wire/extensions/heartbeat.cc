// RFC 6520 §2: heartbeat mode.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ExtensionRow kHeartbeat{
    0x000f, "heartbeat",
    [](const HelloParams& p, Writer& w) { w.u8(p.heartbeat_mode); },
    [](Reader& r, ServerExtensions& s) -> Status {
      uint8_t mode;
      if (!r.u8(mode)) return ext_error("heartbeat");
      s.heartbeat_mode = mode;
      return Ok{};
    },
};

}  // namespace tlsd::wire::ext
