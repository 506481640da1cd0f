// Signature schemes the server accepts for its handshake signature.
//
// TLS 1.2: the ServerKeyExchange shows the scheme chosen, so chains of
// (EC)DHE hellos remove each pick until refused. TLS 1.3 encrypts the
// CertificateVerify, but a server must refuse a hello whose schemes its key
// cannot serve before it sends its ServerHello: one hello per scheme, all at
// once, tells which ones it accepts.
#include "catalog/catalog.h"
#include "checks/checks.h"
#include "checks/parallel.h"
#include "wire/constants.h"

namespace tlsd::checks {
namespace {

using catalog::Catalog;

// Every catalogued suite whose key exchange the server signs: it takes one
// it has, so this check need not wait for the suite enumeration.
std::vector<uint16_t> signed_kex_suites() {
  std::vector<uint16_t> out;
  for (const catalog::CipherSuite& s : Catalog::get().suites())
    if (catalog::ephemeral(s.kx) && s.valid_for(wire::kTls12) &&
        (s.auth == "RSA" || s.auth == "ECDSA" || s.auth == "DSS"))
      out.push_back(s.code);
  return out;
}

asio::awaitable<void> tls12_chain(ScanContext& ctx, std::vector<uint16_t> suites,
                                  std::vector<uint16_t> offered, std::vector<uint16_t>& found) {
  while (!offered.empty()) {
    probe::CraftOptions opts;
    opts.version = wire::kTls12;
    opts.suites = suites;
    opts.sigalgs = offered;
    probe::Observation o = co_await ctx.hello(opts, /*on_chain=*/true);
    if (!accepted(o) || !o.key_exchange || !o.key_exchange->signature_scheme) break;
    uint16_t scheme = *o.key_exchange->signature_scheme;
    if (std::find(offered.begin(), offered.end(), scheme) == offered.end()) break;
    found.push_back(scheme);
    std::erase(offered, scheme);
  }
}

}  // namespace

asio::awaitable<void> check_signature_schemes(ScanContext& ctx, ServerModel& model) {
  const Catalog& c = Catalog::get();
  std::vector<Task> tasks;
  std::vector<uint16_t> suites = signed_kex_suites();
  std::vector<std::vector<uint16_t>> tls12_found(2);
  if (model.supports(wire::kTls12)) {
    std::vector<std::vector<uint16_t>> chains(2);
    size_t i = 0;
    for (const catalog::SignatureScheme& s : c.signature_schemes())
      if (s.iana_registered && s.sig != "anon") chains[i++ % 2].push_back(s.code);
    for (size_t k = 0; k < 2; ++k)
      tasks.push_back([&, k, chain = chains[k]]() -> asio::awaitable<void> {
        co_await tls12_chain(ctx, suites, chain, tls12_found[k]);
      });
  }
  std::vector<std::pair<uint16_t, bool>> tls13_results;
  if (model.supports(wire::kTls13)) {
    for (const catalog::SignatureScheme& s : c.signature_schemes())
      if (s.tls13 && s.iana_registered) tls13_results.push_back({s.code, false});
    for (auto& entry : tls13_results)
      tasks.push_back([&ctx, &entry]() -> asio::awaitable<void> {
        probe::CraftOptions opts;
        opts.version = wire::kTls13;
        opts.sigalgs = std::vector<uint16_t>{entry.first};
        entry.second = accepted(co_await ctx.hello(opts));
      });
  }
  co_await run_all(std::move(tasks));
  std::vector<uint16_t> tls12;
  for (const auto& chain : tls12_found) tls12.insert(tls12.end(), chain.begin(), chain.end());
  if (!tls12.empty()) model.signature_schemes[wire::kTls12] = std::move(tls12);
  if (model.supports(wire::kTls13)) {
    auto& out = model.signature_schemes[wire::kTls13];
    for (const auto& [code, ok] : tls13_results)
      if (ok) out.push_back(code);
  }
}

}  // namespace tlsd::checks
