// RFC 8446 §4.2.8: key_share. Client: client_shares<0..2^16-1>. ServerHello:
// one KeyShareEntry. HelloRetryRequest: only the selected group (2 bytes),
// which is how the two server forms are told apart.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ProfileParam kKeyShareParams[] = {
    {"key_shares",
     CodeListParam{&HelloParams::key_share_groups, CodeNames::kGroup, fixed_grease::kGroup}}};

const ExtensionRow kKeyShare{
    0x0033,
    "key_share",
    [](const HelloParams& p, Writer& w) {
      w.prefixed(2, [&](Writer& list) {
        for (const KeyShare& share : p.key_shares) {
          list.u16(share.group);
          list.prefixed_bytes(2, share.key_exchange);
        }
      });
    },
    [](Reader& r, ServerExtensions& s) -> Status {
      uint16_t group;
      if (!r.u16(group)) return ext_error("key_share");
      if (r.empty()) {
        s.hrr_selected_group = group;
        return Ok{};
      }
      KeyShare share{group, {}};
      if (!r.prefixed_bytes(2, share.key_exchange) || share.key_exchange.empty())
        return ext_error("key_share");
      s.key_share = std::move(share);
      return Ok{};
    },
    kKeyShareParams,
};

}  // namespace tlsd::wire::ext
