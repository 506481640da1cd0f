#include "probe/message_dialog.h"

#include <algorithm>

namespace tlsd::probe {

MessageDialog::MessageDialog(std::string peer, DialogLimits limits)
    : FramedDialog(std::move(peer), limits) {}

void MessageDialog::feed(ByteView bytes) {
  if (!admit(bytes)) return;
  buffer_.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  size_t at = 0;
  while (state() == DialogState::need_more && at < buffer_.size()) {
    size_t used = on_bytes(std::string_view(buffer_).substr(at));
    if (used == 0) break;
    at += std::min(used, buffer_.size() - at);
  }
  if (state() == DialogState::ready) keep_unconsumed(std::string_view(buffer_).substr(at));
  buffer_.erase(0, at);
}

}  // namespace tlsd::probe
