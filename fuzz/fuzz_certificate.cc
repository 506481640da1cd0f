// Certificate messages (TLS 1.2 and 1.3 forms) and OpenSSL's view of each
// certificate in them.
#include "wire/certificate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  bool tls13 = data[0] & 1;
  auto certs = tlsd::wire::parse_certificate_message(tlsd::ByteView(data + 1, size - 1), tls13);
  if (certs)
    for (const tlsd::Bytes& der : *certs) (void)tlsd::wire::summarize_certificate(der);
  (void)tlsd::wire::summarize_certificate(tlsd::ByteView(data + 1, size - 1));
  return 0;
}
