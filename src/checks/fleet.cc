#include "checks/fleet.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

namespace tlsd::checks {

std::vector<ServerModel> scan_fleet(const std::vector<ScanOptions>& jobs, size_t parallel,
                                    const FleetCallbacks& callbacks) {
  std::mutex mu;
  std::vector<ServerModel> results(jobs.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < jobs.size();) {
      ServerModel m;
      // One target's failure is its own result line; a thread that threw
      // would end the whole run (std::terminate), and a fleet never stops partway.
      try {
        m = scan(jobs[i], [&, i](std::string_view step) {
          if (!callbacks.progress) return;
          std::lock_guard lock(mu);
          callbacks.progress(i, step);
        });
      } catch (const std::exception& e) {
        m = ServerModel{};
        m.target = jobs[i].target.display();
        m.sni = jobs[i].target.sni;
        m.route = jobs[i].target.route;
        m.error = Error::internal(std::string("scan aborted: ") + e.what());
      }
      std::lock_guard lock(mu);
      results[i] = std::move(m);
      if (callbacks.done) callbacks.done(i, results[i]);
    }
  };
  size_t threads = std::min(jobs.size(), parallel);
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  return results;
}

}  // namespace tlsd::checks
