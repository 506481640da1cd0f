// Proxy settings as --proxy and HTTPS_PROXY / NO_PROXY give them.
#include <string>

#include "probe/proxy_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto p = tlsd::probe::parse_proxy_url(text, "--proxy");
  if (p) (void)p->shown();
  (void)tlsd::probe::no_proxy_matches(text, "www.example.com");
  (void)tlsd::probe::no_proxy_matches(text, "10.1.2.3");
  (void)tlsd::probe::no_proxy_matches("example.com,10.0.0.0/8,::1", text);
  return 0;
}
