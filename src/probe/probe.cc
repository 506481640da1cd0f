#include "probe/probe.h"

#include <asio.hpp>
#include <memory>
#include <random>

#include "probe/dialog_async.h"
#include "probe/dialog_registry.h"
#include "probe/engine.h"
#include "probe/greeting_sniff.h"

namespace tlsd::probe {
namespace {

using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Shared with the deadline's handler, which may run after the coroutine ends.
struct Connection {
  explicit Connection(asio::any_io_executor ex) : socket(ex), resolver(ex), deadline(ex) {}
  tcp::socket socket;
  tcp::resolver resolver;
  asio::steady_timer deadline;
  bool timed_out = false;
};

Error transport_error(const std::error_code& ec, Stage stage, bool timed_out) {
  std::string where(to_string(stage));
  if (timed_out)
    return Error::transport(TransportCode::timeout, "no answer in time while " + where);
  if (ec == asio::error::connection_refused)
    return Error::transport(TransportCode::refused, "connection refused");
  if (ec == asio::error::connection_reset)
    return Error::transport(TransportCode::reset, "connection reset by peer while " + where);
  if (ec == asio::error::eof)
    return Error::transport(TransportCode::closed, "server closed the connection while " + where);
  if (ec == asio::error::host_not_found || ec == asio::error::host_not_found_try_again)
    return Error::transport(TransportCode::resolve, "host name does not resolve");
  if (ec == asio::error::network_unreachable || ec == asio::error::host_unreachable)
    return Error::transport(TransportCode::unreachable, "network unreachable");
  return Error::transport(TransportCode::io, ec.message() + " while " + where);
}

}  // namespace

asio::awaitable<ProbeResult> probe_once(const ProbeRequest& req) {
  auto ex = co_await asio::this_coro::executor;
  auto conn = std::make_shared<Connection>(ex);
  ProbeResult result;
  Clock::time_point start = Clock::now();
  std::error_code ec;

  conn->deadline.expires_after(req.timeout);
  conn->deadline.async_wait([conn](std::error_code wait_ec) {
    if (wait_ec) return;  // cancelled: the probe finished in time
    conn->timed_out = true;
    conn->resolver.cancel();
    std::error_code ignored;
    conn->socket.close(ignored);
  });

  auto finish = [&](std::optional<Error> error) {
    result.error = std::move(error);
    result.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
    conn->deadline.cancel();
    std::error_code ignored;
    conn->socket.close(ignored);
    return std::move(result);
  };
  auto redirect = asio::redirect_error(asio::use_awaitable, ec);

  result.stage = Stage::resolving;
  Endpoint hop = first_hop(req.target);
  auto endpoints = co_await conn->resolver.async_resolve(hop.host, std::to_string(hop.port),
                                                         tcp::resolver::numeric_service, redirect);
  if (ec || endpoints.empty())
    co_return finish(
        transport_error(ec ? ec : asio::error::host_not_found, result.stage, conn->timed_out));

  result.stage = Stage::connecting;
  tcp::endpoint peer = co_await asio::async_connect(conn->socket, endpoints, redirect);
  if (ec) co_return finish(transport_error(ec, result.stage, conn->timed_out));
  result.peer = peer.address().to_string() + ":" + std::to_string(peer.port());
  conn->socket.set_option(tcp::no_delay(true), ec);

  if (std::unique_ptr<Dialog> dialog = make_route_dialog(req.target)) {
    result.stage = Stage::dialog;
    if (auto failed = co_await run_dialog_async(conn->socket, *dialog, conn->timed_out))
      co_return finish(std::move(*failed));
  }

  result.stage = Stage::sending;
  co_await asio::async_write(conn->socket, asio::buffer(req.hello), redirect);
  if (ec) co_return finish(transport_error(ec, result.stage, conn->timed_out));
  // Not when a second hello may follow (HelloRetryRequest).
  if (req.half_close && !req.retry_hello) conn->socket.shutdown(tcp::socket::shutdown_send, ec);

  result.stage = Stage::awaiting_server_hello;
  std::array<uint8_t, 16384> buf;
  // Reads until `reader` has a complete flight; nullopt when it has.
  auto read_flight = [&](wire::FlightReader& reader) -> asio::awaitable<std::optional<Error>> {
    while (!reader.complete()) {
      size_t n = co_await conn->socket.async_read_some(asio::buffer(buf), redirect);
      if (n > 0) {
        result.bytes_received += n;
        result.raw.insert(result.raw.end(), buf.begin(),
                          buf.begin() + static_cast<std::ptrdiff_t>(n));
        Status st = reader.feed(ByteView(buf.data(), n));
        if (reader.stage() == wire::FlightStage::reading_flight)
          result.stage = Stage::reading_flight;
        if (!st) co_return st.error();
      }
      if (ec) co_return transport_error(ec, result.stage, conn->timed_out);
    }
    co_return std::nullopt;
  };

  wire::FlightReader reader;
  std::optional<Error> failure = co_await read_flight(reader);
  const auto& hello = reader.flight().server_hello;
  if (!failure && req.retry_hello && hello && hello->is_hello_retry_request) {
    result.hello_retry = *hello;
    auto second = req.retry_hello(*hello);
    if (!second) {
      result.flight = std::move(reader).take();
      co_return finish(second.error());
    }
    Bytes leftover(reader.unconsumed().begin(), reader.unconsumed().end());
    result.stage = Stage::sending;
    co_await asio::async_write(conn->socket, asio::buffer(*second), redirect);
    if (ec) co_return finish(transport_error(ec, result.stage, conn->timed_out));
    result.stage = Stage::awaiting_server_hello;
    wire::FlightReader again(/*after_hello_retry=*/true);
    Status st = again.feed(leftover);
    if (st) {  // not a ?: with co_await inside: GCC 12 evaluates both arms
      failure = co_await read_flight(again);
    } else {
      failure = st.error();
    }
    reader = std::move(again);
  }
  // A greeting where TLS was expected: say which protocol, and how to speak it.
  if (failure && failure->code == ProtocolCode::not_tls)
    if (auto greeting = plaintext_greeting_message(result.raw)) failure->message = *greeting;
  result.flight_complete = !failure;
  if (!failure) result.stage = Stage::done;
  result.flight = std::move(reader).take();
  co_return finish(std::move(failure));
}

namespace {

// Worth one more try: the connection died before the server said anything,
// which a loaded server or a SYN-flood guard does now and then.
bool transient(const ProbeResult& r) {
  return r.error && r.bytes_received == 0 && r.stage != Stage::connecting &&
         (r.error->code == TransportCode::reset || r.error->code == TransportCode::closed);
}

// Dropped before a byte came back: reset, closed, or refused outright.
bool cut_off(const ProbeResult& r) {
  return r.error && r.bytes_received == 0 &&
         (r.error->code == TransportCode::reset || r.error->code == TransportCode::closed ||
          r.error->code == TransportCode::refused);
}

std::chrono::milliseconds with_jitter(std::chrono::milliseconds base) {
  static thread_local std::minstd_rand rng{std::random_device{}()};
  return base + std::chrono::milliseconds(
                    std::uniform_int_distribution<int64_t>(0, base.count() / 2)(rng));
}

constexpr int kCutOffStreak = 3;  // drops in a row before the canary is asked

}  // namespace

Engine::Engine(asio::io_context& io, EngineOptions options)
    : io_(io), options_(options), half_close_(options.half_close) {
  if (options_.max_connections < 1) options_.max_connections = 1;
}

asio::awaitable<void> Engine::acquire(bool urgent) {
  while (in_use_ >= options_.max_connections) {
    auto timer = std::make_shared<asio::steady_timer>(io_, asio::steady_timer::time_point::max());
    (urgent ? urgent_waiters_ : waiters_).push_back(timer);
    std::error_code ec;
    co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  ++in_use_;
}

void Engine::release() {
  --in_use_;
  auto& queue = urgent_waiters_.empty() ? waiters_ : urgent_waiters_;
  if (!queue.empty()) {
    queue.front()->cancel();  // wakes the oldest waiter, urgent ones first
    queue.pop_front();
  }
}

asio::awaitable<ProbeResult> Engine::attempt(const ProbeRequest& request) {
  co_await acquire(request.urgent);
  if (options_.pause.count() > 0) co_await sleep(options_.pause);
  ProbeResult result = co_await probe_once(request);
  if (result.stage != Stage::resolving) ++connections_;
  release();
  co_return result;
}

asio::awaitable<void> Engine::sleep(std::chrono::milliseconds duration) {
  asio::steady_timer timer(io_, duration);
  std::error_code ec;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<ProbeResult> Engine::probe(const ProbeRequest& original) {
  ProbeRequest request = original;
  request.half_close = half_close_;
  ProbeResult result = co_await attempt(request);
  for (int retry = 0; retry < options_.retries && transient(result); ++retry) {
    bool was_half_closed = request.half_close;
    if (was_half_closed) {
      request.half_close = false;  // perhaps our early end looked like an abort
    } else {
      co_await sleep(options_.retry_delay);
    }
    result = co_await attempt(request);
    if (was_half_closed && !transient(result)) half_close_ = false;  // this server needs it
  }
  if (result.bytes_received > 0) {
    ++answered_;
    cut_off_streak_ = 0;
    if (!last_answered_) last_answered_ = request;
    co_return result;
  }
  if (!cut_off(result) || !last_answered_) co_return result;
  co_return co_await after_cut_off(request, std::move(result));
}

// The server answered before and now drops this one. A few drops in a row
// ask the canary (a hello it answered) after a back-off: dropped too, it is
// the connection rate, not the hello; then every drop is retried once.
asio::awaitable<ProbeResult> Engine::after_cut_off(const ProbeRequest& request,
                                                   ProbeResult result) {
  if (!rate_limit_.suspected) {
    if (++cut_off_streak_ < kCutOffStreak) co_return result;
    co_await sleep(with_jitter(options_.rate_backoff));
    if (!rate_limit_.suspected) {  // (another probe may have found out meanwhile)
      // Plain statements around co_await: GCC 12 miscompiles it in
      // conditions and initializers (see DESIGN.md §7).
      ProbeResult canary = co_await attempt(*last_answered_);
      bool canary_dropped = cut_off(canary);
      if (!canary_dropped) {
        cut_off_streak_ = 0;  // the canary passes: it is these hellos, not the rate
        co_return result;
      }
      rate_limit_.suspected = true;
      rate_limit_.answered_before = answered_;
    }
  }
  ++rate_limit_.retried;
  co_await sleep(with_jitter(options_.rate_backoff));
  ProbeResult again = co_await attempt(request);
  if (cut_off(again)) {
    ++rate_limit_.lost;
    co_return result;
  }
  ++answered_;
  co_return again;
}

std::string_view to_string(Stage stage) {
  switch (stage) {
    case Stage::resolving:
      return "resolving";
    case Stage::connecting:
      return "connecting";
    case Stage::dialog:
      return "in the dialog before TLS";
    case Stage::sending:
      return "sending ClientHello";
    case Stage::awaiting_server_hello:
      return "awaiting ServerHello";
    case Stage::reading_flight:
      return "reading server flight";
    case Stage::done:
      return "done";
  }
  return "";
}

std::vector<ProbeResult> run_probes(
    const std::vector<ProbeRequest>& requests, int max_connections,
    const std::function<void(size_t, const ProbeResult&)>& on_result) {
  std::vector<ProbeResult> results(requests.size());
  asio::io_context io;
  // Plain client behaviour: no retries, no half-close (what `hello` shows is what a client sees).
  Engine engine(
      io, EngineOptions{.max_connections = max_connections, .retries = 0, .half_close = false});
  for (size_t i = 0; i < requests.size(); ++i)
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          results[i] = co_await engine.probe(requests[i]);
          if (on_result) on_result(i, results[i]);
        },
        asio::detached);
  io.run();
  return results;
}

ProbeResult run_probe(const ProbeRequest& request) {
  return std::move(run_probes({request}, 1).front());
}

}  // namespace tlsd::probe
