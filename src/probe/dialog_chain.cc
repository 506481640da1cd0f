#include "probe/dialog_chain.h"

#include <cstdlib>

namespace tlsd::probe {

DialogChain::DialogChain(std::vector<std::unique_ptr<Dialog>> dialogs)
    : dialogs_(std::move(dialogs)) {
  if (dialogs_.empty()) std::abort();  // an empty route runs no dialog at all
}

Bytes DialogChain::take_output() {
  Bytes out;
  out.swap(pending_output_);
  Bytes now = current().take_output();
  out.insert(out.end(), now.begin(), now.end());
  return out;
}

void DialogChain::feed(ByteView bytes) {
  if (bytes.empty()) return;
  if (state() == DialogState::ready) return refuse_extra(bytes);
  if (state() != DialogState::need_more) return;
  current().feed(bytes);
  advance();
}

// Moves past every dialog that is ready, handing on what it did not consume.
void DialogChain::advance() {
  while (current().state() == DialogState::ready && at_ + 1 < dialogs_.size()) {
    Bytes said = current().take_output();  // its last words go before the next one's first
    pending_output_.insert(pending_output_.end(), said.begin(), said.end());
    Bytes rest = current().take_unconsumed();
    ++at_;
    if (!rest.empty()) current().feed(rest);
  }
  if (current().state() == DialogState::ready)
    if (Bytes rest = current().take_unconsumed(); !rest.empty()) refuse_extra(rest);
}

void DialogChain::refuse_extra(ByteView bytes) {
  std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  extra_bytes_ =
      Error::protocol(ProtocolCode::dialog_extra_bytes,
                      "the " + current().peer() +
                          " sent bytes after it was ready for TLS, before our TLS hello "
                          "(pipelined or injected plaintext is refused, RFC 3207 §4): '" +
                          server_words(text, 64) + "'");
}

void DialogChain::feed_end() {
  if (state() == DialogState::need_more) current().feed_end();
}

DialogState DialogChain::state() const {
  if (extra_bytes_) return DialogState::failed;
  return current().state();  // ready only once the last one is: advance() moves on at once
}

const Error& DialogChain::error() const { return extra_bytes_ ? *extra_bytes_ : current().error(); }

std::string DialogChain::waiting_for() const { return current().waiting_for(); }

const std::string& DialogChain::peer() const { return current().peer(); }

}  // namespace tlsd::probe
