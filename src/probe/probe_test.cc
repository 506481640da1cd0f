// The probe against loopback peers that answer badly on purpose: every probe
// must end, classified, within its deadline. (tests/peer does the same for
// the whole binary with many more behaviours.)
#include "probe/probe.h"

#include <gtest/gtest.h>

#include <asio.hpp>
#include <thread>

#include "probe/craft.h"
#include "probe/engine.h"
#include "wire/constants.h"
#include "wire/record.h"
#include "wire/writer.h"

namespace tlsd::probe {
namespace {

using asio::ip::tcp;

// Accepts one connection, reads the hello, then plays `script`.
class OneShotPeer {
 public:
  explicit OneShotPeer(std::function<void(tcp::socket&)> script)
      : acceptor_(io_, tcp::endpoint(asio::ip::address_v4::loopback(), 0)) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this, script] {
      std::error_code ec;
      tcp::socket s = acceptor_.accept(ec);
      if (ec) return;
      std::array<uint8_t, 4096> buf;
      s.read_some(asio::buffer(buf), ec);
      script(s);
    });
  }
  ~OneShotPeer() {
    std::error_code ec;
    acceptor_.close(ec);
    thread_.join();
  }
  uint16_t port() const { return port_; }

 private:
  asio::io_context io_;
  tcp::acceptor acceptor_;
  uint16_t port_;
  std::thread thread_;
};

ProbeRequest request_for(uint16_t port, std::chrono::milliseconds timeout) {
  ProbeRequest req;
  req.target.host = "127.0.0.1";
  req.target.port = port;
  CraftOptions opts;
  opts.version = wire::kTls12;
  req.hello = craft_hello(opts).value().bytes;
  req.timeout = timeout;
  return req;
}

TEST(Probe, FatalAlert) {
  OneShotPeer peer([](tcp::socket& s) {
    asio::write(s, asio::buffer(wire::encode_records(wire::kAlert, wire::kTls12, Bytes{2, 40})));
  });
  ProbeResult r = run_probe(request_for(peer.port(), std::chrono::seconds(5)));
  EXPECT_FALSE(r.error) << r.error->message;
  ASSERT_TRUE(r.flight_complete);
  ASSERT_EQ(r.flight.alerts.size(), 1u);
  EXPECT_EQ(r.flight.alerts[0].description, 40);
}

TEST(Probe, StallEndsAtDeadline) {
  OneShotPeer peer([](tcp::socket&) { std::this_thread::sleep_for(std::chrono::seconds(2)); });
  auto start = std::chrono::steady_clock::now();
  ProbeResult r = run_probe(request_for(peer.port(), std::chrono::milliseconds(300)));
  auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->code, TransportCode::timeout);
  EXPECT_EQ(r.stage, Stage::awaiting_server_hello);
  EXPECT_LT(took, std::chrono::seconds(2));  // bounded by the deadline, not the peer
}

TEST(Probe, ClosedWithoutAnswer) {
  OneShotPeer peer([](tcp::socket& s) { s.close(); });
  ProbeResult r = run_probe(request_for(peer.port(), std::chrono::seconds(5)));
  ASSERT_TRUE(r.error);
  EXPECT_TRUE(r.error->code == TransportCode::closed || r.error->code == TransportCode::reset)
      << r.error->code.name();
}

TEST(Probe, GarbageIsNotTls) {
  OneShotPeer peer([](tcp::socket& s) {
    std::string http = "HTTP/1.1 400 Bad Request\r\n\r\n";
    asio::write(s, asio::buffer(http));
  });
  ProbeResult r = run_probe(request_for(peer.port(), std::chrono::seconds(5)));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->code, ProtocolCode::not_tls);
  EXPECT_EQ(r.error->layer, ErrorLayer::protocol);
}

// A HelloRetryRequest for secp384r1 (RFC 8446 §4.1.4), as one record.
Bytes hello_retry_request() {
  const uint8_t hrr_random[32] = {0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c,
                                  0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb,
                                  0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};
  wire::Writer w;
  w.u8(wire::kServerHello);
  w.prefixed(3, [&](wire::Writer& m) {
    m.u16(0x0303);
    m.bytes(ByteView(hrr_random, 32));
    m.u8(0);
    m.u16(0x1301);
    m.u8(0);
    m.prefixed(2, [](wire::Writer& e) {
      e.u16(0x002b);
      e.prefixed(2, [](wire::Writer& b) { b.u16(0x0304); });
      e.u16(0x0033);
      e.prefixed(2, [](wire::Writer& b) { b.u16(0x0018); });
    });
  });
  return wire::encode_records(wire::kHandshake, wire::kTls12, std::move(w).finish().value());
}

TEST(Probe, FollowsAHelloRetryRequest) {
  std::atomic<size_t> second_hello_bytes{0};
  OneShotPeer peer([&](tcp::socket& s) {
    asio::write(s, asio::buffer(hello_retry_request()));
    // RFC 8446 D.4: a compatibility ChangeCipherSpec may follow the HRR.
    asio::write(
        s, asio::buffer(wire::encode_records(wire::kChangeCipherSpec, wire::kTls12, Bytes{1})));
    std::array<uint8_t, 4096> buf;
    std::error_code ec;
    second_hello_bytes = s.read_some(asio::buffer(buf), ec);
    asio::write(s, asio::buffer(wire::encode_records(wire::kAlert, wire::kTls12, Bytes{2, 40})),
                ec);
  });
  ProbeRequest req = request_for(peer.port(), std::chrono::seconds(5));
  bool asked = false;
  req.retry_hello = [&](const wire::ServerHello& hrr) -> Result<Bytes> {
    asked = true;
    EXPECT_EQ(hrr.extensions.hrr_selected_group, 0x0018);
    return wire::encode_records(wire::kHandshake, wire::kTls10, Bytes{1, 0, 0, 0});
  };
  ProbeResult r = run_probe(req);
  EXPECT_TRUE(asked);
  ASSERT_TRUE(r.hello_retry);
  EXPECT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.flight.alerts.size(), 1u);  // the answer to the second hello
  EXPECT_EQ(second_hello_bytes.load(), 9u);
}

TEST(Probe, RefusedPort) {
  uint16_t port;
  {
    asio::io_context io;
    tcp::acceptor a(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
    port = a.local_endpoint().port();
  }  // closed again: nothing listens there now
  ProbeResult r = run_probe(request_for(port, std::chrono::seconds(5)));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->code, TransportCode::refused);
  EXPECT_EQ(r.stage, Stage::connecting);
}

TEST(Probe, ManyConcurrentProbesKeepOrder) {
  std::vector<ProbeRequest> reqs;
  uint16_t port;
  {
    asio::io_context io;
    tcp::acceptor a(io, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
    port = a.local_endpoint().port();
  }
  for (int i = 0; i < 20; ++i) reqs.push_back(request_for(port, std::chrono::seconds(2)));
  size_t seen = 0;
  auto results = run_probes(reqs, 4, [&](size_t, const ProbeResult&) { ++seen; });
  EXPECT_EQ(results.size(), 20u);
  EXPECT_EQ(seen, 20u);
  for (const ProbeResult& r : results) EXPECT_EQ(r.error->code, TransportCode::refused);
}

// Counts how many connections are open at once, answering each with an alert
// after a short hold; closes the first `drop_first` connections at once.
class CountingPeer {
 public:
  explicit CountingPeer(int expected, int drop_first = 0)
      : acceptor_(io_, tcp::endpoint(asio::ip::address_v4::loopback(), 0)) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this, expected, drop_first] {
      std::vector<std::thread> conns;
      for (int i = 0; i < expected; ++i) {
        std::error_code ec;
        auto s = std::make_shared<tcp::socket>(acceptor_.accept(ec));
        if (ec) break;
        if (i < drop_first) {
          s->close();
          continue;
        }
        conns.emplace_back([this, s] {
          int now = ++open_;
          int seen = peak_.load();
          while (now > seen && !peak_.compare_exchange_weak(seen, now)) {
          }
          std::array<uint8_t, 4096> buf;
          std::error_code rec;
          s->read_some(asio::buffer(buf), rec);
          std::this_thread::sleep_for(std::chrono::milliseconds(40));
          --open_;
          asio::write(*s,
                      asio::buffer(wire::encode_records(wire::kAlert, wire::kTls12, Bytes{2, 40})),
                      rec);
        });
      }
      for (auto& t : conns) t.join();
    });
  }
  ~CountingPeer() { thread_.join(); }
  uint16_t port() const { return port_; }
  int peak() const { return peak_; }

 private:
  asio::io_context io_;
  tcp::acceptor acceptor_;
  uint16_t port_;
  std::atomic<int> open_{0}, peak_{0};
  std::thread thread_;
};

TEST(Engine, HoldsTheConnectionLimit) {
  CountingPeer peer(12);
  asio::io_context io;
  Engine engine(io, EngineOptions{3});
  int alerts = 0;
  for (int i = 0; i < 12; ++i)
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          ProbeResult r = co_await engine.probe(request_for(peer.port(), std::chrono::seconds(5)));
          if (!r.flight.alerts.empty()) ++alerts;
        },
        asio::detached);
  io.run();
  EXPECT_EQ(alerts, 12);
  EXPECT_EQ(engine.connections(), 12u);
  EXPECT_LE(peer.peak(), 3);
  EXPECT_GE(peer.peak(), 2);  // and it did run them concurrently
}

TEST(Engine, RetriesATransientClose) {
  CountingPeer peer(2, /*drop_first=*/1);
  asio::io_context io;
  Engine engine(io, EngineOptions{1, 1, std::chrono::milliseconds(10)});
  ProbeResult result;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        result = co_await engine.probe(request_for(peer.port(), std::chrono::seconds(5)));
      },
      asio::detached);
  io.run();
  EXPECT_FALSE(result.error) << result.error->message;
  EXPECT_EQ(result.flight.alerts.size(), 1u);
  EXPECT_EQ(engine.connections(), 2u);
}

}  // namespace
}  // namespace tlsd::probe
