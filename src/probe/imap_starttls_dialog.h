// IMAP STARTTLS (RFC 3501 §6.2.1, RFC 9051 §6.2.1, RFC 2595): read the
// "* OK" greeting, ask CAPABILITY unless the greeting's [CAPABILITY ...]
// response code already lists STARTTLS, send STARTTLS, expect a tagged OK.
// Untagged lines in between are read and bounded; every refusal carries the
// server's words.
#pragma once

#include <memory>
#include <string>

#include "probe/dialog.h"
#include "probe/dialog_registry.h"

namespace tlsd::probe {

class ImapStarttlsDialog : public LineDialog {
 public:
  explicit ImapStarttlsDialog(DialogLimits limits = {});
  std::string waiting_for() const override;

 private:
  void on_line(std::string_view line) override;
  void on_greeting(std::string_view line);
  void on_tagged(std::string_view status, std::string_view line);
  void send_starttls();

  enum class Expect { greeting, capability_reply, starttls_reply };
  Expect expect_ = Expect::greeting;
  bool offers_starttls_ = false;
  std::string capabilities_;  // the server's words, for messages
};

std::unique_ptr<Dialog> make_imap_starttls(const DialogContext& context);

}  // namespace tlsd::probe
