// The data-file loader: data is ours, but a bad edit must fail cleanly.
#include <string>

#include "catalog/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)tlsd::catalog::parse_csv("fuzz.csv", text, {"code", "name"});
  return 0;
}
