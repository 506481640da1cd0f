// The record layer and handshake reassembly over arbitrary bytes.
#include "wire/record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tlsd::wire::RecordStream records;
  tlsd::wire::HandshakeAssembler handshake;
  records.append(tlsd::ByteView(data, size));
  for (int i = 0; i < 1000; ++i) {
    auto rec = records.next();
    if (!rec || !*rec) break;
    handshake.add((*rec)->fragment);
    while (true) {
      auto msg = handshake.next();
      if (!msg || !*msg) break;
    }
  }
  return 0;
}
