// RFC 7301 §3.1: application_layer_protocol_negotiation. The server answers
// with a list of exactly one protocol.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ProfileParam kAlpnParams[] = {{"alpn", TextListParam{&HelloParams::alpn}}};

const ExtensionRow kAlpn{
    0x0010,
    "application_layer_protocol_negotiation",
    [](const HelloParams& p, Writer& w) {
      w.prefixed(2, [&](Writer& list) {
        for (const std::string& proto : p.alpn)
          list.prefixed_bytes(
              1, ByteView(reinterpret_cast<const uint8_t*>(proto.data()), proto.size()));
      });
    },
    [](Reader& r, ServerExtensions& s) -> Status {
      Reader list, name;
      if (!r.prefixed(2, list) || !list.prefixed(1, name) || !list.empty() || name.empty())
        return ext_error("application_layer_protocol_negotiation");
      s.alpn = std::string(name.rest().begin(), name.rest().end());
      return Ok{};
    },
    kAlpnParams,
};

}  // namespace tlsd::wire::ext
