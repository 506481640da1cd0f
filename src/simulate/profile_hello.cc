#include "simulate/profile_hello.h"

#include <algorithm>

#include "wire/constants.h"
#include "wire/extensions/extension.h"
#include "wire/key_share.h"

namespace tlsd::simulate {
namespace {

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
  for (const wire::ExtensionEntry& e : t.extensions)
    if (e.type != wire::ext::kServerName.code || !sni.empty())
      spec.extensions.push_back(e);  // no name, no SNI
  // The extension rows filled the template's parameters from the profile; the
  // hello only adds what depends on the target and the randomness.
  spec.params = static_cast<const wire::HelloParams&>(t);
  spec.params.server_name = sni;
  auto shares = key_shares(t.key_share_groups, randomness.key_seed);
  if (!shares) return shares.error();
  spec.params.key_shares = std::move(*shares);

  auto bytes = wire::build_client_hello_records(spec);
  if (!bytes) return bytes.error();
  out.bytes = std::move(*bytes);
  out.offer.client_random = randomness.random;
  out.offer.session_id = spec.session_id;
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
    auto at = std::find_if(
        spec.extensions.begin(), spec.extensions.end(),
        [](const wire::ExtensionEntry& e) { return e.type == wire::ext::kKeyShare.code; });
    spec.extensions.insert(at == spec.extensions.end() ? at : at + 1,
                           {wire::ext::kCookie.code, std::move(body)});
  }
  return wire::build_client_hello_records(spec);
}

}  // namespace tlsd::simulate
