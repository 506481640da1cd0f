// LDAP StartTLS (RFC 4511 §4.14, §4.12): send an ExtendedRequest named
// 1.3.6.1.4.1.1466.20037 as message 1, read the ExtendedResponse with a
// bounded BER reader (definite lengths only, as §5.1 requires), resultCode
// 0 = go ahead; any other is named ("resultCode 2 (protocolError)") with the
// server's diagnosticMessage. A Notice of Disconnection (message 0, §4.4.1)
// is the server hanging up, with its reason.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "probe/dialog_registry.h"
#include "probe/message_dialog.h"

namespace tlsd::probe {

class LdapStarttlsDialog : public MessageDialog {
 public:
  explicit LdapStarttlsDialog(DialogLimits limits = {});
  std::string waiting_for() const override;

 private:
  size_t on_bytes(std::string_view buffered) override;
  void on_message(std::string_view message);
};

// RFC 4511 Appendix A's name of an LDAP resultCode: "protocolError";
// empty for codes it does not name.
std::string_view ldap_result_name(uint32_t code);

std::unique_ptr<Dialog> make_ldap_starttls(const DialogContext& context);

}  // namespace tlsd::probe
