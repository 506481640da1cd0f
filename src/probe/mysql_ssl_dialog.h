// MySQL / MariaDB TLS (MySQL's client/server protocol docs, "Initial
// Handshake" and "SSL Connection Request"; MariaDB's "Connection" page): the
// server speaks first with Handshake v10; when its capabilities include
// CLIENT_SSL we answer with the 32-byte SSLRequest packet (sequence id 1)
// and TLS starts. The packet is read bounded (DialogLimits::max_line); an
// ERR packet instead carries the server's words ("Host ... is not allowed
// to connect", "Too many connections").
#pragma once

#include <memory>
#include <string>

#include "probe/dialog_registry.h"
#include "probe/message_dialog.h"

namespace tlsd::probe {

class MysqlSslDialog : public MessageDialog {
 public:
  explicit MysqlSslDialog(DialogLimits limits = {});
  std::string waiting_for() const override;
  // The handshake's server_version, display-safe: "8.0.36",
  // "5.5.5-10.11.6-MariaDB-0+deb12u1". Empty before the handshake.
  const std::string& server_version() const { return server_version_; }

 private:
  size_t on_bytes(std::string_view buffered) override;
  void on_handshake(std::string_view payload);
  void on_err(std::string_view payload);

  std::string server_version_;
};

std::unique_ptr<Dialog> make_mysql_ssl(const DialogContext& context);

}  // namespace tlsd::probe
