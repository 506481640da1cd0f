// Which protocol versions the server accepts: one hello per version, each
// offering exactly that version and every suite valid there (SSLv2 gets an
// SSLv2 CLIENT-HELLO). Their answers seed the suite enumeration.
#include "catalog/catalog.h"
#include "checks/checks.h"
#include "checks/parallel.h"
#include "wire/constants.h"

namespace tlsd::checks {

bool accepted(const probe::Observation& o) {
  return o.outcome == probe::Outcome::server_hello ||
         o.outcome == probe::Outcome::hello_retry_request;
}

std::string refusal_text(const probe::Observation& o) {
  const catalog::Catalog& c = catalog::Catalog::get();
  if (o.outcome == probe::Outcome::alert && o.alert)
    return "alert " + c.alert_name(*o.alert);
  if (o.error) return o.error->message;
  return std::string(probe::to_string(o.outcome));
}

std::vector<uint16_t> catalog_suites_for(uint16_t version) {
  std::vector<uint16_t> out;
  for (const catalog::CipherSuite& s : catalog::Catalog::get().suites())
    if (!s.scsv && s.valid_for(version)) out.push_back(s.code);
  return out;
}

asio::awaitable<void> check_versions(ScanContext& ctx, ServerModel& model, FirstAnswers& first) {
  const uint16_t versions[] = {wire::kSsl2, wire::kSsl3, wire::kTls10,
                               wire::kTls11, wire::kTls12, wire::kTls13};
  std::vector<Task> tasks;
  for (uint16_t v : versions)
    tasks.push_back([&ctx, &first, v]() -> asio::awaitable<void> {
      probe::CraftOptions opts;
      opts.version = v;
      first[v] = co_await ctx.hello(opts);
    });
  co_await run_all(std::move(tasks));

  for (uint16_t v : versions) {
    const probe::Observation& o = first[v];
    VersionSupport vs{v, false, ""};
    if (v == wire::kSsl2) {
      vs.supported = o.outcome == probe::Outcome::ssl2_server_hello && !o.ssl2_ciphers.empty();
      if (vs.supported) model.ssl2_ciphers = o.ssl2_ciphers;
    } else {
      vs.supported = accepted(o) && o.version == v;
    }
    if (!vs.supported) vs.refusal = refusal_text(o);
    if (model.peer.empty()) model.peer = o.peer;
    model.versions.push_back(vs);
  }
}

}  // namespace tlsd::checks
