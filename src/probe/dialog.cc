#include "probe/dialog.h"

#include "base/text_safety.h"

namespace tlsd::probe {

// One escaping rule for everything from the network: base/text_safety.
std::string server_words(std::string_view raw, size_t max) {
  std::string out = display_safe(raw.substr(0, max));
  if (raw.size() > max) out += "...";
  return out;
}

FramedDialog::FramedDialog(std::string peer, DialogLimits limits)
    : peer_(std::move(peer)), limits_(limits) {}

Bytes FramedDialog::take_unconsumed() {
  Bytes out;
  out.swap(unconsumed_);
  return out;
}

Bytes FramedDialog::take_output() {
  Bytes out;
  out.swap(output_);
  return out;
}

void FramedDialog::send(std::string_view bytes) {
  output_.insert(output_.end(), bytes.begin(), bytes.end());
}

void FramedDialog::fail(Error error) {
  if (state_ == DialogState::failed) return;  // the first cause wins
  state_ = DialogState::failed;
  error_ = std::move(error);
}

bool FramedDialog::admit(ByteView bytes) {
  if (state_ == DialogState::failed || bytes.empty()) return false;
  if (state_ == DialogState::ready) {
    unconsumed_.insert(unconsumed_.end(), bytes.begin(), bytes.end());
    return false;
  }
  total_ += bytes.size();
  if (total_ > limits_.max_total) {
    fail(Error::protocol(ProtocolCode::dialog_too_long, "the " + peer_ + " sent more than " +
                                                            std::to_string(limits_.max_total) +
                                                            " bytes without getting to TLS"));
    return false;
  }
  return true;
}

void FramedDialog::feed_end() {
  if (state_ != DialogState::need_more) return;
  fail(Error::transport(
      TransportCode::closed,
      "the " + peer_ + " closed the connection while we waited for " + waiting_for()));
}

LineDialog::LineDialog(std::string peer, DialogLimits limits)
    : FramedDialog(std::move(peer), limits) {}

void LineDialog::feed(ByteView bytes) {
  if (!admit(bytes)) return;
  pending_.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  size_t at = 0;
  while (state() == DialogState::need_more) {
    size_t end = pending_.find('\n', at);
    if (end == std::string::npos) break;
    std::string_view line = std::string_view(pending_).substr(at, end - at);
    if (line.ends_with('\r')) line.remove_suffix(1);
    at = end + 1;
    if (line.size() > limits().max_line) return fail_long_line(line);
    if (++lines_ > limits().max_lines) {
      fail(Error::protocol(ProtocolCode::dialog_too_many_lines,
                           "the " + peer() + " sent more than " +
                               std::to_string(limits().max_lines) +
                               " lines without getting to TLS"));
      return;
    }
    on_line(line);
    if (state() == DialogState::ready) keep_unconsumed(std::string_view(pending_).substr(at));
  }
  if (state() != DialogState::need_more) return;
  pending_.erase(0, at);
  if (pending_.size() > limits().max_line) fail_long_line(pending_);
}

void LineDialog::fail_long_line(std::string_view line) {
  fail(Error::protocol(ProtocolCode::dialog_line_too_long,
                       "the " + peer() + " sent a line longer than " +
                           std::to_string(limits().max_line) + " bytes: '" +
                           server_words(line, 64) + "'"));
}

}  // namespace tlsd::probe
