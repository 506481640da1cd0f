#include "wire/alert.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)tlsd::wire::parse_alert(tlsd::ByteView(data, size));
  return 0;
}
