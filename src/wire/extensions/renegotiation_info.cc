// RFC 5746 §3.2: renegotiation_info, renegotiated_connection<0..255>. On an
// initial handshake both sides send it empty; its presence in the ServerHello
// is what "secure renegotiation supported" means.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ExtensionRow kRenegotiationInfo{
    0xff01, "renegotiation_info",
    [](const HelloParams& p, Writer& w) { w.prefixed_bytes(1, p.renegotiation_info); },
    [](Reader& r, ServerExtensions& s) -> Status {
      Bytes verify_data;
      if (!r.prefixed_bytes(1, verify_data)) return ext_error("renegotiation_info");
      s.renegotiation_info = std::move(verify_data);
      return Ok{};
    },
};

}  // namespace tlsd::wire::ext
