// Reader: the only way to read wire bytes (BoringSSL's CBS, rustls's codec).
// Every read is bounds-checked and either consumes exactly what it returns or
// nothing at all; length-prefixed fields become sub-readers so a parser can
// never run past the end of the structure it is reading.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/hex.h"

namespace tlsd::wire {

class Reader {
 public:
  Reader() = default;
  explicit Reader(ByteView data) : data_(data) {}

  [[nodiscard]] bool u8(uint8_t& out);
  [[nodiscard]] bool u16(uint16_t& out);
  [[nodiscard]] bool u24(uint32_t& out);
  [[nodiscard]] bool u32(uint32_t& out);
  [[nodiscard]] bool bytes(size_t n, ByteView& out);
  [[nodiscard]] bool copy(size_t n, Bytes& out);
  [[nodiscard]] bool skip(size_t n);
  // A field prefixed by its length in `len_bytes` (1, 2 or 3) big-endian bytes.
  [[nodiscard]] bool prefixed(int len_bytes, Reader& out);
  [[nodiscard]] bool prefixed_bytes(int len_bytes, Bytes& out);

  bool empty() const { return data_.empty(); }
  size_t remaining() const { return data_.size(); }
  ByteView rest() const { return data_; }
  // Looks at the next byte without consuming it.
  [[nodiscard]] bool peek(uint8_t& out) const;

 private:
  [[nodiscard]] bool number(int len, uint32_t& out);
  ByteView data_;
};

}  // namespace tlsd::wire
