// The client_auth check: one complete handshake per version (TLS 1.3, TLS
// 1.2, or the best older one) through OpenSSL, with an empty Certificate.
// The blocking probe runs on a thread of its own; the engine keeps going.
#include <future>

#include "checks/checks.h"
#include "checks/client_auth.h"
#include "wire/constants.h"

namespace tlsd::checks {
namespace {

template <class T>
asio::awaitable<T> off_the_engine(std::future<T> job) {
  asio::steady_timer tick(co_await asio::this_coro::executor);
  while (job.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    tick.expires_after(std::chrono::milliseconds(20));
    co_await tick.async_wait(asio::use_awaitable);
  }
  co_return job.get();
}

}  // namespace

asio::awaitable<void> check_client_auth(ScanContext& ctx, ServerModel& model) {
  if (!ctx.options().certificates) co_return;  // --no-cert: no full handshakes
  std::vector<uint16_t> versions;
  for (uint16_t v : {wire::kTls13, wire::kTls12})
    if (model.supports(v)) versions.push_back(v);
  if (versions.empty())
    if (std::optional<uint16_t> best = model.max_version(); best && *best >= wire::kTls10)
      versions.push_back(*best);
  for (uint16_t v : versions) {
    probe::ClientAuthProbeOptions o;
    o.timeout = ctx.options().timeout;
    o.version = v;
    const probe::Target& target = ctx.options().target;
    probe::ClientAuthProbeResult r = co_await off_the_engine(std::async(
        std::launch::async, [&target, o] { return probe::probe_client_auth(target, o); }));
    model.client_auth.push_back(decide_client_auth(v, r));
  }
}

}  // namespace tlsd::checks
