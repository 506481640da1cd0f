// Blocking socket and OpenSSL helpers with a deadline on every wait, shared
// by the commands that need a complete handshake through OpenSSL (the full
// handshake of scan/simulate, and `get`).
#pragma once

#include <openssl/ssl.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "probe/target.h"

namespace tlsd::probe {

using Clock = std::chrono::steady_clock;

struct Fd {
  int fd = -1;
  Fd() = default;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

int remaining_ms(Clock::time_point deadline);

// Non-blocking connect to the first address that answers before the deadline.
Result<int> connect_to(const Endpoint& to, Clock::time_point deadline);

// The way to the TLS bytes: TCP to the target's first hop, then the route's
// dialogs (a proxy's CONNECT, a STARTTLS) in order. The socket is ready for
// OpenSSL, or closed and the error says why.
Result<int> open_connection(const Target& target, Clock::time_point deadline);

// The certificates the peer sent, DER, leaf first (at most 16).
std::vector<Bytes> peer_chain(SSL* ssl);

// Why a driven OpenSSL call (drive() returned `rc`) failed, by layer: a
// timeout, a reset or a close is the transport's doing, not a TLS protocol
// failure; anything else carries OpenSSL's own first error. Call it right
// after the failed call: it reads errno and OpenSSL's error queue (and clears it).
Error tls_call_error(SSL* ssl, int rc, std::string_view during);

// Drives a non-blocking OpenSSL call until it completes or the deadline
// passes; -2 on timeout, else what the call returned.
template <class Op>
int drive(SSL* ssl, int fd, Clock::time_point deadline, Op op) {
  while (true) {
    int rc = op();
    if (rc > 0) return rc;
    int err = SSL_get_error(ssl, rc);
    short events = err == SSL_ERROR_WANT_READ ? POLLIN : err == SSL_ERROR_WANT_WRITE ? POLLOUT : 0;
    if (!events) return rc;
    pollfd p{fd, events, 0};
    if (poll(&p, 1, remaining_ms(deadline)) != 1) return -2;  // timed out
  }
}

}  // namespace tlsd::probe
