// RFC 7366: encrypt_then_mac, empty in both directions.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ExtensionRow kEncryptThenMac{
    0x0016, "encrypt_then_mac",
    [](const HelloParams&, Writer&) {},
    [](Reader& r, ServerExtensions& s) { return parse_empty(r, s.encrypt_then_mac); },
};

}  // namespace tlsd::wire::ext
