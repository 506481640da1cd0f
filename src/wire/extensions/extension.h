// One row per TLS extension: its name in a client profile's "extensions"
// list, the profile keys of its parameters, how a ClientHello carries it and
// how the server's copy decodes. Adding an extension = one file here + one
// table row (+ its test); the profile loader and the profile hello iterate
// the table, so nothing else names it.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "wire/extensions/profile_param.h"
#include "wire/hello_params.h"
#include "wire/reader.h"
#include "wire/writer.h"

namespace tlsd::wire {

struct ExtensionRow {
  uint16_t code;
  std::string_view name;  // IANA name; also how a profile's "extensions" list spells it
  // Writes the ClientHello extension_data from the hello's parameters.
  void (*build)(const HelloParams&, Writer&);
  // Decodes the server's extension_data (ServerHello or HelloRetryRequest).
  // The Reader holds exactly the body; trailing bytes are an error.
  Status (*parse_server)(Reader&, ServerExtensions&);
  // The profile keys this extension's parameters are read from (none for an
  // extension whose body is fixed or comes from the target, like server_name).
  ProfileParams profile_params = {};
};

// The row for `code`, or nullptr for an extension we only know by number.
const ExtensionRow* find_extension(uint16_t code);
// Row by its name, as in the table ("server_name", "key_share", ...).
const ExtensionRow* find_extension(std::string_view name);
std::vector<const ExtensionRow*> extension_rows();

// Helpers the rows share.
inline Status ext_error(std::string_view name) {
  return Error::decode(std::string("malformed ") + std::string(name) + " extension");
}
// For extensions whose server copy must be empty.
Status parse_empty(Reader& r, bool& flag);

namespace ext {
#define TLSD_EXTENSION(id) extern const ExtensionRow id;
TLSD_EXTENSION(kServerName)
TLSD_EXTENSION(kStatusRequest)
TLSD_EXTENSION(kSupportedGroups)
TLSD_EXTENSION(kEcPointFormats)
TLSD_EXTENSION(kSignatureAlgorithms)
TLSD_EXTENSION(kHeartbeat)
TLSD_EXTENSION(kAlpn)
TLSD_EXTENSION(kSignedCertificateTimestamp)
TLSD_EXTENSION(kPadding)
TLSD_EXTENSION(kEncryptThenMac)
TLSD_EXTENSION(kExtendedMasterSecret)
TLSD_EXTENSION(kCompressCertificate)
TLSD_EXTENSION(kRecordSizeLimit)
TLSD_EXTENSION(kDelegatedCredentials)
TLSD_EXTENSION(kSessionTicket)
TLSD_EXTENSION(kSupportedVersions)
TLSD_EXTENSION(kCookie)
TLSD_EXTENSION(kPskKeyExchangeModes)
TLSD_EXTENSION(kSignatureAlgorithmsCert)
TLSD_EXTENSION(kKeyShare)
TLSD_EXTENSION(kRenegotiationInfo)
#undef TLSD_EXTENSION
}  // namespace ext

}  // namespace tlsd::wire
