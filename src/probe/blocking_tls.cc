#include "probe/blocking_tls.h"

#include <netdb.h>
#include <openssl/err.h>
#include <sys/socket.h>

#include <cerrno>
#include <memory>
#include <string>
#include <utility>

#include "probe/dialog_driver.h"
#include "probe/dialog_registry.h"

namespace tlsd::probe {

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

Result<int> connect_to(const Endpoint& to, Clock::time_point deadline) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* res = nullptr;
  if (getaddrinfo(to.host.c_str(), std::to_string(to.port).c_str(), &hints, &res) != 0 || !res)
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

Result<int> open_connection(const Target& target, Clock::time_point deadline) {
  Result<int> fd = connect_to(first_hop(target), deadline);
  std::unique_ptr<Dialog> dialog = make_route_dialog(target);
  if (!fd || !dialog) return fd;
  Fd sock(*fd);
  if (Status done = run_dialog_blocking(sock.fd, *dialog, deadline); !done) return done.error();
  return std::exchange(sock.fd, -1);
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

Error tls_call_error(SSL* ssl, int rc, std::string_view during) {
  int saved_errno = errno;
  std::string what(during);
  if (rc == -2) return Error::transport(TransportCode::timeout, what + " did not complete in time");
  int kind = SSL_get_error(ssl, rc);
  unsigned long first = ERR_peek_error();
  bool system = first == 0 || ERR_GET_LIB(first) == ERR_LIB_SYS;
  bool eof = kind == SSL_ERROR_ZERO_RETURN ||
             (kind == SSL_ERROR_SSL && ERR_GET_REASON(first) == SSL_R_UNEXPECTED_EOF_WHILE_READING);
  Error error;
  if (kind == SSL_ERROR_SYSCALL && system && (saved_errno == ECONNRESET || saved_errno == EPIPE))
    error = Error::transport(TransportCode::reset, "connection reset by peer during " + what);
  else if ((kind == SSL_ERROR_SYSCALL && system) || eof)
    error =
        Error::transport(TransportCode::closed, "the server closed the connection during " + what);
  else if (first == 0)
    error = Error::protocol(ProtocolCode::handshake_failed, what + " failed");
  else {
    char buf[256];
    ERR_error_string_n(first, buf, sizeof buf);
    error = Error::protocol(ProtocolCode::handshake_failed, buf);
  }
  ERR_clear_error();
  return error;
}

}  // namespace tlsd::probe
