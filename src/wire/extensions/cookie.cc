// RFC 8446 §4.2.2: cookie, sent by a server in a HelloRetryRequest and echoed
// by the client in its second hello.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ExtensionRow kCookie{
    0x002c, "cookie",
    [](const HelloParams&, Writer& w) { w.u16(0); },
    [](Reader& r, ServerExtensions& s) -> Status {
      if (!r.prefixed_bytes(2, s.cookie) || s.cookie.empty()) return ext_error("cookie");
      return Ok{};
    },
};

}  // namespace tlsd::wire::ext
