#include "cli/demo_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace tlsd::cli {
namespace {

SSL_CTX* as_ctx(void* p) { return static_cast<SSL_CTX*>(p); }

// A self-signed RSA-2048 certificate for `host`, valid for a day; `pem`
// receives it, so a client can be told to trust it.
bool make_identity(SSL_CTX* ctx, const std::string& host, std::string& pem) {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  X509* cert = X509_new();
  bool ok = key && cert;
  if (ok) {
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(host.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    std::string san = "DNS:" + host + ",DNS:localhost,IP:127.0.0.1";
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, san.c_str());
    ok = ext && X509_add_ext(cert, ext, -1) == 1 && X509_sign(cert, key, EVP_sha256()) > 0 &&
         SSL_CTX_use_certificate(ctx, cert) == 1 && SSL_CTX_use_PrivateKey(ctx, key) == 1;
    X509_EXTENSION_free(ext);
    BIO* bio = BIO_new(BIO_s_mem());
    char* data = nullptr;
    ok = ok && bio && PEM_write_bio_X509(bio, cert) == 1;
    long size = ok ? BIO_get_mem_data(bio, &data) : 0;
    if (size > 0) pem.assign(data, static_cast<size_t>(size));
    BIO_free(bio);
  }
  X509_free(cert);
  EVP_PKEY_free(key);
  return ok;
}

}  // namespace

Result<std::unique_ptr<DemoServer>> DemoServer::start(const DemoServerConfig& config) {
  std::unique_ptr<DemoServer> s(new DemoServer());
  s->config_ = config;
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  s->ctx_ = ctx;
  if (!ctx || SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_cipher_list(ctx, config.cipher_list.c_str()) != 1 ||
      !make_identity(ctx, config.host_name, s->certificate_pem_))
    return Error::internal("demo server: OpenSSL setup failed");

  s->listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (s->listen_fd_ < 0 ||
      bind(s->listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(s->listen_fd_, 64) != 0 ||
      getsockname(s->listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    return Error::internal("demo server: cannot listen on 127.0.0.1");
  s->port_ = ntohs(addr.sin_port);
  s->thread_ = std::thread([raw = s.get()] { raw->serve(); });
  return s;
}

DemoServer::~DemoServer() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (listen_fd_ >= 0) close(listen_fd_);
  SSL_CTX_free(as_ctx(ctx_));
}

void DemoServer::serve() {
  std::vector<std::thread> workers;
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;  // wake up to notice stop_
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    workers.emplace_back([this, fd] { handle(fd); });
  }
  for (std::thread& t : workers) t.join();
}

// One connection: handshake, answer one HTTP request, close. Every read is
// bounded by a socket timeout so a silent client cannot hold the demo.
void DemoServer::handle(int fd) {
  timeval tv{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  SSL* ssl = SSL_new(as_ctx(ctx_));
  if (ssl && SSL_set_fd(ssl, fd) == 1 && SSL_accept(ssl) == 1) {
    char buf[4096];
    if (SSL_read(ssl, buf, sizeof buf) > 0) {
      static const char kResponse[] =
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\n"
          "Connection: close\r\n\r\n{\"status\":\"ok\"}\n";
      SSL_write(ssl, kResponse, sizeof kResponse - 1);
    }
    SSL_shutdown(ssl);
  }
  SSL_free(ssl);
  ERR_clear_error();
  close(fd);
}

}  // namespace tlsd::cli
