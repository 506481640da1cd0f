// The record layer (RFC 8446 §5.1, RFC 5246 §6.2): framing only. The probe
// never decrypts, so every record it must understand is plaintext.
#pragma once

#include <optional>

#include "base/hex.h"
#include "base/result.h"

namespace tlsd::wire {

struct Record {
  uint8_t type = 0;
  uint16_t version = 0;
  Bytes fragment;
};

// Frames `payload` as records of `type`, at most `max_fragment` bytes each.
Bytes encode_records(uint8_t type, uint16_t version, ByteView payload,
                     size_t max_fragment = 16384);

// Cuts a byte stream into records. Bytes arrive in any split; a record is
// returned once it is complete. A header that cannot be TLS is an error at once,
// so a hostile peer cannot make us wait for 64 KiB that will never come.
class RecordStream {
 public:
  void append(ByteView bytes);
  // A complete record; nullopt when more bytes are needed; or an Error.
  Result<std::optional<Record>> next();
  size_t buffered() const { return buf_.size() - pos_; }
  ByteView unread() const { return ByteView(buf_).subspan(pos_); }

 private:
  Bytes buf_;
  size_t pos_ = 0;
};

struct HandshakeMessage {
  uint8_t type = 0;
  Bytes body;
};

// Reassembles handshake messages from handshake-record fragments: a message
// may span records and a record may hold several messages (RFC 8446 §5.1).
class HandshakeAssembler {
 public:
  void add(ByteView fragment);
  Result<std::optional<HandshakeMessage>> next();
  bool empty() const { return pos_ == buf_.size(); }

 private:
  Bytes buf_;
  size_t pos_ = 0;
};

}  // namespace tlsd::wire
