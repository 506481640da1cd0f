// RFC 7627: extended_master_secret, empty in both directions.
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ExtensionRow kExtendedMasterSecret{
    0x0017, "extended_master_secret",
    [](const HelloParams&, Writer&) {},
    [](Reader& r, ServerExtensions& s) { return parse_empty(r, s.extended_master_secret); },
};

}  // namespace tlsd::wire::ext
