#include "wire/reader.h"

namespace tlsd::wire {

bool Reader::number(int len, uint32_t& out) {
  if (len < 1 || len > 4 || data_.size() < static_cast<size_t>(len)) return false;
  uint32_t v = 0;
  for (int i = 0; i < len; ++i) v = v << 8 | data_[i];
  data_ = data_.subspan(len);
  out = v;
  return true;
}

bool Reader::u8(uint8_t& out) {
  uint32_t v;
  if (!number(1, v)) return false;
  out = static_cast<uint8_t>(v);
  return true;
}

bool Reader::u16(uint16_t& out) {
  uint32_t v;
  if (!number(2, v)) return false;
  out = static_cast<uint16_t>(v);
  return true;
}

bool Reader::u24(uint32_t& out) { return number(3, out); }
bool Reader::u32(uint32_t& out) { return number(4, out); }

bool Reader::bytes(size_t n, ByteView& out) {
  if (data_.size() < n) return false;
  out = data_.first(n);
  data_ = data_.subspan(n);
  return true;
}

bool Reader::copy(size_t n, Bytes& out) {
  ByteView view;
  if (!bytes(n, view)) return false;
  out.assign(view.begin(), view.end());
  return true;
}

bool Reader::skip(size_t n) {
  ByteView ignored;
  return bytes(n, ignored);
}

bool Reader::prefixed(int len_bytes, Reader& out) {
  if (len_bytes < 1 || len_bytes > 3) return false;
  Reader probe = *this;  // consume nothing unless the whole field is present
  uint32_t len;
  ByteView body;
  if (!probe.number(len_bytes, len) || !probe.bytes(len, body)) return false;
  *this = probe;
  out = Reader(body);
  return true;
}

bool Reader::prefixed_bytes(int len_bytes, Bytes& out) {
  Reader inner;
  if (!prefixed(len_bytes, inner)) return false;
  out.assign(inner.rest().begin(), inner.rest().end());
  return true;
}

bool Reader::peek(uint8_t& out) const {
  if (data_.empty()) return false;
  out = data_[0];
  return true;
}

}  // namespace tlsd::wire
