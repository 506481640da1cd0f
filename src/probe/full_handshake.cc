#include "probe/full_handshake.h"

#include <fcntl.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>

#include "probe/blocking_tls.h"

namespace tlsd::probe {
namespace {

struct Session {
  std::unique_ptr<SSL_SESSION, decltype(&SSL_SESSION_free)> session{nullptr, SSL_SESSION_free};
};

FullHandshakeResult one_handshake(SSL_CTX* ctx, const Target& target, const FullHandshakeOptions& o,
                                  SSL_SESSION* resume, Session* keep) {
  FullHandshakeResult r;
  Clock::time_point deadline = Clock::now() + o.timeout;
  auto fd = connect_to(target, deadline);
  if (!fd) {
    r.error = fd.error();
    return r;
  }
  Fd sock(*fd);
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx), SSL_free);
  if (!ssl || SSL_set_fd(ssl.get(), sock.fd) != 1) {
    r.error = Error::internal("OpenSSL SSL_new failed");
    return r;
  }
  if (!target.sni.empty()) SSL_set_tlsext_host_name(ssl.get(), target.sni.c_str());
  if (resume) SSL_set_session(ssl.get(), resume);
  int rc = drive(ssl.get(), sock.fd, deadline, [&] { return SSL_connect(ssl.get()); });
  if (rc != 1) {
    unsigned long e = ERR_get_error();
    char buf[256] = "handshake did not complete in time";
    if (e) ERR_error_string_n(e, buf, sizeof buf);
    r.error =
        Error::protocol(rc == -2 ? ProtocolCode::timeout : ProtocolCode::handshake_failed, buf);
    ERR_clear_error();
    return r;
  }
  r.version = static_cast<uint16_t>(SSL_version(ssl.get()));
  if (const SSL_CIPHER* c = SSL_get_current_cipher(ssl.get()))
    r.cipher_suite = static_cast<uint16_t>(SSL_CIPHER_get_protocol_id(c));
  r.chain = peer_chain(ssl.get());
  r.resumed = SSL_session_reused(ssl.get()) == 1;
  if (r.version == TLS1_3_VERSION) {
    // TLS 1.3 tickets follow the handshake: read until one arrives, a little while at most.
    Clock::time_point ticket_deadline =
        std::min(deadline, Clock::now() + std::chrono::milliseconds(300));
    char byte;
    while (!SSL_SESSION_has_ticket(SSL_get0_session(ssl.get())) && remaining_ms(ticket_deadline)) {
      pollfd p{sock.fd, POLLIN, 0};
      if (poll(&p, 1, std::min(remaining_ms(ticket_deadline), 20)) != 1) continue;
      int rc = SSL_peek(ssl.get(), &byte, 1);
      if (rc > 0) break;  // application data came first
      int err = SSL_get_error(ssl.get(), rc);
      if (err == SSL_ERROR_SSL) {
        char text[256];
        ERR_error_string_n(ERR_peek_last_error(), text, sizeof text);
        r.after_handshake_error = text;
      }
      if (err != SSL_ERROR_WANT_READ) break;
    }
    ERR_clear_error();
  }
  if (SSL_SESSION* s = SSL_get1_session(ssl.get())) {
    if (SSL_SESSION_has_ticket(s))
      r.ticket_lifetime_hint = static_cast<uint32_t>(SSL_SESSION_get_ticket_lifetime_hint(s));
    if (keep)
      keep->session.reset(s);
    else
      SSL_SESSION_free(s);
  }
  SSL_shutdown(ssl.get());
  return r;
}

}  // namespace

FullHandshakeResult full_handshake(const Target& target, const FullHandshakeOptions& o) {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                        SSL_CTX_free);
  if (!ctx) return {Error::internal("OpenSSL SSL_CTX_new failed")};
  // We look, we do not judge here: accept whatever the server has.
  SSL_CTX_set_security_level(ctx.get(), 0);
  SSL_CTX_set_cipher_list(ctx.get(), "ALL:COMPLEMENTOFALL:@SECLEVEL=0");
  SSL_CTX_set_min_proto_version(ctx.get(), 0);
  if (o.max_version) SSL_CTX_set_max_proto_version(ctx.get(), o.max_version);
  SSL_CTX_set_options(ctx.get(), SSL_OP_LEGACY_SERVER_CONNECT | (o.tickets ? 0 : SSL_OP_NO_TICKET));
  SSL_CTX_set_session_cache_mode(ctx.get(), SSL_SESS_CACHE_CLIENT);
  Session first;
  FullHandshakeResult r = one_handshake(ctx.get(), target, o, nullptr, &first);
  r.connections = 1;
  if (r.error || !o.try_resume || !first.session) return r;
  FullHandshakeResult again = one_handshake(ctx.get(), target, o, first.session.get(), nullptr);
  r.connections = 2;
  r.resumed = !again.error && again.resumed.value_or(false);
  return r;
}

}  // namespace tlsd::probe
