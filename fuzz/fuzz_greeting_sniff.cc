// Whatever a server says first where TLS was expected.
#include "probe/greeting_sniff.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto message = tlsd::probe::plaintext_greeting_message(tlsd::ByteView(data, size));
  if (message && message->size() > 1024) __builtin_trap();  // bounded, whatever arrives
  return 0;
}
