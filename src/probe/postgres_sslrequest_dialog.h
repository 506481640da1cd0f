// PostgreSQL's SSLRequest (protocol docs §55.2.10 "SSL Session Encryption"):
// send the 8-byte SSLRequest, read one byte: 'S' = go ahead with TLS, 'N' =
// the server does not do SSL (ssl = off). 'E' is an ErrorResponse from a
// server that cannot even answer (fork failure, or one that predates SSL),
// in protocol 3 (length and fields) or protocol 2 (one C string) form;
// libpq reads both. Nothing after 'S' is read: a server that sends more is
// refused by the chain (CVE-2021-23222, bytes buffered before TLS).
#pragma once

#include <memory>
#include <string>

#include "probe/dialog_registry.h"
#include "probe/message_dialog.h"

namespace tlsd::probe {

class PostgresSslRequestDialog : public MessageDialog {
 public:
  explicit PostgresSslRequestDialog(DialogLimits limits = {});
  std::string waiting_for() const override;

 private:
  size_t on_bytes(std::string_view buffered) override;
  size_t on_error_response(std::string_view buffered);
};

// The words of an ErrorResponse body (protocol 3: one-byte field type and C
// string, ending in a zero byte): "FATAL 53300: sorry, too many clients".
std::string postgres_error_words(std::string_view fields);

std::unique_ptr<Dialog> make_postgres_sslrequest(const DialogContext& context);

}  // namespace tlsd::probe
