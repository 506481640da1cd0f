// RFC 8422 §5.1.1 / RFC 8446 §4.2.7: supported_groups. A server may only send
// it in EncryptedExtensions; some TLS 1.2 servers echo it anyway, so accept it.
#include "wire/extensions/codec_helpers.h"
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ProfileParam kSupportedGroupsParams[] = {
    {"groups", CodeListParam{&HelloParams::groups, CodeNames::kGroup, fixed_grease::kGroup}}};

const ExtensionRow kSupportedGroups{
    0x000a,
    "supported_groups",
    [](const HelloParams& p, Writer& w) { write_u16_list(w, 2, p.groups); },
    [](Reader& r, ServerExtensions&) -> Status {
      std::vector<uint16_t> groups;
      if (!read_u16_list(r, 2, groups)) return ext_error("supported_groups");
      return Ok{};
    },
    kSupportedGroupsParams,
};

}  // namespace tlsd::wire::ext
