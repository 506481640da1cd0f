// RFC 6066 §8: status_request (OCSP stapling). The server agrees with an
// empty body and sends the response in a CertificateStatus message.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ExtensionRow kStatusRequest{
    0x0005, "status_request",
    [](const HelloParams&, Writer& w) {
      w.u8(1);   // status_type ocsp
      w.u16(0);  // responder_id_list: none
      w.u16(0);  // request_extensions: none
    },
    [](Reader& r, ServerExtensions& s) { return parse_empty(r, s.status_request); },
};

}  // namespace tlsd::wire::ext
