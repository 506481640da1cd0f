// RFC 6066 §3: server_name. The server acknowledges with an empty body.
// A hello without SNI leaves the extension out rather than sending it empty.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ExtensionRow kServerName{
    0x0000, "server_name",
    [](const HelloParams& p, Writer& w) {
      w.prefixed(2, [&](Writer& list) {
        list.u8(0);  // host_name
        list.prefixed_bytes(2, ByteView(reinterpret_cast<const uint8_t*>(p.server_name.data()),
                                        p.server_name.size()));
      });
    },
    [](Reader& r, ServerExtensions& s) { return parse_empty(r, s.server_name_acked); },
};

}  // namespace tlsd::wire::ext
