#include "wire/server_flight.h"

#include <algorithm>

#include "wire/certificate.h"
#include "wire/constants.h"

namespace tlsd::wire {
namespace {

// Bounds that keep a hostile peer from holding us: no real first flight comes
// near them.
constexpr size_t kMaxFlightBytes = 512 * 1024;
constexpr int kMaxEmptyRecords = 32;
constexpr size_t kMaxWarningAlerts = 8;
constexpr size_t kMaxHandshakeMessages = 16;

}  // namespace

std::string_view to_string(FlightStage stage) {
  switch (stage) {
    case FlightStage::awaiting_server_hello:
      return "awaiting ServerHello";
    case FlightStage::reading_flight:
      return "reading server flight";
    case FlightStage::complete:
      return "flight complete";
  }
  return "";
}

Status FlightReader::feed(ByteView bytes) {
  if (complete() || bytes.empty()) return Ok{};
  total_bytes_ += bytes.size();
  if (total_bytes_ > kMaxFlightBytes)
    return Error::protocol(ProtocolCode::flight_too_large,
                           "server sent over 512 KiB without finishing");
  if (first_bytes_ && looks_like_ssl2_record(bytes)) {
    records_.append(bytes);  // keep accumulating the SSLv2 record
    auto hello = parse_ssl2_server_hello(records_.unread());
    if (!hello) return hello.error();
    if (*hello) {
      flight_.ssl2_server_hello = std::move(**hello);
      stage_ = FlightStage::complete;
    }
    return Ok{};
  }
  first_bytes_ = false;
  records_.append(bytes);
  while (!complete()) {
    auto rec = records_.next();
    if (!rec) return rec.error();
    if (!*rec) break;
    Status st = on_record(**rec);
    if (!st) return st;
  }
  return Ok{};
}

Status FlightReader::on_record(const Record& rec) {
  if (rec.fragment.empty() && ++empty_records_ > kMaxEmptyRecords)
    return Error::protocol(ProtocolCode::empty_records, "server sent a stream of empty records");
  // Kept, not refused: the record layer bounds what we buffer; whether a
  // client refuses a record above 2^14 is the simulation's call.
  flight_.largest_record = std::max(flight_.largest_record, rec.fragment.size());
  switch (rec.type) {
    case kAlert:
      return on_alert(rec.fragment);
    case kHandshake:
      handshake_.add(rec.fragment);
      while (!complete()) {
        auto msg = handshake_.next();
        if (!msg) return msg.error();
        if (!*msg) break;
        Status st = on_handshake(std::move(**msg));
        if (!st) return st;
      }
      return Ok{};
    case kChangeCipherSpec:
      if (!flight_.server_hello && after_hello_retry_ && !flight_.change_cipher_spec) {
        flight_.change_cipher_spec = true;  // middlebox compatibility, once
        return Ok{};
      }
      if (!flight_.server_hello)
        return Error::protocol(ProtocolCode::unexpected_message,
                               "ChangeCipherSpec before ServerHello");
      flight_.change_cipher_spec = true;  // an abbreviated handshake: nothing more in clear
      stage_ = FlightStage::complete;
      return Ok{};
    default:
      return Error::protocol(ProtocolCode::unexpected_message,
                             "record type " + std::to_string(rec.type) + " during the handshake");
  }
}

Status FlightReader::on_alert(ByteView fragment) {
  auto alert = parse_alert(fragment);
  if (!alert) return alert.error();
  flight_.alerts.push_back(*alert);
  if (alert->fatal() || alert->description == 0 /* close_notify */) {
    stage_ = FlightStage::complete;
  } else if (flight_.alerts.size() > kMaxWarningAlerts) {
    return Error::protocol(ProtocolCode::alert_flood,
                           "server sent an endless stream of warning alerts");
  }
  return Ok{};
}

Status FlightReader::on_handshake(HandshakeMessage msg) {
  if (flight_.handshake_types.size() >= kMaxHandshakeMessages)
    return Error::protocol(ProtocolCode::too_many_messages, "server flight has too many messages");
  flight_.handshake_types.push_back(msg.type);
  if (!flight_.server_hello) {
    if (msg.type == kHelloRequest && msg.body.empty()) return Ok{};  // may be ignored
    if (msg.type != kServerHello)
      return Error::protocol(
          ProtocolCode::unexpected_message,
          "handshake message " + std::to_string(msg.type) + " before ServerHello");
    auto sh = parse_server_hello(msg.body);
    if (!sh) return sh.error();
    flight_.server_hello = std::move(*sh);
    // TLS 1.3: everything after the ServerHello is encrypted; a
    // HelloRetryRequest ends this exchange too.
    if (flight_.server_hello->is_hello_retry_request ||
        flight_.server_hello->negotiated_version() >= kTls13)
      stage_ = FlightStage::complete;
    else
      stage_ = FlightStage::reading_flight;
    return Ok{};
  }
  bool tls12 = flight_.server_hello->negotiated_version() >= kTls12;
  switch (msg.type) {
    case kCertificate: {
      auto certs = parse_certificate_message(msg.body, false);
      if (!certs) return certs.error();
      flight_.certificates = std::move(*certs);
      return Ok{};
    }
    case kCertificateStatus:
      flight_.certificate_status = std::move(msg.body);
      return Ok{};
    case kServerKeyExchange:
      flight_.server_key_exchange = std::move(msg.body);
      return Ok{};
    case kCertificateRequest: {
      auto cr = parse_certificate_request(msg.body, tls12);
      if (!cr) return cr.error();
      flight_.certificate_request = std::move(*cr);
      return Ok{};
    }
    case kServerHelloDone: {
      Status st = parse_server_hello_done(msg.body);
      if (!st) return st;
      flight_.server_hello_done = true;
      stage_ = FlightStage::complete;
      return Ok{};
    }
    default:
      return Error::protocol(
          ProtocolCode::unexpected_message,
          "handshake message " + std::to_string(msg.type) + " inside the server's first flight");
  }
}

}  // namespace tlsd::wire
