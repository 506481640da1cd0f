// RFC 8422 §5.1.2: ec_point_formats.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ProfileParam kEcPointFormatsParams[] = {
    {"ec_point_formats", ByteListParam{&HelloParams::ec_point_formats}}};

const ExtensionRow kEcPointFormats{
    0x000b,
    "ec_point_formats",
    [](const HelloParams& p, Writer& w) { w.prefixed_bytes(1, p.ec_point_formats); },
    [](Reader& r, ServerExtensions& s) -> Status {
      Bytes formats;
      if (!r.prefixed_bytes(1, formats) || formats.empty()) return ext_error("ec_point_formats");
      s.ec_point_formats = std::move(formats);
      return Ok{};
    },
    kEcPointFormatsParams,
};

}  // namespace tlsd::wire::ext
