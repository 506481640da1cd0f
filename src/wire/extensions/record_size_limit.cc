// RFC 8449 §4: record_size_limit, one uint16 each way.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ProfileParam kRecordSizeLimitParams[] = {
    {"record_size_limit", NumberParam{&HelloParams::record_size_limit}}};

const ExtensionRow kRecordSizeLimit{
    0x001c,
    "record_size_limit",
    [](const HelloParams& p, Writer& w) { w.u16(p.record_size_limit); },
    [](Reader& r, ServerExtensions& s) -> Status {
      uint16_t limit;
      if (!r.u16(limit) || limit < 64) return ext_error("record_size_limit");
      s.record_size_limit = limit;
      return Ok{};
    },
    kRecordSizeLimitParams,
};

}  // namespace tlsd::wire::ext
