#include "wire/certificate_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  (void)tlsd::wire::parse_certificate_request(tlsd::ByteView(data + 1, size - 1), data[0] & 1);
  (void)tlsd::wire::parse_server_hello_done(tlsd::ByteView(data, size));
  return 0;
}
