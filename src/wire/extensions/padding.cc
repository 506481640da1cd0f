// RFC 7685: padding, all zero bytes. Its length is decided by the ClientHello
// builder (it depends on everything else in the hello). A profile says
// "padding": "none" (never sent), "boringssl" (BoringSSL's rule: hellos of
// 256..511 bytes are padded to 512) or a fixed body length.
#include <charconv>

#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {
namespace {

Status store_padding(std::string_view word, HelloParams& p) {
  p.omit_padding = word == "none";
  p.padding_length = std::nullopt;
  if (word == "none" || word == "boringssl") return Ok{};
  size_t length = 0;
  auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), length);
  if (ec != std::errc{} || end != word.data() + word.size() || length > 0xffff)
    return Error::decode("padding must be none, boringssl or a number");
  p.padding_length = length;
  return Ok{};
}

const ProfileParam kPaddingParams[] = {{"padding", WordParam{store_padding, "none"}}};

}  // namespace

const ExtensionRow kPadding{
    0x0015,
    "padding",
    [](const HelloParams& p, Writer& w) { w.bytes(Bytes(p.padding_length.value_or(0), 0)); },
    [](Reader&, ServerExtensions&) -> Status { return ext_error("padding (server-sent)"); },
    kPaddingParams,
};

}  // namespace tlsd::wire::ext
