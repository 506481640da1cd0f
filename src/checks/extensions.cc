// Extensions and behaviours. Most come free with the version hellos (EMS,
// secure renegotiation, tickets, OCSP stapling, encrypt-then-MAC); the rest
// need one hello each, all sent at once: ALPN (h2, http/1.1), heartbeat,
// DEFLATE compression, record_size_limit, TLS_FALLBACK_SCSV, and how the
// server treats a missing or unknown SNI.
#include "catalog/catalog.h"
#include "checks/checks.h"
#include "checks/parallel.h"
#include "wire/constants.h"

namespace tlsd::checks {
namespace {

constexpr uint16_t kHeartbeat = 0x000f, kRecordSizeLimit = 0x001c, kFallbackScsv = 0x5600;
constexpr uint8_t kInappropriateFallback = 86, kUnrecognizedName = 112;

bool refused(const probe::Observation& o) { return !accepted(o); }

std::string leaf_fingerprint(const probe::Observation& o) {
  return o.certificates.empty() ? "" : o.certificates.front().serial_hex + o.certificates.front().subject;
}

}  // namespace

asio::awaitable<void> check_extensions(ScanContext& ctx, ServerModel& model,
                                       const FirstAnswers& first) {
  Extensions& ext = model.extensions;
  std::optional<uint16_t> max = model.max_version();
  if (!max || *max == wire::kSsl2) co_return;
  // The best TLS <= 1.2 answer shows the TLS 1.2-era extensions in the clear.
  std::optional<uint16_t> legacy;
  for (uint16_t v : {wire::kTls12, wire::kTls11, wire::kTls10, wire::kSsl3})
    if (model.supports(v)) {
      legacy = v;
      break;
    }
  if (legacy && *legacy >= wire::kTls10) {
    const probe::Observation& o = first.at(*legacy);
    ext.extended_master_secret = o.extended_master_secret;
    ext.secure_renegotiation = o.secure_renegotiation;
    ext.session_ticket = o.session_ticket;
    ext.ocsp_stapling = o.ocsp_stapled;
    ext.encrypt_then_mac = o.encrypt_then_mac;
  } else if (legacy) {
    ext.secure_renegotiation = first.at(*legacy).secure_renegotiation;
  }

  auto version_for_probe = legacy && *legacy >= wire::kTls10 ? *legacy : *max;
  std::vector<Task> tasks;
  auto probe_with = [&](std::function<void(probe::CraftOptions&)> shape,
                        std::function<void(const probe::Observation&)> fold) {
    tasks.push_back([&ctx, version_for_probe, shape, fold]() -> asio::awaitable<void> {
      probe::CraftOptions opts;
      opts.version = version_for_probe;
      shape(opts);
      fold(co_await ctx.hello(opts));
    });
  };
  for (const char* proto : {"h2", "http/1.1"}) {
    std::string p = proto;
    probe_with([p](probe::CraftOptions& o) { o.alpn = {p}; },
               [&ext, p](const probe::Observation& o) {
                 if (accepted(o) && o.alpn == p) ext.alpn.push_back(p);
               });
  }
  if (version_for_probe < wire::kTls13) {
    probe_with([](probe::CraftOptions& o) { o.extra_extensions = {kHeartbeat}; },
               [&ext](const probe::Observation& o) {
                 if (accepted(o))
                   ext.heartbeat = std::find(o.extensions.begin(), o.extensions.end(),
                                             kHeartbeat) != o.extensions.end();
               });
    probe_with([](probe::CraftOptions& o) { o.compression_methods = {1, 0}; },
               [&ext](const probe::Observation& o) {
                 if (accepted(o)) ext.compression = o.compression == 1;
               });
    probe_with([](probe::CraftOptions& o) { o.extra_extensions = {kRecordSizeLimit}; },
               [&ext](const probe::Observation& o) {
                 if (accepted(o) && o.record_size_limit) ext.record_size_limit = o.record_size_limit;
               });
  }
  // RFC 7507: offered below its best version with the fallback SCSV, a
  // server that knows better must refuse with inappropriate_fallback.
  std::optional<uint16_t> lower;
  for (const VersionSupport& v : model.versions)
    if (v.supported && v.version >= wire::kSsl3 && v.version < *max) lower = v.version;
  if (lower) {
    uint16_t below = *lower;
    tasks.push_back([&ctx, &ext, below]() -> asio::awaitable<void> {
      probe::CraftOptions opts;
      opts.version = below;
      opts.extra_suites = {kFallbackScsv};
      probe::Observation o = co_await ctx.hello(opts);
      if (o.outcome == probe::Outcome::alert)
        ext.fallback_scsv = o.alert == kInappropriateFallback;
      else if (accepted(o))
        ext.fallback_scsv = false;
    });
  }
  // SNI: none at all, and a name the server cannot know.
  probe::Observation no_sni, wrong_sni;
  const std::string& sni = ctx.options().target.sni;
  if (!sni.empty()) {
    probe_with([](probe::CraftOptions& o) { o.sni.clear(), o.sni_override = true; },
               [&no_sni](const probe::Observation& o) { no_sni = o; });
    probe_with(
        [](probe::CraftOptions& o) { o.sni = "tlsdoctor-probe.invalid", o.sni_override = true; },
        [&wrong_sni](const probe::Observation& o) { wrong_sni = o; });
  }
  co_await run_all(std::move(tasks));

  if (!sni.empty()) {
    ext.sni.required = refused(no_sni);
    ext.sni.unknown_name_alert = wrong_sni.alert == kUnrecognizedName;
    const probe::Observation& with = first.at(version_for_probe);
    if (accepted(no_sni) && !with.certificates.empty() && !no_sni.certificates.empty())
      ext.sni.default_certificate_differs = leaf_fingerprint(no_sni) != leaf_fingerprint(with);
  }
}

}  // namespace tlsd::checks
