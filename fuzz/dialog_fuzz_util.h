// Plays fuzz input to a dialog as a server would: the first byte picks the
// read size, the rest arrives in reads of that size, then the server closes.
// Whatever happens, what the dialog says about the server must be printable.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>

#include "probe/dialog.h"

inline void fuzz_dialog(tlsd::probe::Dialog& dialog, const uint8_t* data, size_t size) {
  if (size == 0) return;
  size_t chunk = data[0] % 64 + 1;
  (void)dialog.take_output();
  for (size_t at = 1; at < size; at += chunk) {
    dialog.feed(tlsd::ByteView(data + at, std::min(chunk, size - at)));
    (void)dialog.take_output();
  }
  dialog.feed_end();
  if (dialog.state() == tlsd::probe::DialogState::failed)
    for (char c : dialog.error().message)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) std::abort();
}
