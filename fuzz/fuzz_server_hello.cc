// ServerHello / HelloRetryRequest bodies, with every extension row's parser.
#include "wire/server_hello.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto sh = tlsd::wire::parse_server_hello(tlsd::ByteView(data, size));
  if (sh) (void)sh->negotiated_version();
  return 0;
}
