// The server's first flight, read from raw bytes: everything a probe needs
// to learn what the server chose, without finishing the handshake. TLS 1.2 and
// earlier: ServerHello .. ServerHelloDone in the clear. TLS 1.3: the
// ServerHello (or HelloRetryRequest) is the last plaintext message.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "wire/alert.h"
#include "wire/certificate_request.h"
#include "wire/record.h"
#include "wire/server_hello.h"
#include "wire/ssl2.h"

namespace tlsd::wire {

struct ServerFlight {
  std::optional<ServerHello> server_hello;
  std::optional<Ssl2ServerHello> ssl2_server_hello;
  std::vector<Bytes> certificates;           // DER, as sent (leaf first)
  std::optional<Bytes> server_key_exchange;  // raw: its layout depends on the suite
  std::optional<CertificateRequest> certificate_request;
  std::optional<Bytes> certificate_status;  // raw OCSP response message
  bool server_hello_done = false;
  std::vector<Alert> alerts;             // warnings kept, the last may be fatal
  std::vector<uint8_t> handshake_types;  // every message type, in order
  bool change_cipher_spec = false;
  size_t largest_record = 0;  // plaintext bytes in the longest record (2^14 at most, RFC 8446 §5.1)
};

enum class FlightStage { awaiting_server_hello, reading_flight, complete };
std::string_view to_string(FlightStage stage);

class FlightReader {
 public:
  // After a HelloRetryRequest the server may send a ChangeCipherSpec before
  // its second ServerHello (RFC 8446 D.4), and SSLv2 is out of the question.
  explicit FlightReader(bool after_hello_retry = false)
      : after_hello_retry_(after_hello_retry), first_bytes_(!after_hello_retry) {}

  // Takes bytes as they arrive. An error means the peer broke TLS; the stage
  // at which it happened stays readable.
  Status feed(ByteView bytes);
  FlightStage stage() const { return stage_; }
  bool complete() const { return stage_ == FlightStage::complete; }
  const ServerFlight& flight() const { return flight_; }
  ServerFlight take() && { return std::move(flight_); }
  // Bytes received after the record that completed the flight.
  ByteView unconsumed() const { return records_.unread(); }

 private:
  Status on_record(const Record& rec);
  Status on_handshake(HandshakeMessage msg);
  Status on_alert(ByteView fragment);

  RecordStream records_;
  HandshakeAssembler handshake_;
  ServerFlight flight_;
  FlightStage stage_ = FlightStage::awaiting_server_hello;
  size_t total_bytes_ = 0;
  int empty_records_ = 0;
  bool after_hello_retry_ = false;
  bool first_bytes_ = true;
};

}  // namespace tlsd::wire
