#include "wire/server_hello.h"

#include <algorithm>
#include <cstring>

#include "wire/extensions/extension.h"
#include "wire/reader.h"

namespace tlsd::wire {
namespace {

// SHA-256("HelloRetryRequest"), RFC 8446 §4.1.3.
constexpr std::array<uint8_t, 32> kHrrRandom = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};
constexpr uint8_t kDowngradePrefix[7] = {'D', 'O', 'W', 'N', 'G', 'R', 'D'};

DowngradeSentinel sentinel(const std::array<uint8_t, 32>& random) {
  if (std::memcmp(random.data() + 24, kDowngradePrefix, 7) != 0) return DowngradeSentinel::none;
  if (random[31] == 1) return DowngradeSentinel::tls12;
  if (random[31] == 0) return DowngradeSentinel::tls11_or_below;
  return DowngradeSentinel::none;
}

Status parse_extensions(Reader& block, ServerExtensions& out) {
  while (!block.empty()) {
    uint16_t type;
    Reader body;
    if (!block.u16(type) || !block.prefixed(2, body))
      return Error::decode("truncated ServerHello extension");
    if (out.has(type))
      return Error::protocol(ProtocolCode::duplicate_extension,
                             "ServerHello repeats extension " + hex_code(type));
    out.present.push_back(type);
    if (const ExtensionRow* row = find_extension(type)) {
      Status st = row->parse_server(body, out);
      if (!st) return st;
      if (!body.empty())
        return Error::decode("trailing bytes in ServerHello " + std::string(row->name));
    }
  }
  return Ok{};
}

}  // namespace

Result<ServerHello> parse_server_hello(ByteView bytes) {
  Reader r(bytes);
  ServerHello sh;
  ByteView random;
  Reader session_id;
  if (!r.u16(sh.legacy_version) || !r.bytes(32, random) || !r.prefixed(1, session_id) ||
      session_id.remaining() > 32 || !r.u16(sh.cipher_suite) || !r.u8(sh.compression_method))
    return Error::decode("truncated or malformed ServerHello");
  std::copy(random.begin(), random.end(), sh.random.begin());
  sh.session_id.assign(session_id.rest().begin(), session_id.rest().end());
  sh.is_hello_retry_request = sh.random == kHrrRandom;
  sh.downgrade = sentinel(sh.random);
  if (!r.empty()) {  // extensions are optional before TLS 1.3
    Reader block;
    if (!r.prefixed(2, block)) return Error::decode("malformed ServerHello extensions length");
    sh.has_extensions_block = true;
    Status st = parse_extensions(block, sh.extensions);
    if (!st) return st.error();
    if (!r.empty()) return Error::decode("trailing bytes after ServerHello extensions");
  }
  return sh;
}

}  // namespace tlsd::wire
