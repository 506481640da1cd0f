// Writer: the only way to produce wire bytes (BoringSSL's CBB). Length-prefixed
// fields are written as scopes: the body is written first and its length is
// patched in afterwards, so a length can never disagree with its body. A body
// too long for its prefix poisons the writer instead of truncating silently.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/hex.h"
#include "base/result.h"

namespace tlsd::wire {

class Writer {
 public:
  void u8(uint8_t v);
  void u16(uint16_t v);
  void u24(uint32_t v);
  void u32(uint32_t v);
  void bytes(ByteView v);

  // Writes `len_bytes` (1, 2 or 3) of length, then whatever `body(*this)` writes.
  template <class Body>
  void prefixed(int len_bytes, Body&& body) {
    size_t at = open_prefix(len_bytes);
    body(*this);
    close_prefix(at, len_bytes);
  }
  void prefixed_bytes(int len_bytes, ByteView v) {
    prefixed(len_bytes, [&](Writer& w) { w.bytes(v); });
  }

  size_t size() const { return out_.size(); }
  bool ok() const { return ok_; }
  // The bytes, or an error naming the overflowing field's width.
  Result<Bytes> finish() &&;

 private:
  size_t open_prefix(int len_bytes);
  void close_prefix(size_t at, int len_bytes);
  Bytes out_;
  bool ok_ = true;
};

}  // namespace tlsd::wire
