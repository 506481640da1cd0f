// Both drivers over real loopback sockets: the probe engine's (async) and the
// blocking one under OpenSSL's full handshake, each through an in-process
// SMTP STARTTLS responder and an HTTP CONNECT proxy that relays to an
// in-process OpenSSL server. No mocks: real sockets, real TLS.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <thread>

#include "probe/craft.h"
#include "probe/full_handshake.h"
#include "probe/https_get.h"
#include "probe/probe.h"
#include "wire/constants.h"

namespace tlsd::probe {
namespace {

using namespace std::chrono_literals;

void send_text(int fd, std::string_view text) {
  (void)!send(fd, text.data(), text.size(), MSG_NOSIGNAL);
}

// Byte by byte, so that nothing after the line is taken from the socket.
std::string read_line(int fd) {
  std::string line;
  char c;
  while (line.size() < 8192 && recv(fd, &c, 1, 0) == 1) {
    line += c;
    if (c == '\n') break;
  }
  return line;
}

// Accepts loopback connections on its own thread, one after the other,
// until destroyed; `serve` runs each and the socket is closed after it.
class Peer {
 public:
  explicit Peer(std::function<void(int)> serve) : serve_(std::move(serve)) {
    listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (bind(listener_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        listen(listener_, 8) != 0 ||
        getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      ADD_FAILURE() << "cannot listen on loopback";
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~Peer() {
    stop_ = true;
    thread_.join();
    close(listener_);
  }
  uint16_t port() const { return port_; }

 private:
  void run() {
    while (!stop_) {
      pollfd p{listener_, POLLIN, 0};
      if (poll(&p, 1, 20) != 1) continue;
      int fd = accept(listener_, nullptr, nullptr);
      if (fd < 0) continue;
      timeval five{5, 0};  // a peer never outwaits the test
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &five, sizeof five);
      setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &five, sizeof five);
      serve_(fd);
      close(fd);
    }
  }

  std::function<void(int)> serve_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// An OpenSSL server context with a fresh self-signed P-256 certificate.
std::shared_ptr<SSL_CTX> server_context() {
  std::shared_ptr<SSL_CTX> ctx(SSL_CTX_new(TLS_server_method()), SSL_CTX_free);
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509_sign(cert, key, EVP_sha256());
  EXPECT_EQ(SSL_CTX_use_certificate(ctx.get(), cert), 1);
  EXPECT_EQ(SSL_CTX_use_PrivateKey(ctx.get(), key), 1);
  X509_free(cert);
  EVP_PKEY_free(key);
  return ctx;
}

// The TLS server's side of one connection: handshake, answer an HTTP GET
// if one comes, then wait for the client's end.
void serve_tls(SSL_CTX* ctx, int fd) {
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  if (SSL_accept(ssl) == 1) {
    char buf[1024];
    int n = SSL_read(ssl, buf, sizeof buf);
    if (n > 0 && std::string_view(buf, static_cast<size_t>(n)).starts_with("GET ")) {
      std::string_view ok = "HTTP/1.1 200 OK\r\nServer: loopback\r\n\r\n";
      SSL_write(ssl, ok.data(), static_cast<int>(ok.size()));
    }
    SSL_shutdown(ssl);
  }
  SSL_free(ssl);
}

// The server's certificate as a PEM file, for a client that verifies.
std::string write_ca_file(SSL_CTX* ctx) {
  std::string path = testing::TempDir() + "dialog_route_ca_" + std::to_string(getpid()) + ".pem";
  FILE* f = std::fopen(path.c_str(), "w");
  EXPECT_TRUE(f && PEM_write_X509(f, SSL_CTX_get0_certificate(ctx)) == 1);
  if (f) std::fclose(f);
  return path;
}

// An SMTP server's side up to STARTTLS (RFC 3207 §5's example, shortened).
bool serve_smtp_front(int fd, bool offer_starttls) {
  send_text(fd, "220-loopback ESMTP test\r\n220 ready\r\n");
  if (!read_line(fd).starts_with("EHLO ")) return false;
  if (!offer_starttls) {
    send_text(fd, "250-loopback\r\n250 SIZE 1000\r\n");
    read_line(fd);
    return false;
  }
  send_text(fd, "250-loopback\r\n250-PIPELINING\r\n250 STARTTLS\r\n");
  if (read_line(fd) != "STARTTLS\r\n") return false;
  send_text(fd, "220 2.0.0 go ahead\r\n");
  return true;
}

// Copies bytes both ways until one side ends.
void relay(int a, int b) {
  char buf[4096];
  while (true) {
    pollfd p[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
    if (poll(p, 2, 5000) <= 0) return;
    for (int i = 0; i < 2; ++i) {
      if (!p[i].revents) continue;
      ssize_t n = recv(p[i].fd, buf, sizeof buf, 0);
      if (n <= 0) return;
      send(p[1 - i].fd, buf, static_cast<size_t>(n), MSG_NOSIGNAL);
    }
  }
}

// An HTTP CONNECT proxy for loopback targets; with `basic` set, it asks
// for those credentials first (407).
void serve_proxy(int fd, const std::string& basic) {
  std::string head;
  while (!head.ends_with("\r\n\r\n") && head.size() < 8192) {
    std::string line = read_line(fd);
    if (line.empty()) return;
    head += line;
  }
  if (!head.starts_with("CONNECT 127.0.0.1:")) return send_text(fd, "HTTP/1.1 400 Bad\r\n\r\n");
  if (!basic.empty() &&
      head.find("\r\nProxy-Authorization: Basic " + basic + "\r\n") == std::string::npos)
    return send_text(fd,
                     "HTTP/1.1 407 Proxy Authentication Required\r\n"
                     "Proxy-Authenticate: Basic realm=\"loopback\"\r\nContent-Length: 0\r\n\r\n");
  int up = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(std::stoi(head.substr(18))));
  if (connect(up, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    send_text(fd, "HTTP/1.1 200 Connection established\r\n\r\n");
    relay(fd, up);
  } else {
    send_text(fd, "HTTP/1.1 502 Bad Gateway\r\n\r\n");
  }
  close(up);
}

struct Lab {
  std::shared_ptr<SSL_CTX> ctx = server_context();
  Peer tls{[this](int fd) { serve_tls(ctx.get(), fd); }};
  Peer smtp{[this](int fd) {
    if (serve_smtp_front(fd, true)) serve_tls(ctx.get(), fd);
  }};
  Peer smtp_without_starttls{[](int fd) { serve_smtp_front(fd, false); }};
  Peer proxy{[](int fd) { serve_proxy(fd, ""); }};
  Peer proxy_with_auth{[](int fd) { serve_proxy(fd, "dXNlcjpwYXNz"); }};  // user:pass
};

Target target(uint16_t port, std::vector<DialogSpec> dialogs, const Peer* via = nullptr) {
  Target t;
  t.host = "127.0.0.1";
  t.port = port;
  t.route.dialogs = std::move(dialogs);
  if (via) t.route.via = Endpoint{"127.0.0.1", via->port()};
  return t;
}

ProbeResult probe(const Target& t, std::chrono::milliseconds timeout = 5s) {
  ProbeRequest req;
  req.target = t;
  CraftOptions opts;
  opts.version = wire::kTls12;
  req.hello = craft_hello(opts).value().bytes;
  req.timeout = timeout;
  return run_probe(req);
}

FullHandshakeResult handshake(const Target& t, std::chrono::milliseconds timeout = 5s) {
  return full_handshake(t, FullHandshakeOptions{.timeout = timeout});
}

// Both drivers reach TLS through `t`: the engine's probe gets the server's
// whole first flight, OpenSSL completes a handshake.
void expect_tls_through(const Target& t) {
  ProbeResult p = probe(t);
  EXPECT_FALSE(p.error) << p.error->message;
  EXPECT_TRUE(p.flight_complete);
  EXPECT_TRUE(p.flight.server_hello);
  EXPECT_EQ(p.stage, Stage::done);
  FullHandshakeResult h = handshake(t);
  EXPECT_FALSE(h.error) << h.error->message;
  EXPECT_NE(h.version, 0);
  EXPECT_EQ(h.chain.size(), 1u);
}

void expect_dialog_error(const Target& t, std::string_view code, std::string_view words) {
  ProbeResult p = probe(t);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->code.name(), code) << p.error->message;
  EXPECT_NE(p.error->message.find(words), std::string::npos) << p.error->message;
  EXPECT_EQ(p.stage, Stage::dialog);
  FullHandshakeResult h = handshake(t);
  ASSERT_TRUE(h.error);
  EXPECT_EQ(h.error->code.name(), code) << h.error->message;
  EXPECT_EQ(h.error->message, p.error->message);  // one dialog, one message, either driver
}

TEST(DialogRoute, EmptyRouteIsADirectConnection) {
  Lab lab;
  expect_tls_through(target(lab.tls.port(), {}));
}

TEST(DialogRoute, SmtpStarttls) {
  Lab lab;
  expect_tls_through(target(lab.smtp.port(), {{DialogId::smtp_starttls, ""}}));
}

TEST(DialogRoute, HttpConnectProxy) {
  Lab lab;
  expect_tls_through(target(lab.tls.port(), {{DialogId::http_connect, ""}}, &lab.proxy));
}

TEST(DialogRoute, ProxyThenStarttls) {
  Lab lab;
  expect_tls_through(target(
      lab.smtp.port(), {{DialogId::http_connect, ""}, {DialogId::smtp_starttls, ""}}, &lab.proxy));
}

// `get`'s path (OpenSSL, verifying trust and name) through the same seam.
TEST(DialogRoute, HttpsGetThroughProxyAndStarttls) {
  Lab lab;
  Target t = target(lab.smtp.port(), {{DialogId::http_connect, ""}, {DialogId::smtp_starttls, ""}},
                    &lab.proxy);
  t.sni = "localhost";
  std::string ca = write_ca_file(lab.ctx.get());
  HttpsGetResult r = https_get(t, HttpsGetOptions{.timeout = 5s, .ca_file = ca});
  std::remove(ca.c_str());
  EXPECT_FALSE(r.error) << r.stage << ": " << r.error->message;
  EXPECT_EQ(r.verify_error, "");
  EXPECT_EQ(r.status_line, "HTTP/1.1 200 OK");
}

TEST(DialogRoute, ProxyCredentials) {
  Lab lab;
  expect_dialog_error(target(lab.tls.port(), {{DialogId::http_connect, ""}}, &lab.proxy_with_auth),
                      "proxy_auth_required", "Basic realm=\"loopback\"");
  expect_tls_through(
      target(lab.tls.port(), {{DialogId::http_connect, "user:pass"}}, &lab.proxy_with_auth));
}

TEST(DialogRoute, NoStarttlsOnOffer) {
  Lab lab;
  expect_dialog_error(target(lab.smtp_without_starttls.port(), {{DialogId::smtp_starttls, ""}}),
                      "starttls_unsupported", "250 SIZE 1000");
}

// A port that speaks TLS at once waits for our hello while we wait for a
// greeting: both drivers end at their deadline and say what they waited for.
TEST(DialogRoute, ImplicitTlsPortTimesOutNamingTheGreeting) {
  Lab lab;
  Target t = target(lab.tls.port(), {{DialogId::smtp_starttls, ""}});
  auto start = std::chrono::steady_clock::now();
  ProbeResult p = probe(t, 300ms);
  FullHandshakeResult h = handshake(t, 300ms);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  ASSERT_TRUE(p.error && h.error);
  EXPECT_EQ(p.error->code.name(), "timeout");
  EXPECT_TRUE(
      p.error->message.starts_with("no answer in time while waiting for the SMTP greeting"));
  EXPECT_NE(p.error->message.find("may speak implicit TLS on this port"), std::string::npos);
  EXPECT_EQ(h.error->message, p.error->message);
}

}  // namespace
}  // namespace tlsd::probe
