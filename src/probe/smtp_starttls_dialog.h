// SMTP STARTTLS (RFC 3207, replies as RFC 5321 §4.2): read the 220
// greeting, send EHLO, look for STARTTLS among the 250 reply's keywords,
// send STARTTLS, expect 220. Replies may span lines ("250-..." then
// "250 ..."); every refusal carries the server's words.
#pragma once

#include <memory>
#include <string>

#include "probe/dialog.h"
#include "probe/dialog_registry.h"

namespace tlsd::probe {

class SmtpStarttlsDialog : public LineDialog {
 public:
  explicit SmtpStarttlsDialog(DialogLimits limits = {});
  std::string waiting_for() const override;

 private:
  void on_line(std::string_view line) override;
  void on_reply(int code);

  enum class Expect { greeting, ehlo_reply, starttls_reply };
  Expect expect_ = Expect::greeting;
  int code_ = 0;       // of the reply being read; 0 between replies
  std::string words_;  // its text so far, for messages
  bool offers_starttls_ = false;
};

std::unique_ptr<Dialog> make_smtp_starttls(const DialogContext& context);

}  // namespace tlsd::probe
