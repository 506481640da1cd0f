#include "simulate/profile_hello.h"

#include <algorithm>

#include "wire/constants.h"
#include "wire/key_share.h"

namespace tlsd::simulate {
namespace {

constexpr uint16_t kServerName = 0x0000, kKeyShare = 0x0033, kCookie = 0x002c, kPadding = 0x0015;

Result<std::vector<wire::KeyShare>> key_shares(const std::vector<uint16_t>& groups, ByteView seed) {
  std::vector<wire::KeyShare> out;
  for (uint16_t g : groups) {
    if (wire::is_grease(g)) {
      out.push_back({g, Bytes{0}});  // a GREASE share is one zero byte (Chrome, BoringSSL)
      continue;
    }
    auto share = wire::make_key_share(g, seed);
    if (!share) return share.error();
    out.push_back({g, std::move(*share)});
  }
  return out;
}

}  // namespace

HelloRandomness HelloRandomness::fresh() {
  return {wire::random_bytes(32), wire::random_bytes(32), wire::random_bytes(32)};
}

HelloRandomness HelloRandomness::fixed() {
  return {Bytes(32, 0x11), Bytes(32, 0x22), Bytes(32, 0x33)};
}

Result<ProfileHello> build_profile_hello(const catalog::Profile& profile, const std::string& sni,
                                         const HelloRandomness& randomness) {
  const catalog::HelloTemplate& t = profile.hello;
  ProfileHello out;
  wire::ClientHelloSpec& spec = out.spec;
  spec.record_version = t.record_version;
  spec.legacy_version = t.legacy_version;
  std::copy_n(randomness.random.begin(), 32, spec.random.begin());
  spec.session_id.assign(randomness.session_id.begin(),
                         randomness.session_id.begin() + static_cast<long>(t.session_id_length));
  spec.cipher_suites = t.cipher_suites;
  spec.compression_methods = t.compression_methods;
  for (const catalog::ProfileExtension& e : t.extensions) {
    if (e.type == kServerName && sni.empty()) continue;  // no name, no extension
    if (e.type == kPadding && t.padding == catalog::PaddingRule::none) continue;
    spec.extensions.push_back({e.type, e.body});
  }
  wire::HelloParams& p = spec.params;
  p.server_name = sni;
  p.groups = t.groups;
  p.ec_point_formats = t.ec_point_formats;
  p.signature_algorithms = t.signature_algorithms;
  p.signature_algorithms_cert = t.signature_algorithms_cert;
  p.alpn = t.alpn;
  p.supported_versions = t.supported_versions;
  p.psk_key_exchange_modes = t.psk_key_exchange_modes;
  if (t.record_size_limit) p.record_size_limit = *t.record_size_limit;
  p.certificate_compression = t.certificate_compression;
  p.delegated_credential_sigalgs = t.delegated_credentials;
  if (t.padding == catalog::PaddingRule::fixed) p.padding_length = t.padding_bytes;
  auto shares = key_shares(t.key_shares, randomness.key_seed);
  if (!shares) return shares.error();
  p.key_shares = std::move(*shares);

  auto bytes = wire::build_client_hello_records(spec);
  if (!bytes) return bytes.error();
  out.bytes = std::move(*bytes);
  out.offer.client_random = randomness.random;
  out.offer.suites = t.cipher_suites;
  out.offer.groups = t.groups;
  for (uint16_t v = t.min_version(); v <= t.max_version() && v <= wire::kTls13; ++v)
    out.offer.versions.push_back(v);
  return out;
}

Result<Bytes> build_retry_hello(const ProfileHello& first, const wire::ServerHello& hrr,
                                const HelloRandomness& randomness) {
  wire::ClientHelloSpec spec = first.spec;
  uint16_t group = hrr.extensions.hrr_selected_group.value_or(0);
  if (std::find(spec.params.groups.begin(), spec.params.groups.end(), group) ==
      spec.params.groups.end())
    return Error::protocol(ProtocolCode::unoffered_group,
                           "HelloRetryRequest asks for a group never offered");
  auto share = wire::make_key_share(group, randomness.key_seed);
  if (!share) return share.error();
  spec.params.key_shares = {{group, std::move(*share)}};
  if (!hrr.extensions.cookie.empty()) {
    // The cookie goes back verbatim: cookie<1..2^16-1>.
    Bytes body{static_cast<uint8_t>(hrr.extensions.cookie.size() >> 8),
               static_cast<uint8_t>(hrr.extensions.cookie.size())};
    body.insert(body.end(), hrr.extensions.cookie.begin(), hrr.extensions.cookie.end());
    auto at = std::find_if(spec.extensions.begin(), spec.extensions.end(),
                           [](const wire::ExtensionEntry& e) { return e.type == kKeyShare; });
    spec.extensions.insert(at == spec.extensions.end() ? at : at + 1, {kCookie, std::move(body)});
  }
  return wire::build_client_hello_records(spec);
}

}  // namespace tlsd::simulate
