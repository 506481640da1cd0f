// RFC 8879 §3: compress_certificate, algorithms<2..2^8-2>.
#include "wire/extensions/codec_helpers.h"
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ProfileParam kCompressCertificateParams[] = {
    {"certificate_compression", CodeListParam{&HelloParams::certificate_compression}}};

const ExtensionRow kCompressCertificate{
    0x001b,
    "compress_certificate",
    [](const HelloParams& p, Writer& w) { write_u16_list(w, 1, p.certificate_compression); },
    [](Reader&, ServerExtensions&) -> Status {
      return ext_error("compress_certificate (not allowed in ServerHello)");
    },
    kCompressCertificateParams,
};

}  // namespace tlsd::wire::ext
