#include <string_view>

#include "probe/https_get.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tlsd::probe::ResponseHead head;
  (void)tlsd::probe::parse_response_head(
      std::string_view(reinterpret_cast<const char*>(data), size), head);
  return 0;
}
