// RFC 9345 §4.1.1: delegated_credentials carries the signature schemes the
// client accepts for a delegated credential.
#include "wire/extensions/codec_helpers.h"
#include "wire/extensions/extension.h"

namespace tlsd::wire::ext {

const ProfileParam kDelegatedCredentialsParams[] = {
    {"delegated_credentials",
     CodeListParam{&HelloParams::delegated_credential_sigalgs, CodeNames::kSignatureScheme}}};

const ExtensionRow kDelegatedCredentials{
    0x0022,
    "delegated_credentials",
    [](const HelloParams& p, Writer& w) {
      write_u16_list(w, 2,
                     p.delegated_credential_sigalgs.empty() ? p.signature_algorithms
                                                            : p.delegated_credential_sigalgs);
    },
    [](Reader&, ServerExtensions&) -> Status {
      return ext_error("delegated_credentials (not allowed in ServerHello)");
    },
    kDelegatedCredentialsParams,
};

}  // namespace tlsd::wire::ext
