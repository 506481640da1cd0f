// RFC 8446 §4.2.1: supported_versions. Client: versions<2..254>; server: the
// one it selected.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ProfileParam kSupportedVersionsParams[] = {
    {"supported_versions",
     CodeListParam{&HelloParams::supported_versions, CodeNames::kNumeric, fixed_grease::kVersion}}};

const ExtensionRow kSupportedVersions{
    0x002b,
    "supported_versions",
    [](const HelloParams& p, Writer& w) {
      w.prefixed(1, [&](Writer& list) {
        for (uint16_t v : p.supported_versions) list.u16(v);
      });
    },
    [](Reader& r, ServerExtensions& s) -> Status {
      uint16_t v;
      if (!r.u16(v)) return ext_error("supported_versions");
      s.selected_version = v;
      return Ok{};
    },
    kSupportedVersionsParams,
};

}  // namespace tlsd::wire::ext
