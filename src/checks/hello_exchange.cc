#include "checks/hello_exchange.h"

#include "catalog/catalog.h"
#include "probe/probe.h"
#include "wire/constants.h"

namespace tlsd::checks {

Result<HelloExchange> exchange_hello(const probe::Target& target, const probe::CraftOptions& opts,
                                     std::chrono::milliseconds timeout,
                                     const std::function<void()>& sending) {
  const catalog::Catalog& cat = catalog::Catalog::get();
  auto hello = probe::craft_hello(opts);
  if (!hello) return hello.error();
  if (sending) sending();
  probe::ProbeResult result = probe::run_probe({target, hello->bytes, timeout});

  HelloExchange out;
  out.target = target.display();
  out.sni = target.sni;
  out.route = target.route;
  out.offered_version = opts.version ? cat.version_name(*opts.version) : "TLSv1.0-TLSv1.3";
  const wire::ClientHelloSpec& spec = hello->spec;
  // An SSLv2 hello has no spec: count the cipher kinds it offered.
  out.offered_suites = opts.version == wire::kSsl2
                           ? (opts.suites ? opts.suites->size() : cat.ssl2_ciphers().size())
                           : spec.cipher_suites.size();
  out.offered_groups = spec.params.groups.size();
  out.offered_sigalgs = spec.params.signature_algorithms.size();
  for (const wire::KeyShare& ks : spec.params.key_shares)
    out.offered_key_shares.push_back(ks.group);
  out.hello_bytes = hello->bytes.size();
  out.observation = probe::observe(result, hello->offer);
  out.flight = std::move(result.raw);
  return out;
}

}  // namespace tlsd::checks
