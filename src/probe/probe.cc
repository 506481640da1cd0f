#include "probe/probe.h"

#include <asio.hpp>
#include <memory>

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
  if (timed_out) return Error::transport("timeout", "no answer in time while " + where);
  if (ec == asio::error::connection_refused)
    return Error::transport("refused", "connection refused");
  if (ec == asio::error::connection_reset)
    return Error::transport("reset", "connection reset by peer while " + where);
  if (ec == asio::error::eof)
    return Error::transport("closed", "server closed the connection while " + where);
  if (ec == asio::error::host_not_found || ec == asio::error::host_not_found_try_again)
    return Error::transport("resolve", "host name does not resolve");
  if (ec == asio::error::network_unreachable || ec == asio::error::host_unreachable)
    return Error::transport("unreachable", "network unreachable");
  return Error::transport("io", ec.message() + " while " + where);
}

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
  const std::string& host = req.target.connect_ip.empty() ? req.target.host
                                                          : req.target.connect_ip;
  auto endpoints = co_await conn->resolver.async_resolve(
      host, std::to_string(req.target.port), tcp::resolver::numeric_service, redirect);
  if (ec || endpoints.empty())
    co_return finish(transport_error(ec ? ec : asio::error::host_not_found, result.stage,
                                     conn->timed_out));

  result.stage = Stage::connecting;
  tcp::endpoint peer = co_await asio::async_connect(conn->socket, endpoints, redirect);
  if (ec) co_return finish(transport_error(ec, result.stage, conn->timed_out));
  result.peer = peer.address().to_string() + ":" + std::to_string(peer.port());
  conn->socket.set_option(tcp::no_delay(true), ec);

  result.stage = Stage::sending;
  co_await asio::async_write(conn->socket, asio::buffer(req.hello), redirect);
  if (ec) co_return finish(transport_error(ec, result.stage, conn->timed_out));

  result.stage = Stage::awaiting_server_hello;
  wire::FlightReader reader;
  std::array<uint8_t, 16384> buf;
  while (!reader.complete()) {
    size_t n = co_await conn->socket.async_read_some(asio::buffer(buf), redirect);
    if (n > 0) {
      result.bytes_received += n;
      result.raw.insert(result.raw.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
      Status st = reader.feed(ByteView(buf.data(), n));
      if (reader.stage() == wire::FlightStage::reading_flight) result.stage = Stage::reading_flight;
      if (!st) {
        result.flight = std::move(reader).take();
        co_return finish(st.error());
      }
    }
    if (ec) {
      result.flight = std::move(reader).take();
      co_return finish(transport_error(ec, result.stage, conn->timed_out));
    }
  }
  result.stage = Stage::done;
  result.flight_complete = true;
  result.flight = std::move(reader).take();
  co_return finish(std::nullopt);
}

}  // namespace

std::string_view to_string(Stage stage) {
  switch (stage) {
    case Stage::resolving: return "resolving";
    case Stage::connecting: return "connecting";
    case Stage::sending: return "sending ClientHello";
    case Stage::awaiting_server_hello: return "awaiting ServerHello";
    case Stage::reading_flight: return "reading server flight";
    case Stage::done: return "done";
  }
  return "";
}

std::vector<ProbeResult> run_probes(const std::vector<ProbeRequest>& requests,
                                    const EngineOptions& options,
                                    const std::function<void(size_t, const ProbeResult&)>& on_result) {
  std::vector<ProbeResult> results(requests.size());
  asio::io_context io;
  size_t next = 0;
  // Workers pull the next request when their probe ends: concurrency never
  // exceeds the limit and no request waits behind a slow one.
  auto worker = [&]() -> asio::awaitable<void> {
    while (next < requests.size()) {
      size_t i = next++;
      results[i] = co_await probe_once(requests[i]);
      if (on_result) on_result(i, results[i]);
    }
  };
  int workers = std::max(1, std::min<int>(options.max_concurrency,
                                          static_cast<int>(requests.size())));
  for (int w = 0; w < workers; ++w) asio::co_spawn(io, worker(), asio::detached);
  io.run();
  return results;
}

ProbeResult run_probe(const ProbeRequest& request) {
  return std::move(run_probes({request}, EngineOptions{1}).front());
}

}  // namespace tlsd::probe
