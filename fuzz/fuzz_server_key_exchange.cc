// ServerKeyExchange in every layout; the first byte picks layout and flags.
#include "wire/server_key_exchange.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  auto layout = static_cast<tlsd::wire::KexLayout>(data[0] % 6);
  bool signed_kex = data[0] & 0x10;
  bool tls12 = data[0] & 0x20;
  auto ske = tlsd::wire::parse_server_key_exchange(tlsd::ByteView(data + 1, size - 1), layout,
                                                   signed_kex, tls12);
  if (ske) (void)ske->dh_prime_bits();
  return 0;
}
