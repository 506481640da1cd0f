// Targets as users write them: URLs with schemes, userinfo, paths, flags.
#include <string>

#include "probe/target_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (const char* starttls : {"", "smtp"}) {
    auto s = tlsd::probe::parse_target_spec(text, {starttls, false});
    if (s) (void)s->target.display();
  }
  (void)tlsd::probe::parse_target_spec(text, {"", true});
  return 0;
}
