// Code points the wire layer itself must know to frame and route messages.
// Everything else (suite names, group names...) lives in the catalog.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tlsd::wire {

// RFC 8446 §5.1 ContentType.
enum ContentType : uint8_t {
  kChangeCipherSpec = 20,
  kAlert = 21,
  kHandshake = 22,
  kApplicationData = 23,
  kHeartbeat = 24,
};

// RFC 8446 §4 HandshakeType, plus the TLS 1.2 ones it retired.
enum HandshakeType : uint8_t {
  kHelloRequest = 0,
  kClientHello = 1,
  kServerHello = 2,
  kNewSessionTicket = 4,
  kEncryptedExtensions = 8,
  kCertificate = 11,
  kServerKeyExchange = 12,
  kCertificateRequest = 13,
  kServerHelloDone = 14,
  kCertificateStatus = 22,
};

enum Version : uint16_t {
  kSsl2 = 0x0002,
  kSsl3 = 0x0300,
  kTls10 = 0x0301,
  kTls11 = 0x0302,
  kTls12 = 0x0303,
  kTls13 = 0x0304,
};

// RFC 8446 §5.1/§5.2: plaintext fragments are at most 2^14 bytes; a
// ciphertext may add 2048 (TLS 1.2) or 256 (1.3). Anything above is hostile.
constexpr size_t kMaxPlaintext = 16384;
constexpr size_t kMaxRecordPayload = 16384 + 2048;
// Certificate chains are the largest first-flight messages; real ones stay
// well under 64 KiB. 256 KiB leaves room for odd servers and bounds memory.
constexpr size_t kMaxHandshakeMessage = 256 * 1024;

// RFC 8701: GREASE values are 0x?A?A with both bytes equal.
constexpr bool is_grease(uint16_t v) { return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff); }

}  // namespace tlsd::wire
