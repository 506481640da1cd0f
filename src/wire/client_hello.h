// ClientHello builders (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2, RFC 6101 §5.6.1.2)
// and the SSLv2-compatible CLIENT-HELLO (RFC 6101 Appendix E.1). Every field
// is the caller's: this is how tlsdoctor speaks as any client, old or odd.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "wire/hello_params.h"

namespace tlsd::wire {

struct ExtensionEntry {
  uint16_t type = 0;
  // Raw extension_data; when absent the table's builder writes it from the
  // hello's params (GREASE and unknown types default to an empty body).
  std::optional<Bytes> body;
};

struct ClientHelloSpec {
  uint16_t record_version = 0x0301;
  uint16_t legacy_version = 0x0303;
  std::array<uint8_t, 32> random{};
  Bytes session_id;
  std::vector<uint16_t> cipher_suites;
  Bytes compression_methods{0};
  std::vector<ExtensionEntry> extensions;  // exact wire order
  // SSLv3 predates extensions; a hello with none may omit the block entirely.
  bool omit_empty_extensions = true;
  HelloParams params;
};

// The handshake message (type, length, body).
Result<Bytes> build_client_hello(const ClientHelloSpec& spec);
// The same, framed in handshake records of at most `max_fragment` bytes.
Result<Bytes> build_client_hello_records(const ClientHelloSpec& spec,
                                         size_t max_fragment = 16384);

// SSLv2 CLIENT-HELLO. `cipher_specs` are 3-byte kinds; TLS suites go in as
// 0x00XXXX. A challenge of 16..32 bytes (RFC 6101 E.1).
Result<Bytes> build_sslv2_client_hello(uint16_t version, const std::vector<uint32_t>& cipher_specs,
                                       ByteView challenge);

}  // namespace tlsd::wire
