// FTP AUTH TLS (RFC 4217 §4, replies as RFC 959 §4.2): read the 220
// greeting (after any 1yz "wait" replies), send AUTH TLS, expect 234.
// Multi-line replies run from "xyz-" to the first line that starts "xyz ";
// the lines between may say anything. Every refusal carries the server's
// words.
#pragma once

#include <memory>
#include <string>

#include "probe/dialog.h"
#include "probe/dialog_registry.h"

namespace tlsd::probe {

class FtpAuthTlsDialog : public LineDialog {
 public:
  explicit FtpAuthTlsDialog(DialogLimits limits = {});
  std::string waiting_for() const override;

 private:
  void on_line(std::string_view line) override;
  void on_reply(int code);

  enum class Expect { greeting, auth_reply };
  Expect expect_ = Expect::greeting;
  int code_ = 0;       // of the multi-line reply being read; 0 between replies
  std::string words_;  // its text so far, for messages
};

std::unique_ptr<Dialog> make_ftp_auth_tls(const DialogContext& context);

}  // namespace tlsd::probe
