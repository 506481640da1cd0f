#include "probe/https_get.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <memory>

#include "base/text_safety.h"
#include "probe/blocking_tls.h"
#include "probe/client_identity.h"

namespace tlsd::probe {
namespace {

constexpr size_t kMaxResponseHead = 16 * 1024;  // status line and headers; the body is not read

std::string openssl_error(const char* fallback) {
  unsigned long e = ERR_get_error();
  char buf[256];
  if (!e) return fallback;
  ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return buf;
}

std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> make_context(const HttpsGetOptions& o,
                                                               std::string& error) {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                        SSL_CTX_free);
  if (!ctx) {
    error = "OpenSSL SSL_CTX_new failed";
    return ctx;
  }
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_default_verify_paths(ctx.get());
  bool ok = (o.min_version == 0 || SSL_CTX_set_min_proto_version(ctx.get(), o.min_version) == 1) &&
            (o.max_version == 0 || SSL_CTX_set_max_proto_version(ctx.get(), o.max_version) == 1);
  if (!ok)
    error = "the TLS version range is not available in this OpenSSL";
  else if (!o.ciphers.empty() && SSL_CTX_set_cipher_list(ctx.get(), o.ciphers.c_str()) != 1)
    error = "OpenSSL accepts none of --ciphers " + o.ciphers;
  else if (!o.ciphersuites.empty() &&
           SSL_CTX_set_ciphersuites(ctx.get(), o.ciphersuites.c_str()) != 1)
    error = "OpenSSL accepts none of --ciphersuites " + o.ciphersuites;
  else if (!o.groups.empty() && SSL_CTX_set1_groups_list(ctx.get(), o.groups.c_str()) != 1)
    error = "OpenSSL does not know the groups " + o.groups;
  else if (!o.ca_file.empty() &&
           SSL_CTX_load_verify_locations(ctx.get(), o.ca_file.c_str(), nullptr) != 1)
    error = "cannot load --ca-file " + o.ca_file;
  else if (o.identity)
    if (Status used = use_identity(ctx.get(), *o.identity); !used) error = used.error().message;
  ERR_clear_error();
  return ctx;
}

// Reads the response head (status line and headers) and stops: no body.
bool read_head(SSL* ssl, int fd, Clock::time_point deadline, HttpsGetResult& r) {
  std::string head;
  char buf[4096];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < kMaxResponseHead) {
    int n = drive(ssl, fd, deadline, [&] { return SSL_read(ssl, buf, sizeof buf); });
    if (n <= 0) break;
    head.append(buf, static_cast<size_t>(n));
  }
  ResponseHead parsed;
  if (!parse_response_head(head, parsed)) return false;
  r.status_line = std::move(parsed.status_line);
  r.headers = std::move(parsed.headers);
  return true;
}

}  // namespace

bool parse_response_head(std::string_view head, ResponseHead& out) {
  head = head.substr(0, std::min(head.size(), kMaxResponseHead));
  size_t end = head.find("\r\n");
  if (end == std::string_view::npos || !head.starts_with("HTTP/")) return false;
  out.status_line = display_safe(head.substr(0, end));
  for (size_t at = end + 2; at < head.size();) {
    size_t next = head.find("\r\n", at);
    if (next == std::string_view::npos || next == at) break;
    out.headers.push_back(display_safe(head.substr(at, next - at)));
    at = next + 2;
  }
  return true;
}

HttpsGetResult https_get(const Target& target, const HttpsGetOptions& o) {
  HttpsGetResult r;
  Clock::time_point start = Clock::now(), deadline = start + o.timeout;
  std::string setup_error;
  auto ctx = make_context(o, setup_error);
  if (!setup_error.empty()) {
    r.error = Error::usage(setup_error);
    return r;
  }
  r.stage = "connect";
  auto fd = open_connection(target, deadline);
  if (!fd) {
    r.error = fd.error();
    return r;
  }
  Fd sock(*fd);
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
  const std::string& name = target.sni.empty() ? target.host : target.sni;
  if (!ssl || SSL_set_fd(ssl.get(), sock.fd) != 1 || SSL_set1_host(ssl.get(), name.c_str()) != 1) {
    r.error = Error::internal("OpenSSL SSL_new failed");
    return r;
  }
  if (!target.sni.empty()) SSL_set_tlsext_host_name(ssl.get(), target.sni.c_str());

  r.stage = "handshake";
  int rc = drive(ssl.get(), sock.fd, deadline, [&] { return SSL_connect(ssl.get()); });
  long verify = SSL_get_verify_result(ssl.get());
  if (verify != X509_V_OK) r.verify_error = X509_verify_cert_error_string(verify);
  if (rc != 1) {
    r.error = tls_call_error(ssl.get(), rc, "the handshake");
    return r;
  }
  r.handshake_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  r.version = static_cast<uint16_t>(SSL_version(ssl.get()));
  if (const SSL_CIPHER* c = SSL_get_current_cipher(ssl.get()))
    r.cipher_suite = static_cast<uint16_t>(SSL_CIPHER_get_protocol_id(c));
  if (int group = SSL_get_negotiated_group(ssl.get()); group != 0)
    if (const char* g = SSL_group_to_name(ssl.get(), group)) r.group = g;
  r.chain = peer_chain(ssl.get());

  r.stage = "http";
  std::string host_header = name + (target.port == 443 ? "" : ":" + std::to_string(target.port));
  if (name.find(':') != std::string::npos)
    host_header = "[" + name + "]" + host_header.substr(name.size());
  std::string request = "GET " + o.path + " HTTP/1.1\r\nHost: " + host_header +
                        "\r\nUser-Agent: tlsdoctor\r\nAccept: */*\r\nConnection: close\r\n\r\n";
  rc = drive(ssl.get(), sock.fd, deadline, [&] {
    return SSL_write(ssl.get(), request.data(), static_cast<int>(request.size()));
  });
  if (rc <= 0 || !read_head(ssl.get(), sock.fd, deadline, r)) {
    r.error =
        Error::protocol(ProtocolCode::http, "no HTTP response after the handshake: " +
                                                openssl_error("the server sent no status line"));
    return r;
  }
  r.stage.clear();
  SSL_shutdown(ssl.get());
  return r;
}

}  // namespace tlsd::probe
