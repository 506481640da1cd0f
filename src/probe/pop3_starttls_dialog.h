// POP3 STLS (RFC 2595 §4, capabilities per RFC 2449): read the "+OK"
// greeting, send CAPA and read its multi-line answer up to the "." line,
// send STLS when listed, expect "+OK". A server that answers CAPA with -ERR
// (RFC 1939 only) is still asked STLS: its answer decides. Every refusal
// carries the server's words.
#pragma once

#include <memory>
#include <string>

#include "probe/dialog.h"
#include "probe/dialog_registry.h"

namespace tlsd::probe {

class Pop3StarttlsDialog : public LineDialog {
 public:
  explicit Pop3StarttlsDialog(DialogLimits limits = {});
  std::string waiting_for() const override;

 private:
  void on_line(std::string_view line) override;
  void send_stls();

  enum class Expect { greeting, capa_status, capa_lines, stls_reply };
  Expect expect_ = Expect::greeting;
  bool offers_stls_ = false;
  std::string capabilities_;  // the server's words, for messages
};

std::unique_ptr<Dialog> make_pop3_starttls(const DialogContext& context);

}  // namespace tlsd::probe
