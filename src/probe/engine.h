// The engine owns all concurrency (DESIGN.md §7): checks are coroutines that
// ask it for probes; it holds them to the per-host connection limit, retries
// transient failures once and counts connections.
#pragma once

#include <asio.hpp>
#include <deque>
#include <memory>
#include <optional>

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
  // After a suspected connection-rate limit: wait this long (plus up to half
  // again, at random, so parallel probes do not return together) and retry once.
  std::chrono::milliseconds rate_backoff{1000};
};

// A server that answered and then drops connection after connection, even a
// hello it answered before: a connection-rate limit, and results that may be
// incomplete. (A hello that alone is dropped, e.g. an old version, is not.)
struct RateLimitSigns {
  bool suspected = false;
  size_t answered_before = 0;  // connections the server answered before it began
  size_t retried = 0;          // probes retried after a back-off
  size_t lost = 0;             // ... and still dropped
};

class Engine {
 public:
  Engine(asio::io_context& io, EngineOptions options);

  // One probe, when a connection slot is free.
  asio::awaitable<ProbeResult> probe(const ProbeRequest& request);

  size_t connections() const { return connections_; }
  const RateLimitSigns& rate_limit() const { return rate_limit_; }

 private:
  asio::awaitable<ProbeResult> after_cut_off(const ProbeRequest& request, ProbeResult result);
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
  size_t answered_ = 0;
  int cut_off_streak_ = 0;
  std::optional<ProbeRequest> last_answered_;  // a hello the server did answer: the canary
  RateLimitSigns rate_limit_;
};

// One probe, start to end, on the caller's executor (no limits, no retries).
asio::awaitable<ProbeResult> probe_once(const ProbeRequest& request);

}  // namespace tlsd::probe
