// Plays a server's bytes to a dialog, for the dialog tests and fuzz targets.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "probe/dialog.h"

namespace tlsd::probe {

// Feeds `server` in pieces of `chunk` bytes (0: all at once), stopping when
// the dialog is done; returns everything the dialog sent.
inline std::string play(Dialog& dialog, std::string_view server, size_t chunk = 0) {
  std::string sent;
  auto take = [&] {
    Bytes out = dialog.take_output();
    sent.append(out.begin(), out.end());
  };
  take();
  if (chunk == 0) chunk = server.size() ? server.size() : 1;
  for (size_t at = 0; at < server.size() && dialog.state() == DialogState::need_more; at += chunk) {
    std::string_view piece = server.substr(at, chunk);
    dialog.feed(ByteView(reinterpret_cast<const uint8_t*>(piece.data()), piece.size()));
    take();
  }
  return sent;
}

inline std::vector<std::unique_ptr<Dialog>> one(std::unique_ptr<Dialog> dialog) {
  std::vector<std::unique_ptr<Dialog>> out;
  out.push_back(std::move(dialog));
  return out;
}

}  // namespace tlsd::probe
