// HOST[:PORT] as a user (or a file of targets) writes it.
#include <string>

#include "probe/target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto t = tlsd::probe::parse_target(text);
  if (t) (void)t->display();
  return 0;
}
