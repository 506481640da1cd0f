#include "probe/client_auth_probe.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cctype>
#include <memory>

#include "base/text_safety.h"
#include "probe/blocking_tls.h"
#include "probe/client_identity.h"

namespace tlsd::probe {
namespace {

constexpr uint8_t kCertificateRequest = 13, kCertificate = 11;

// What OpenSSL's message callback saw, in order.
struct Transcript {
  bool handshake_done = false;
  ClientAuthProbeResult* out = nullptr;
};

void on_message(int write_p, int /*version*/, int content_type, const void* buf, size_t len,
                SSL* ssl, void* /*arg*/) {
  auto* t = static_cast<Transcript*>(SSL_get_app_data(ssl));
  if (!t) return;
  const auto* b = static_cast<const uint8_t*>(buf);
  if (content_type == SSL3_RT_HANDSHAKE && len >= 4) {
    size_t body = (size_t{b[1]} << 16) | (size_t{b[2]} << 8) | b[3];
    if (body > len - 4) return;
    if (!write_p && b[0] == kCertificateRequest) {
      Bytes req(b + 4, b + 4 + body);
      auto& slot =
          t->handshake_done ? t->out->request_after_handshake : t->out->request_in_handshake;
      if (!slot) slot = std::move(req);
    }
    // A client Certificate message with a non-empty list (TLS 1.3 adds a context byte first).
    if (write_p && b[0] == kCertificate && body > 4) t->out->sent_certificate = true;
  }
  if (content_type == SSL3_RT_ALERT && !write_p && len >= 2 && !t->out->alert && b[1] != 0)
    t->out->alert = b[1];  // close_notify (0) is not a refusal
}

constexpr size_t kMaxAnswer = 2048;

// An HTTP 4xx whose text speaks of the certificate: nginx's 400 "No required
// SSL certificate was sent", Apache/IIS 403 "client certificate required".
bool http_refuses_certificate(std::string_view answer) {
  if (answer.size() < 12 || !answer.starts_with("HTTP/1.") || answer[9] != '4') return false;
  std::string lower(answer);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("certificate") != std::string::npos;
}

// OpenSSL reports a received alert as reason SSL_AD_REASON_OFFSET + the
// alert's code; the message callback does not always see a TLS 1.3 alert
// that arrives while the client reads.
void alert_from_error_queue(ClientAuthProbeResult& r) {
  if (r.alert) return;
  unsigned long e = ERR_peek_last_error();
  int reason = ERR_GET_REASON(e);
  if (e && ERR_GET_LIB(e) == ERR_LIB_SSL && reason > SSL_AD_REASON_OFFSET &&
      reason < SSL_AD_REASON_OFFSET + 256)
    r.alert = static_cast<uint8_t>(reason - SSL_AD_REASON_OFFSET);
}

std::string first_line(std::string_view data) {
  size_t end = data.find_first_of("\r\n");
  return display_safe(data.substr(0, std::min<size_t>(end, 120)));
}

// Only an empty route or a CONNECT tunnel ends at an HTTP service.
bool speaks_http(const Target& target) {
  for (const DialogSpec& d : target.route.dialogs)
    if (d.id != DialogId::http_connect) return false;
  return true;
}

}  // namespace

ClientAuthProbeResult probe_client_auth(const Target& target, const ClientAuthProbeOptions& o) {
  ClientAuthProbeResult r;
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                        SSL_CTX_free);
  if (!ctx) return {Error::internal("OpenSSL SSL_CTX_new failed")};
  // We look, we do not judge the server here: accept whatever it has.
  SSL_CTX_set_security_level(ctx.get(), 0);
  SSL_CTX_set_cipher_list(ctx.get(), "ALL:COMPLEMENTOFALL:@SECLEVEL=0");
  SSL_CTX_set_min_proto_version(ctx.get(), o.version);
  SSL_CTX_set_max_proto_version(ctx.get(), o.version);
  SSL_CTX_set_options(ctx.get(), SSL_OP_LEGACY_SERVER_CONNECT);
  SSL_CTX_set_msg_callback(ctx.get(), on_message);
  if (o.identity) {
    if (Status s = use_identity(ctx.get(), *o.identity); !s) return {s.error()};
  }
  Clock::time_point deadline = Clock::now() + o.timeout;
  auto fd = open_connection(target, deadline);
  r.connections = 1;
  if (!fd) {
    r.error = fd.error();
    return r;
  }
  Fd sock(*fd);
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
  Transcript transcript{false, &r};
  if (!ssl || SSL_set_fd(ssl.get(), sock.fd) != 1) {
    r.error = Error::internal("OpenSSL SSL_new failed");
    return r;
  }
  SSL_set_app_data(ssl.get(), &transcript);
  // Offer post_handshake_auth (RFC 8446 §4.2.6) so a server that asks late can be seen asking.
  SSL_set_post_handshake_auth(ssl.get(), 1);
  std::string host = target.sni.empty() ? target.host : target.sni;
  if (!target.sni.empty()) SSL_set_tlsext_host_name(ssl.get(), target.sni.c_str());
  int rc = drive(ssl.get(), sock.fd, deadline, [&] { return SSL_connect(ssl.get()); });
  if (rc != 1) {
    alert_from_error_queue(r);
    r.error = tls_call_error(ssl.get(), rc, "the handshake");
    r.answer = r.alert ? ServerAnswer::refused_in_handshake : ServerAnswer::none;
    return r;
  }
  transcript.handshake_done = true;
  r.version = static_cast<uint16_t>(SSL_version(ssl.get()));
  r.chain = peer_chain(ssl.get());
  if (r.version == TLS1_3_VERSION) {
    // A TLS 1.3 server refuses right after the client's Finished: wait a moment
    // for that alert before writing, or the write may meet a closed socket and
    // the alert is never read (the race real clients lose as "broken pipe").
    Clock::time_point settle = std::min(deadline, Clock::now() + std::chrono::milliseconds(300));
    char byte;
    int peeked = drive(ssl.get(), sock.fd, settle, [&] { return SSL_peek(ssl.get(), &byte, 1); });
    if (peeked <= 0 && peeked != -2) {
      alert_from_error_queue(r);
      if (r.alert) {
        r.answer = ServerAnswer::refused_after_handshake;
        r.error = tls_call_error(ssl.get(), peeked, "the first read");
        return r;
      }
    }
    ERR_clear_error();
  }
  // GET, not HEAD: some servers refuse a missing certificate in the body of
  // an HTTP 400 after a complete handshake (nginx `ssl_verify_client on`).
  // Behind a protocol dialog (SMTP, IMAP, a database, ...) the service does not
  // speak HTTP: send nothing and only listen for a refusal within read_timeout.
  std::string request = "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
  rc = speaks_http(target)
           ? drive(ssl.get(), sock.fd, deadline,
                   [&] {
                     return SSL_write(ssl.get(), request.data(), static_cast<int>(request.size()));
                   })
           : 1;
  std::string answer;
  if (rc <= 0) alert_from_error_queue(r);  // the refusal can arrive before the request goes out
  if (rc > 0) {
    Clock::time_point read_deadline = std::min(deadline, Clock::now() + o.read_timeout);
    char buf[512];
    while (answer.size() < kMaxAnswer) {
      rc = drive(ssl.get(), sock.fd, read_deadline,
                 [&] { return SSL_read(ssl.get(), buf, sizeof buf); });
      if (rc <= 0) {
        alert_from_error_queue(r);
        break;
      }
      answer.append(buf, static_cast<size_t>(rc));
    }
  }
  if (!answer.empty()) {
    r.answer = ServerAnswer::answered;
    r.first_bytes = first_line(answer);
    r.refuses_in_http = http_refuses_certificate(answer);
  } else if (rc == -2) {
    r.answer = ServerAnswer::silent;
  } else if (r.alert) {
    r.answer = ServerAnswer::refused_after_handshake;
    r.error = tls_call_error(ssl.get(), rc, "the first read");
  } else {
    r.answer = ServerAnswer::closed;
  }
  ERR_clear_error();
  SSL_shutdown(ssl.get());
  return r;
}

}  // namespace tlsd::probe
