#include "wire/record.h"

#include <algorithm>

#include "wire/constants.h"
#include "wire/reader.h"
#include "wire/writer.h"

namespace tlsd::wire {
namespace {

bool known_content_type(uint8_t t) { return t >= kChangeCipherSpec && t <= kHeartbeat; }

// Drops consumed bytes once they dominate the buffer, keeping append cheap.
void compact(Bytes& buf, size_t& pos) {
  if (pos > 4096 && pos * 2 > buf.size()) {
    buf.erase(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(pos));
    pos = 0;
  }
}

}  // namespace

Bytes encode_records(uint8_t type, uint16_t version, ByteView payload, size_t max_fragment) {
  max_fragment = std::clamp<size_t>(max_fragment, 1, kMaxPlaintext);
  Writer w;
  size_t at = 0;
  do {  // an empty payload still yields one (empty) record
    size_t n = std::min(max_fragment, payload.size() - at);
    w.u8(type);
    w.u16(version);
    w.prefixed_bytes(2, payload.subspan(at, n));
    at += n;
  } while (at < payload.size());
  return std::move(std::move(w).finish().value());
}

void RecordStream::append(ByteView bytes) {
  compact(buf_, pos_);
  buf_.insert(buf_.end(), bytes.begin(), bytes.end());
}

Result<std::optional<Record>> RecordStream::next() {
  Reader r(ByteView(buf_).subspan(pos_));
  Record rec;
  uint8_t major;
  if (!r.u8(rec.type)) return std::optional<Record>{};
  if (!known_content_type(rec.type))
    return Error::protocol(ProtocolCode::not_tls, "record content type " + hex_code(rec.type, 2) +
                                                      " is not TLS (is this a TLS port?)");
  if (!r.peek(major)) return std::optional<Record>{};
  if (major != 3)
    return Error::protocol(ProtocolCode::not_tls,
                           "record version major byte " + hex_code(major, 2) + " is not 3");
  uint16_t len;
  if (!r.u16(rec.version) || !r.u16(len)) return std::optional<Record>{};
  if (len > kMaxRecordPayload)
    return Error::protocol(ProtocolCode::record_overflow,
                           "record length " + std::to_string(len) + " exceeds 2^14+2048");
  if (!r.copy(len, rec.fragment)) return std::optional<Record>{};
  pos_ += 5 + len;
  return std::optional<Record>{std::move(rec)};
}

void HandshakeAssembler::add(ByteView fragment) {
  compact(buf_, pos_);
  buf_.insert(buf_.end(), fragment.begin(), fragment.end());
}

Result<std::optional<HandshakeMessage>> HandshakeAssembler::next() {
  Reader r(ByteView(buf_).subspan(pos_));
  HandshakeMessage msg;
  uint32_t len;
  if (!r.u8(msg.type) || !r.u24(len)) return std::optional<HandshakeMessage>{};
  if (len > kMaxHandshakeMessage)
    return Error::protocol(
        ProtocolCode::message_too_large,
        "handshake message of " + std::to_string(len) + " bytes exceeds our 256 KiB bound");
  if (!r.copy(len, msg.body)) return std::optional<HandshakeMessage>{};
  pos_ += 4 + len;
  return std::optional<HandshakeMessage>{std::move(msg)};
}

}  // namespace tlsd::wire
