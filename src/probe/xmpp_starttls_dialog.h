// XMPP STARTTLS (RFC 6120 §4.2, §5.4): open a stream to the domain (client
// or server-to-server), read the server's stream header and its
// <stream:features/>, send <starttls/> when listed, expect <proceed/>
// (<failure/> is a refusal; a <stream:error/> names its condition and
// text). XML is scanned, not parsed: tags one at a time, each bounded by
// DialogLimits::max_line and the whole by max_total; comments and DTDs,
// which RFC 6120 §11.1 forbids, are refused.
#pragma once

#include <memory>
#include <string>

#include "probe/dialog_registry.h"
#include "probe/message_dialog.h"

namespace tlsd::probe {

class XmppStarttlsDialog : public MessageDialog {
 public:
  enum class Kind { client, server };  // jabber:client (5222), jabber:server (5269)
  XmppStarttlsDialog(Kind kind, const std::string& domain, DialogLimits limits = {});
  std::string waiting_for() const override;

 private:
  size_t on_bytes(std::string_view buffered) override;
  void on_start(std::string_view tag, std::string_view local, bool empty);
  void on_end(std::string_view local);
  void on_text(std::string_view text);

  void end_features();

  enum class Expect { header, features, proceed };
  Expect expect_ = Expect::header;
  int depth_ = 0;  // open elements, the stream's own included
  bool in_features_ = false, in_error_ = false, in_error_text_ = false;
  bool offers_starttls_ = false;
  bool proceeding_ = false;  // inside a <proceed> written with an end tag
  std::string features_;     // the features' names, for messages
  std::string condition_, error_text_;
};

std::unique_ptr<Dialog> make_xmpp_client(const DialogContext& context);
std::unique_ptr<Dialog> make_xmpp_server(const DialogContext& context);

}  // namespace tlsd::probe
