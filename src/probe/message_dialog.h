// The frame of dialogs that are not line-based: PostgreSQL's SSLRequest,
// MySQL's packets, LDAP's BER, XMPP's XML stream. Bytes accumulate in one
// buffer (bounded in total by DialogLimits::max_total) and on_bytes() takes
// whole messages off its front; what is left once the dialog is ready is
// kept for take_unconsumed(), never read as TLS (dialog_chain.h).
#pragma once

#include <string>
#include <string_view>

#include "probe/dialog.h"

namespace tlsd::probe {

class MessageDialog : public Dialog {
 public:
  Bytes take_output() final;
  void feed(ByteView bytes) final;
  void feed_end() final;
  Bytes take_unconsumed() final;
  const std::string& peer() const final { return peer_; }
  DialogState state() const final { return state_; }
  const Error& error() const final { return error_; }

 protected:
  MessageDialog(std::string peer, DialogLimits limits);
  // The bytes not yet consumed; returns how many of them (whole messages)
  // it consumed, 0 when it needs more. Called again while it consumes and
  // the dialog still needs more.
  virtual size_t on_bytes(std::string_view buffered) = 0;
  void send(std::string_view bytes);
  void succeed() { state_ = DialogState::ready; }
  void fail(Error error);
  const DialogLimits& limits() const { return limits_; }

 private:
  std::string peer_;
  DialogLimits limits_;
  DialogState state_ = DialogState::need_more;
  Error error_;
  std::string buffer_;
  Bytes output_, unconsumed_;
  size_t total_ = 0;
};

}  // namespace tlsd::probe
