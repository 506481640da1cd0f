#include "checks/scan_context.h"

namespace tlsd::checks {

asio::awaitable<probe::Observation> ScanContext::hello(probe::CraftOptions opts, bool on_chain) {
  if (!opts.sni_override) opts.sni = options_.target.sni;
  auto crafted = probe::craft_hello(opts);
  if (!crafted) {
    probe::Observation failed;
    failed.error = crafted.error();
    co_return failed;
  }
  probe::ProbeRequest req{options_.target, std::move(crafted->bytes), options_.timeout};
  req.urgent = on_chain;
  probe::ProbeResult result = co_await engine_.probe(req);
  co_return probe::observe(result, crafted->offer);
}

}  // namespace tlsd::checks
