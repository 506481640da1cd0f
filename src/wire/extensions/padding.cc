// RFC 7685: padding, all zero bytes. Its length is decided by the ClientHello
// builder (it depends on everything else in the hello).
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ExtensionRow kPadding{
    0x0015, "padding",
    [](const HelloParams& p, Writer& w) { w.bytes(Bytes(p.padding_length.value_or(0), 0)); },
    [](Reader&, ServerExtensions&) -> Status { return ext_error("padding (server-sent)"); },
};

}  // namespace tlsd::wire::ext
