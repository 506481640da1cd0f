// RFC 8446 §4.2.9: psk_key_exchange_modes, client only.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ProfileParam kPskKeyExchangeModesParams[] = {
    {"psk_key_exchange_modes", ByteListParam{&HelloParams::psk_key_exchange_modes}}};

const ExtensionRow kPskKeyExchangeModes{
    0x002d,
    "psk_key_exchange_modes",
    [](const HelloParams& p, Writer& w) { w.prefixed_bytes(1, p.psk_key_exchange_modes); },
    [](Reader&, ServerExtensions&) -> Status {
      return ext_error("psk_key_exchange_modes (not allowed in ServerHello)");
    },
    kPskKeyExchangeModesParams,
};

}  // namespace tlsd::wire::ext
