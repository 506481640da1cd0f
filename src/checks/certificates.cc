// Every certificate chain the server serves. A server may hold an RSA and an
// ECDSA certificate and choose by the suites offered, so TLS <= 1.2 is asked
// once with RSA-authenticated suites only and once with ECDSA only. TLS 1.3
// encrypts the Certificate message; that chain comes from a full handshake
// (scan.cc runs those off the engine's thread and folds them in).
#include "catalog/catalog.h"
#include "checks/checks.h"
#include "checks/parallel.h"
#include "checks/trust.h"
#include "wire/constants.h"

namespace tlsd::checks {
namespace {

// Every catalogued suite with that authentication: the server answers with
// the certificate it holds for it, if any.
std::vector<uint16_t> suites_with_auth(uint16_t version, const std::string& auth) {
  std::vector<uint16_t> out;
  for (const catalog::CipherSuite& s : catalog::Catalog::get().suites())
    if (s.auth == auth && s.valid_for(version)) out.push_back(s.code);
  return out;
}

}  // namespace

void add_chain(ServerModel& model, const ScanOptions& options, std::string found_with,
               const std::vector<Bytes>& der_chain) {
  if (der_chain.empty()) return;
  TrustVerdict verdict = verify_chain(der_chain, options.target.sni.empty() ? options.target.host
                                                                           : options.target.sni,
                                      options.ca_file);
  for (const CertificateChain& known : model.certificates)
    if (known.fingerprint_sha256 == verdict.leaf_sha256) return;
  CertificateChain chain;
  chain.found_with = std::move(found_with);
  for (const Bytes& der : der_chain)
    if (auto s = wire::summarize_certificate(der)) chain.chain.push_back(std::move(*s));
  chain.trusted = verdict.trusted;
  chain.trust_error = verdict.error;
  chain.hostname_match = verdict.hostname_match;
  chain.fingerprint_sha256 = verdict.leaf_sha256;
  model.certificates.push_back(std::move(chain));
}

asio::awaitable<void> check_certificates(ScanContext& ctx, ServerModel& model,
                                         const FirstAnswers&) {
  std::optional<uint16_t> version;
  for (uint16_t v : {wire::kTls12, wire::kTls11, wire::kTls10, wire::kSsl3})
    if (model.supports(v)) {
      version = v;
      break;
    }
  if (!version) co_return;
  struct Ask {
    std::string auth;
    std::vector<uint16_t> suites;
    std::vector<Bytes> chain;
  };
  std::vector<Ask> asks;
  for (const char* auth : {"RSA", "ECDSA", "DSS"}) {
    asks.push_back({auth, suites_with_auth(*version, auth), {}});
  }
  std::vector<Task> tasks;
  for (Ask& ask : asks)
    tasks.push_back([&ctx, &ask, v = *version]() -> asio::awaitable<void> {
      probe::CraftOptions opts;
      opts.version = v;
      opts.suites = ask.suites;
      probe::Observation o = co_await ctx.hello(opts);
      if (accepted(o)) ask.chain = std::move(o.raw_certificates);
    });
  co_await run_all(std::move(tasks));
  for (const Ask& ask : asks) add_chain(model, ctx.options(), ask.auth, ask.chain);
}

}  // namespace tlsd::checks
