// Small encoders shared by the extension rows.
#pragma once

#include <vector>

#include "wire/reader.h"
#include "wire/writer.h"

namespace tlsd::wire::ext {

inline void write_u16_list(Writer& w, int len_bytes, const std::vector<uint16_t>& values) {
  w.prefixed(len_bytes, [&](Writer& l) {
    for (uint16_t v : values) l.u16(v);
  });
}

// Reads a length-prefixed list of u16 that must fill its field exactly.
[[nodiscard]] inline bool read_u16_list(Reader& r, int len_bytes, std::vector<uint16_t>& out) {
  Reader list;
  if (!r.prefixed(len_bytes, list) || list.remaining() % 2 != 0) return false;
  out.clear();
  uint16_t v;
  while (list.u16(v)) out.push_back(v);
  return true;
}

}  // namespace tlsd::wire::ext
