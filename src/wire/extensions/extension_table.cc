// The table of extensions tlsdoctor can build and decode, by code point.
#include <algorithm>
#include <array>

#include "wire/extensions/extension.h"

namespace tlsd::wire {
namespace {

const std::array<const ExtensionRow*, 21> kTable = {
    &ext::kServerName,         &ext::kStatusRequest,
    &ext::kSupportedGroups,    &ext::kEcPointFormats,
    &ext::kSignatureAlgorithms, &ext::kHeartbeat,
    &ext::kAlpn,               &ext::kSignedCertificateTimestamp,
    &ext::kPadding,            &ext::kEncryptThenMac,
    &ext::kExtendedMasterSecret, &ext::kCompressCertificate,
    &ext::kRecordSizeLimit,    &ext::kDelegatedCredentials,
    &ext::kSessionTicket,      &ext::kSupportedVersions,
    &ext::kCookie,             &ext::kPskKeyExchangeModes,
    &ext::kSignatureAlgorithmsCert, &ext::kKeyShare,
    &ext::kRenegotiationInfo,
};

}  // namespace

const ExtensionRow* find_extension(uint16_t code) {
  auto it = std::find_if(kTable.begin(), kTable.end(),
                         [&](const ExtensionRow* row) { return row->code == code; });
  return it == kTable.end() ? nullptr : *it;
}

const ExtensionRow* find_extension(std::string_view name) {
  auto it = std::find_if(kTable.begin(), kTable.end(),
                         [&](const ExtensionRow* row) { return row->name == name; });
  return it == kTable.end() ? nullptr : *it;
}

std::vector<const ExtensionRow*> extension_rows() {
  return std::vector<const ExtensionRow*>(kTable.begin(), kTable.end());
}

Status parse_empty(Reader& r, bool& flag) {
  if (!r.empty()) return Error::decode("extension that must be empty has a body");
  flag = true;
  return Ok{};
}

bool ServerExtensions::has(uint16_t type) const {
  return std::find(present.begin(), present.end(), type) != present.end();
}

}  // namespace tlsd::wire
