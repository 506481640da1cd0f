#include "probe/craft.h"

#include <algorithm>

#include "catalog/catalog.h"
#include "wire/constants.h"
#include "wire/key_share.h"

namespace tlsd::probe {
namespace {

using catalog::Catalog;
namespace ext_type {
constexpr uint16_t server_name = 0x0000, status_request = 0x0005, supported_groups = 0x000a,
                   ec_point_formats = 0x000b, signature_algorithms = 0x000d, alpn = 0x0010,
                   sct = 0x0012, padding = 0x0015, encrypt_then_mac = 0x0016, ems = 0x0017,
                   session_ticket = 0x0023, supported_versions = 0x002b, psk_modes = 0x002d,
                   key_share = 0x0033, renegotiation_info = 0xff01;
}

std::vector<uint16_t> default_suites(const Catalog& c, std::optional<uint16_t> version) {
  std::vector<uint16_t> out;
  for (const catalog::CipherSuite& s : c.suites()) {
    if (s.scsv) continue;
    bool fits = version ? s.valid_for(*version) : s.max_version >= wire::kTls10;
    if (fits) out.push_back(s.code);
  }
  // TLS 1.3 suites first: a server that can do 1.3 then shows its 1.3 choice.
  std::stable_partition(out.begin(), out.end(),
                        [&](uint16_t code) { return c.suite(code)->tls13; });
  return out;
}

std::vector<uint16_t> default_groups(const Catalog& c, bool tls13_offered) {
  std::vector<uint16_t> out;
  for (const catalog::Group& g : c.groups()) {
    if (g.kind == "explicit" || !g.iana_registered) continue;
    if (g.min_version == wire::kTls13 && !tls13_offered) continue;
    if (tls13_offered && g.min_version == wire::kTls13 && !wire::can_make_key_share(g.code))
      continue;
    out.push_back(g.code);
  }
  // Keep the classic, widely deployed groups first; legacy ones follow.
  const uint16_t preferred[] = {0x001d, 0x0017, 0x0018, 0x0019, 0x001e};
  std::stable_partition(out.begin(), out.end(), [&](uint16_t g) {
    return std::find(std::begin(preferred), std::end(preferred), g) != std::end(preferred);
  });
  return out;
}

std::vector<uint16_t> default_sigalgs(const Catalog& c) {
  std::vector<uint16_t> out;
  for (const catalog::SignatureScheme& s : c.signature_schemes())
    if (s.iana_registered) out.push_back(s.code);
  // Servers follow the client's order for signatures: modern schemes first, so
  // a hello is answered as a current client would be, with SHA-1 and MD5 last.
  std::stable_partition(out.begin(), out.end(), [&](uint16_t code) {
    const catalog::SignatureScheme* s = c.signature_scheme(code);
    return s->tls13 || (s->hash != "sha1" && s->hash != "md5" && s->hash != "sha224");
  });
  return out;
}

Result<CraftedHello> craft_ssl2(const Catalog& c, const CraftOptions& o) {
  std::vector<uint32_t> specs;
  if (o.ssl2_ciphers) {
    specs = *o.ssl2_ciphers;
  } else {
    for (const catalog::Ssl2Cipher& s : c.ssl2_ciphers()) specs.push_back(s.code);
  }
  CraftedHello out;
  out.offer.client_random = wire::random_bytes(16);
  out.offer.versions = {wire::kSsl2};
  out.offer.ssl2_ciphers = specs;
  auto bytes = wire::build_sslv2_client_hello(wire::kSsl2, specs, out.offer.client_random);
  if (!bytes) return bytes.error();
  out.bytes = std::move(*bytes);
  return out;
}

}  // namespace

Result<CraftedHello> craft_hello(const CraftOptions& o) {
  const Catalog& c = Catalog::get();
  if (o.version == wire::kSsl2) return craft_ssl2(c, o);
  if (o.version && (*o.version < wire::kSsl3 || *o.version > wire::kTls13))
    return Error::usage("unsupported protocol version " + hex_code(*o.version));

  bool tls13 = !o.version || *o.version == wire::kTls13;
  bool ssl3 = o.version == wire::kSsl3;
  wire::ClientHelloSpec spec;
  spec.record_version = ssl3 ? wire::kSsl3 : wire::kTls10;
  spec.legacy_version = o.version ? std::min<uint16_t>(*o.version, wire::kTls12)
                                  : static_cast<uint16_t>(wire::kTls12);
  Bytes random = wire::random_bytes(32);
  std::copy(random.begin(), random.end(), spec.random.begin());
  spec.cipher_suites = o.suites ? *o.suites : default_suites(c, o.version);
  if (spec.cipher_suites.empty()) return Error::usage("no cipher suites to offer");
  if (ssl3) spec.cipher_suites.push_back(0x00ff);  // RFC 5746 SCSV: SSLv3 has no extensions
  spec.cipher_suites.insert(spec.cipher_suites.end(), o.extra_suites.begin(), o.extra_suites.end());
  spec.compression_methods = o.compression_methods;

  CraftedHello out;
  out.offer.client_random = random;
  out.offer.suites = spec.cipher_suites;
  if (o.version) {
    out.offer.versions = {*o.version};
  } else {
    out.offer.versions = {wire::kTls10, wire::kTls11, wire::kTls12, wire::kTls13};
  }
  if (!ssl3) {
    wire::HelloParams& p = spec.params;
    p.server_name = o.sni;
    p.groups = o.groups ? *o.groups : default_groups(c, tls13);
    p.signature_algorithms = o.sigalgs ? *o.sigalgs : default_sigalgs(c);
    p.alpn = o.alpn;
    using namespace ext_type;
    if (!o.sni.empty()) spec.extensions.push_back({server_name});
    for (uint16_t t : {ec_point_formats, supported_groups, session_ticket})
      spec.extensions.push_back({t});
    if (!p.alpn.empty()) spec.extensions.push_back({alpn});
    for (uint16_t t :
         {encrypt_then_mac, ems, signature_algorithms, status_request, sct, renegotiation_info})
      spec.extensions.push_back({t});
    if (tls13) {
      spec.session_id = wire::random_bytes(32);  // RFC 8446 D.4 middlebox compatibility
      out.offer.session_id = spec.session_id;
      p.supported_versions =
          o.version ? std::vector<uint16_t>{wire::kTls13}
                    : std::vector<uint16_t>{wire::kTls13, wire::kTls12, wire::kTls11, wire::kTls10};
      std::vector<uint16_t> shares = o.key_shares ? *o.key_shares : std::vector<uint16_t>{};
      if (!o.key_shares)
        for (uint16_t g : {uint16_t{0x001d}, uint16_t{0x0017}})
          if (std::find(p.groups.begin(), p.groups.end(), g) != p.groups.end()) shares.push_back(g);
      Bytes seed = wire::random_bytes(32);
      for (uint16_t g : shares) {
        auto share = wire::make_key_share(g, seed);
        if (!share) return share.error();
        p.key_shares.push_back({g, std::move(*share)});
      }
      for (uint16_t t : {supported_versions, psk_modes, key_share}) spec.extensions.push_back({t});
    }
    for (uint16_t t : o.extra_extensions) spec.extensions.push_back({t});
    spec.extensions.push_back({padding});
  }
  out.offer.groups = spec.params.groups;
  auto bytes = wire::build_client_hello_records(spec);
  if (!bytes) return bytes.error();
  out.bytes = std::move(*bytes);
  out.spec = std::move(spec);
  return out;
}

}  // namespace tlsd::probe
