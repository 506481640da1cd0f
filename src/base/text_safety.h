// Text that came from the network (certificate names, HTTP lines, a server's
// banner, a pasted log) is shown to people and written into JSON. Bytes chosen
// by a server must never drive the terminal (ESC, CSI as C1 U+009B, bidi
// overrides) nor break a JSON document (invalid UTF-8), so every such string
// passes through display_safe() where it enters the result model.
#pragma once

#include <string>
#include <string_view>

namespace tlsd {

// Valid, printable UTF-8 is kept as it is; everything else is written visibly
// in ASCII: C0 controls and DEL as \xHH, C1 controls and bidi/format controls
// as \u{HHHH}, and bytes that are not UTF-8 as \xHH. The result is always
// valid UTF-8 without a single control character.
std::string display_safe(std::string_view raw);

// True when display_safe(text) == text.
bool is_display_safe(std::string_view text);

}  // namespace tlsd
