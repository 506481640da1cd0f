#include "probe/dialog.h"

#include "base/text_safety.h"

namespace tlsd::probe {

// One escaping rule for everything from the network: base/text_safety.
std::string server_words(std::string_view raw, size_t max) {
  std::string out = display_safe(raw.substr(0, max));
  if (raw.size() > max) out += "...";
  return out;
}

LineDialog::LineDialog(std::string peer, DialogLimits limits)
    : peer_(std::move(peer)), limits_(limits) {}

Bytes LineDialog::take_unconsumed() {
  Bytes out;
  out.swap(unconsumed_);
  return out;
}

Bytes LineDialog::take_output() {
  Bytes out;
  out.swap(output_);
  return out;
}

void LineDialog::send(std::string_view text) {
  output_.insert(output_.end(), text.begin(), text.end());
}

void LineDialog::fail(Error error) {
  if (state_ == DialogState::failed) return;  // the first cause wins
  state_ = DialogState::failed;
  error_ = std::move(error);
}

void LineDialog::feed(ByteView bytes) {
  if (state_ == DialogState::failed || bytes.empty()) return;
  std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
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
  pending_.append(text);
  size_t at = 0;
  while (state_ == DialogState::need_more) {
    size_t end = pending_.find('\n', at);
    if (end == std::string::npos) break;
    std::string_view line = std::string_view(pending_).substr(at, end - at);
    if (line.ends_with('\r')) line.remove_suffix(1);
    at = end + 1;
    if (line.size() > limits_.max_line) return fail_long_line(line);
    if (++lines_ > limits_.max_lines) {
      fail(Error::protocol(ProtocolCode::dialog_too_many_lines,
                           "the " + peer_ + " sent more than " + std::to_string(limits_.max_lines) +
                               " lines without getting to TLS"));
      return;
    }
    on_line(line);
    if (state_ == DialogState::ready) unconsumed_.assign(pending_.begin() + at, pending_.end());
  }
  if (state_ != DialogState::need_more) return;
  pending_.erase(0, at);
  if (pending_.size() > limits_.max_line) fail_long_line(pending_);
}

void LineDialog::fail_long_line(std::string_view line) {
  fail(Error::protocol(ProtocolCode::dialog_line_too_long,
                       "the " + peer_ + " sent a line longer than " +
                           std::to_string(limits_.max_line) + " bytes: '" + server_words(line, 64) +
                           "'"));
}

void LineDialog::feed_end() {
  if (state_ != DialogState::need_more) return;
  fail(Error::transport(
      TransportCode::closed,
      "the " + peer_ + " closed the connection while we waited for " + waiting_for()));
}

}  // namespace tlsd::probe
