// RFC 8446 §4.2.3: signature_algorithms and signature_algorithms_cert.
// Servers never send them in a ServerHello; decoding one is tolerated.
#include "wire/extensions/codec_helpers.h"
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {
namespace {
Status parse_list(Reader& r, ServerExtensions&) {
  std::vector<uint16_t> schemes;
  if (!read_u16_list(r, 2, schemes)) return ext_error("signature_algorithms");
  return Ok{};
}

const ProfileParam kSignatureAlgorithmsParams[] = {
    {"signature_algorithms",
     CodeListParam{&HelloParams::signature_algorithms, CodeNames::kSignatureScheme}}};
const ProfileParam kSignatureAlgorithmsCertParams[] = {
    {"signature_algorithms_cert",
     CodeListParam{&HelloParams::signature_algorithms_cert, CodeNames::kSignatureScheme}}};
}  // namespace

const ExtensionRow kSignatureAlgorithms{
    0x000d,
    "signature_algorithms",
    [](const HelloParams& p, Writer& w) { write_u16_list(w, 2, p.signature_algorithms); },
    parse_list,
    kSignatureAlgorithmsParams,
};

const ExtensionRow kSignatureAlgorithmsCert{
    0x0032,
    "signature_algorithms_cert",
    [](const HelloParams& p, Writer& w) { write_u16_list(w, 2, p.signature_algorithms_cert); },
    parse_list,
    kSignatureAlgorithmsCertParams,
};

}  // namespace tlsd::wire::ext
