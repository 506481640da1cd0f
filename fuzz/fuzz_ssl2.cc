#include "wire/ssl2.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)tlsd::wire::looks_like_ssl2_record(tlsd::ByteView(data, size));
  (void)tlsd::wire::parse_ssl2_server_hello(tlsd::ByteView(data, size));
  return 0;
}
