// A route's dialogs run one after the other as one Dialog, so each driver
// runs exactly one. Bytes that arrive after a dialog is ready belong to the
// next one (a proxy's tunnel may open on an SMTP greeting). After the last
// one, any byte from the server is an error: plaintext that arrives before
// our TLS hello was pipelined or injected, and must never be read as part of
// TLS (RFC 3207 §4, the STARTTLS command injection class).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "probe/dialog.h"

namespace tlsd::probe {

class DialogChain : public Dialog {
 public:
  explicit DialogChain(std::vector<std::unique_ptr<Dialog>> dialogs);

  Bytes take_output() override;
  void feed(ByteView bytes) override;
  void feed_end() override;
  Bytes take_unconsumed() override { return {}; }
  DialogState state() const override;
  const Error& error() const override;
  std::string waiting_for() const override;
  const std::string& peer() const override;

 private:
  Dialog& current() const { return *dialogs_[at_]; }
  void advance();
  void refuse_extra(ByteView bytes);

  std::vector<std::unique_ptr<Dialog>> dialogs_;  // never empty
  size_t at_ = 0;                                 // the one running
  Bytes pending_output_;                          // of dialogs already done, not yet taken
  std::optional<Error> extra_bytes_;
};

}  // namespace tlsd::probe
