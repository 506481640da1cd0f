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

class MessageDialog : public FramedDialog {
 public:
  void feed(ByteView bytes) final;

 protected:
  MessageDialog(std::string peer, DialogLimits limits);
  // The bytes not yet consumed; returns how many of them (whole messages)
  // it consumed, 0 when it needs more. Called again while it consumes and
  // the dialog still needs more.
  virtual size_t on_bytes(std::string_view buffered) = 0;

 private:
  std::string buffer_;
};

}  // namespace tlsd::probe
