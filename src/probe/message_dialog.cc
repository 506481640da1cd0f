#include "probe/message_dialog.h"

#include <algorithm>

namespace tlsd::probe {

MessageDialog::MessageDialog(std::string peer, DialogLimits limits)
    : peer_(std::move(peer)), limits_(limits) {}

Bytes MessageDialog::take_output() {
  Bytes out;
  out.swap(output_);
  return out;
}

Bytes MessageDialog::take_unconsumed() {
  Bytes out;
  out.swap(unconsumed_);
  return out;
}

void MessageDialog::send(std::string_view bytes) {
  output_.insert(output_.end(), bytes.begin(), bytes.end());
}

void MessageDialog::fail(Error error) {
  if (state_ == DialogState::failed) return;  // the first cause wins
  state_ = DialogState::failed;
  error_ = std::move(error);
}

void MessageDialog::feed(ByteView bytes) {
  if (state_ == DialogState::failed || bytes.empty()) return;
  if (state_ == DialogState::ready) {
    unconsumed_.insert(unconsumed_.end(), bytes.begin(), bytes.end());
    return;
  }
  total_ += bytes.size();
  if (total_ > limits_.max_total) {
    fail(Error::protocol(ProtocolCode::dialog_too_long, "the " + peer_ + " sent more than " +
                                                            std::to_string(limits_.max_total) +
                                                            " bytes without getting to TLS"));
    return;
  }
  buffer_.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  size_t at = 0;
  while (state_ == DialogState::need_more && at < buffer_.size()) {
    size_t used = on_bytes(std::string_view(buffer_).substr(at));
    if (used == 0) break;
    at += std::min(used, buffer_.size() - at);
  }
  if (state_ == DialogState::ready) unconsumed_.assign(buffer_.begin() + at, buffer_.end());
  buffer_.erase(0, at);
}

void MessageDialog::feed_end() {
  if (state_ != DialogState::need_more) return;
  fail(Error::transport(
      TransportCode::closed,
      "the " + peer_ + " closed the connection while we waited for " + waiting_for()));
}

}  // namespace tlsd::probe
