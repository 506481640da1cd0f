// RFC 6962 §3.3.1: the client asks with an empty body; the server may answer
// with a SignedCertificateTimestampList, which we only note.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ExtensionRow kSignedCertificateTimestamp{
    0x0012, "signed_certificate_timestamp",
    [](const HelloParams&, Writer&) {},
    [](Reader& r, ServerExtensions& s) -> Status {
      Reader list;
      if (!r.prefixed(2, list)) return ext_error("signed_certificate_timestamp");
      s.signed_certificate_timestamp = true;
      return Ok{};
    },
};

}  // namespace tlsd::wire::ext
