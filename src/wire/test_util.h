// Shared by the wire tests: hand-built messages and the truncation sweep that
// every parser must pass (DESIGN.md §7).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>

#include "wire/writer.h"

namespace tlsd::wire::testing {

// Every strict prefix of a valid encoding must be rejected by `parse`, except
// the lengths the format itself allows to end at (`also_valid`).
template <class Parse>
void expect_every_prefix_rejected(ByteView valid, Parse parse,
                                  std::initializer_list<size_t> also_valid = {}) {
  ASSERT_TRUE(parse(valid)) << "the full message must parse";
  for (size_t n = 0; n < valid.size(); ++n) {
    bool allowed = std::find(also_valid.begin(), also_valid.end(), n) != also_valid.end();
    EXPECT_EQ(parse(valid.first(n)), allowed) << "prefix of " << n << " bytes";
  }
}

inline Bytes finish(Writer&& w) { return std::move(std::move(w).finish().value()); }

// A TLS 1.2-style ServerHello body with the given extensions block.
inline Bytes server_hello_body(uint16_t version, uint16_t suite,
                               const std::vector<std::pair<uint16_t, Bytes>>& exts,
                               uint8_t random_fill = 0x11) {
  Writer w;
  w.u16(version);
  w.bytes(Bytes(32, random_fill));
  w.prefixed_bytes(1, Bytes(32, 0x22));
  w.u16(suite);
  w.u8(0);
  w.prefixed(2, [&](Writer& block) {
    for (const auto& [type, body] : exts) {
      block.u16(type);
      block.prefixed_bytes(2, body);
    }
  });
  return finish(std::move(w));
}

inline Bytes handshake(uint8_t type, ByteView body) {
  Writer w;
  w.u8(type);
  w.prefixed_bytes(3, body);
  return finish(std::move(w));
}

}  // namespace tlsd::wire::testing
