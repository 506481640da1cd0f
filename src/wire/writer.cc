#include "wire/writer.h"

namespace tlsd::wire {

void Writer::u8(uint8_t v) { out_.push_back(v); }

void Writer::u16(uint16_t v) {
  out_.push_back(static_cast<uint8_t>(v >> 8));
  out_.push_back(static_cast<uint8_t>(v));
}

void Writer::u24(uint32_t v) {
  if (v > 0xffffff) ok_ = false;
  out_.push_back(static_cast<uint8_t>(v >> 16));
  out_.push_back(static_cast<uint8_t>(v >> 8));
  out_.push_back(static_cast<uint8_t>(v));
}

void Writer::u32(uint32_t v) {
  u16(static_cast<uint16_t>(v >> 16));
  u16(static_cast<uint16_t>(v));
}

void Writer::bytes(ByteView v) { out_.insert(out_.end(), v.begin(), v.end()); }

size_t Writer::open_prefix(int len_bytes) {
  if (len_bytes < 1 || len_bytes > 3) ok_ = false;
  size_t at = out_.size();
  out_.resize(out_.size() + static_cast<size_t>(len_bytes > 0 ? len_bytes : 0), 0);
  return at;
}

void Writer::close_prefix(size_t at, int len_bytes) {
  if (len_bytes < 1 || len_bytes > 3) return;
  size_t len = out_.size() - at - static_cast<size_t>(len_bytes);
  if (len >> (8 * len_bytes)) {
    ok_ = false;
    return;
  }
  for (int i = 0; i < len_bytes; ++i)
    out_[at + static_cast<size_t>(i)] = static_cast<uint8_t>(len >> (8 * (len_bytes - 1 - i)));
}

Result<Bytes> Writer::finish() && {
  if (!ok_) return Error::internal("a length-prefixed field overflowed its prefix");
  return std::move(out_);
}

}  // namespace tlsd::wire
