#include "wire/certificate_request.h"

// The first byte picks the layout: TLS <= 1.1, TLS 1.2 or TLS 1.3; every
// name a request carries is decoded as the report would.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  tlsd::ByteView body(data + 1, size - 1);
  auto cr = data[0] % 3 == 2 ? tlsd::wire::parse_certificate_request13(body)
                             : tlsd::wire::parse_certificate_request(body, data[0] % 3 == 1);
  if (cr)
    for (const tlsd::Bytes& dn : cr->authorities) (void)tlsd::wire::distinguished_name_text(dn);
  (void)tlsd::wire::parse_server_hello_done(tlsd::ByteView(data, size));
  return 0;
}
