#include "probe/blocking_tls.h"

#include <netdb.h>
#include <sys/socket.h>

#include <cerrno>
#include <memory>

namespace tlsd::probe {

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

Result<int> connect_to(const Target& t, Clock::time_point deadline) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* res = nullptr;
  const std::string& host = t.connect_ip.empty() ? t.host : t.connect_ip;
  if (getaddrinfo(host.c_str(), std::to_string(t.port).c_str(), &hints, &res) != 0 || !res)
    return Error::transport(TransportCode::resolve, "host name does not resolve");
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> guard(res, freeaddrinfo);
  for (addrinfo* ai = res; ai; ai = ai->ai_next) {
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) continue;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) return fd;
    pollfd p{fd, POLLOUT, 0};
    int err = 0;
    socklen_t len = sizeof err;
    if (errno == EINPROGRESS && poll(&p, 1, remaining_ms(deadline)) == 1 &&
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0)
      return fd;
    close(fd);
  }
  return Error::transport(TransportCode::refused, "could not connect");
}

std::vector<Bytes> peer_chain(SSL* ssl) {
  std::vector<Bytes> out;
  STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl);
  for (int i = 0; chain && i < sk_X509_num(chain) && i < 16; ++i) {
    unsigned char* der = nullptr;
    int len = i2d_X509(sk_X509_value(chain, i), &der);
    if (len > 0) out.emplace_back(der, der + len);
    OPENSSL_free(der);
  }
  return out;
}

}  // namespace tlsd::probe
