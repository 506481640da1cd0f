#include "wire/client_hello.h"

#include "wire/constants.h"
#include "wire/extensions/extension.h"
#include "wire/record.h"
#include "wire/writer.h"

namespace tlsd::wire {
namespace {

constexpr uint16_t kPaddingType = 0x0015;

void write_extensions(const ClientHelloSpec& spec, const HelloParams& params, Writer& w) {
  for (const ExtensionEntry& e : spec.extensions) {
    if (e.type == kPaddingType && !e.body && (params.omit_padding || !params.padding_length))
      continue;
    w.u16(e.type);
    w.prefixed(2, [&](Writer& body) {
      if (e.body) {
        body.bytes(*e.body);
      } else if (const ExtensionRow* row = find_extension(e.type)) {
        row->build(params, body);
      }
    });
  }
}

Result<Bytes> encode(const ClientHelloSpec& spec, const HelloParams& params) {
  Writer w;
  w.u8(kClientHello);
  w.prefixed(3, [&](Writer& m) {
    m.u16(spec.legacy_version);
    m.bytes(spec.random);
    m.prefixed_bytes(1, spec.session_id);
    m.prefixed(2, [&](Writer& suites) {
      for (uint16_t s : spec.cipher_suites) suites.u16(s);
    });
    m.prefixed_bytes(1, spec.compression_methods);
    if (!(spec.extensions.empty() && spec.omit_empty_extensions))
      m.prefixed(2, [&](Writer& exts) { write_extensions(spec, params, exts); });
  });
  return std::move(w).finish();
}

bool wants_padding_rule(const ClientHelloSpec& spec) {
  if (spec.params.padding_length || spec.params.omit_padding) return false;
  for (const ExtensionEntry& e : spec.extensions)
    if (e.type == kPaddingType && !e.body) return true;
  return false;
}

}  // namespace

Result<Bytes> build_client_hello(const ClientHelloSpec& spec) {
  if (!wants_padding_rule(spec)) return encode(spec, spec.params);
  // BoringSSL's rule: a hello whose message is 256..511 bytes long is padded to
  // 512, because some F5 devices hang on hellos in that range (RFC 7685 §1).
  auto unpadded = encode(spec, spec.params);
  if (!unpadded) return unpadded;
  size_t len = unpadded->size();
  if (len <= 0xff || len >= 0x200) return unpadded;
  HelloParams padded = spec.params;
  size_t pad = 0x200 - len;
  padded.padding_length = pad >= 5 ? pad - 4 : 1;  // 4 bytes go to the header
  return encode(spec, padded);
}

Result<Bytes> build_client_hello_records(const ClientHelloSpec& spec, size_t max_fragment) {
  auto msg = build_client_hello(spec);
  if (!msg) return msg;
  return encode_records(kHandshake, spec.record_version, *msg, max_fragment);
}

Result<Bytes> build_sslv2_client_hello(uint16_t version, const std::vector<uint32_t>& cipher_specs,
                                       ByteView challenge) {
  if (challenge.size() < 16 || challenge.size() > 32)
    return Error::usage("SSLv2 challenge must be 16..32 bytes");
  Writer body;
  body.u8(1);  // CLIENT-HELLO
  body.u16(version);
  body.u16(static_cast<uint16_t>(cipher_specs.size() * 3));
  body.u16(0);  // session id length
  body.u16(static_cast<uint16_t>(challenge.size()));
  for (uint32_t spec : cipher_specs) body.u24(spec);
  body.bytes(challenge);
  auto bytes = std::move(body).finish();
  if (!bytes) return bytes;
  if (bytes->size() > 0x7fff) return Error::usage("SSLv2 hello longer than 32767 bytes");
  // Two-byte record header with the high bit set: no padding (RFC 6101 E.1).
  Writer rec;
  rec.u16(static_cast<uint16_t>(0x8000 | bytes->size()));
  rec.bytes(*bytes);
  return std::move(rec).finish();
}

}  // namespace tlsd::wire
