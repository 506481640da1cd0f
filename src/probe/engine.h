// The engine owns all concurrency (DESIGN.md §7): checks are coroutines that
// ask it for probes; it holds them to the per-host connection limit, retries
// transient failures once and counts connections.
#pragma once

#include <asio.hpp>
#include <deque>
#include <memory>

#include "probe/probe.h"

namespace tlsd::probe {

struct EngineOptions {
  int max_connections = 8;  // per host, at once
  int retries = 1;          // for transient failures (reset/closed before any byte)
  std::chrono::milliseconds retry_delay{150};
  std::chrono::milliseconds pause{0};  // between probes (--slow)
  // Half-close each probe after its hello (ProbeRequest::half_close); turned
  // off for the rest of a scan when a server answers only without it.
  bool half_close = true;
};

class Engine {
 public:
  Engine(asio::io_context& io, EngineOptions options);

  // One probe, when a connection slot is free.
  asio::awaitable<ProbeResult> probe(const ProbeRequest& request);

  size_t connections() const { return connections_; }

 private:
  asio::awaitable<void> acquire(bool urgent);
  void release();
  asio::awaitable<ProbeResult> attempt(const ProbeRequest& request);
  asio::awaitable<void> sleep(std::chrono::milliseconds duration);

  asio::io_context& io_;
  EngineOptions options_;
  bool half_close_;
  int in_use_ = 0;
  std::deque<std::shared_ptr<asio::steady_timer>> waiters_, urgent_waiters_;
  size_t connections_ = 0;
};

// One probe, start to end, on the caller's executor (no limits, no retries).
asio::awaitable<ProbeResult> probe_once(const ProbeRequest& request);

}  // namespace tlsd::probe
