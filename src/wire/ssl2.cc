#include "wire/ssl2.h"

#include "wire/reader.h"

namespace tlsd::wire {

bool looks_like_ssl2_record(ByteView first) {
  // 2-byte header, then message type 4 (SERVER-HELLO); TLS records start 0x14..0x18.
  return first.size() >= 3 && (first[0] & 0x80) && first[2] == 4;
}

Result<std::optional<Ssl2ServerHello>> parse_ssl2_server_hello(ByteView stream) {
  Reader r(stream);
  uint16_t header;
  if (!r.u16(header)) return std::optional<Ssl2ServerHello>{};
  if (!(header & 0x8000)) return Error::decode("SSLv2 record without the 2-byte header flag");
  ByteView record;
  if (!r.bytes(header & 0x7fff, record)) return std::optional<Ssl2ServerHello>{};

  Reader m(record);
  Ssl2ServerHello hello;
  uint8_t type, hit;
  uint16_t cert_len, specs_len, conn_len;
  if (!m.u8(type) || type != 4) return Error::decode("SSLv2 message is not a SERVER-HELLO");
  if (!m.u8(hit) || !m.u8(hello.certificate_type) || !m.u16(hello.version) ||
      !m.u16(cert_len) || !m.u16(specs_len) || !m.u16(conn_len))
    return Error::decode("truncated SSLv2 SERVER-HELLO header");
  hello.session_id_hit = hit != 0;
  if (specs_len % 3 != 0) return Error::decode("SSLv2 cipher specs length not a multiple of 3");
  Reader specs;
  ByteView spec_bytes;
  if (!m.copy(cert_len, hello.certificate) || !m.bytes(specs_len, spec_bytes) ||
      !m.copy(conn_len, hello.connection_id))
    return Error::decode("SSLv2 SERVER-HELLO shorter than its lengths");
  if (!m.empty()) return Error::decode("trailing bytes in SSLv2 SERVER-HELLO");
  specs = Reader(spec_bytes);
  uint32_t spec;
  while (specs.u24(spec)) hello.cipher_specs.push_back(spec);
  return std::optional<Ssl2ServerHello>{std::move(hello)};
}

}  // namespace tlsd::wire
