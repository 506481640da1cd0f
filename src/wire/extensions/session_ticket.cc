// RFC 5077 §3.2: SessionTicket. The body is the ticket itself, with no length
// prefix; the server agrees with an empty body.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ExtensionRow kSessionTicket{
    0x0023, "session_ticket",
    [](const HelloParams& p, Writer& w) { w.bytes(p.session_ticket); },
    [](Reader& r, ServerExtensions& s) { return parse_empty(r, s.session_ticket); },
};

}  // namespace tlsd::wire::ext
