// A whole server flight, delivered in pieces whose sizes come from the input
// itself, as a hostile network would; then observed as a probe result.
#include "probe/observation.h"
#include "wire/server_flight.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  size_t chunk = 1 + data[0] % 64;
  tlsd::ByteView rest(data + 1, size - 1);
  tlsd::wire::FlightReader reader;
  tlsd::probe::ProbeResult result;
  while (!rest.empty() && !reader.complete()) {
    size_t n = std::min(chunk, rest.size());
    tlsd::Status st = reader.feed(rest.first(n));
    rest = rest.subspan(n);
    if (!st) {
      result.error = st.error();
      break;
    }
  }
  result.flight_complete = reader.complete();
  result.flight = std::move(reader).take();
  tlsd::probe::Offer offer;
  offer.client_random.assign(32, 0x42);
  offer.versions = {0x0300, 0x0301, 0x0302, 0x0303, 0x0304};
  for (uint16_t s = 0; s < 0x100; ++s) offer.suites.push_back(s);
  for (uint16_t s = 0xc000; s < 0xc100; ++s) offer.suites.push_back(s);
  for (uint16_t s = 0x1301; s < 0x1306; ++s) offer.suites.push_back(s);
  offer.groups = {0x0017, 0x0018, 0x0019, 0x001d, 0x001e, 0x0100, 0x11ec};
  (void)tlsd::probe::observe(result, offer);
  return 0;
}
