// HTTP CONNECT through a proxy (RFC 9110 §9.3.6): ask for a tunnel to
// host:port, read the proxy's status line and headers up to the blank line;
// a 2xx opens the tunnel, anything else is an error with the proxy's status
// line (and its Proxy-Authenticate challenge for a 407).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "probe/dialog.h"
#include "probe/dialog_registry.h"

namespace tlsd::probe {

class HttpConnectDialog : public LineDialog {
 public:
  // `authority` is "host:port" ("[::1]:443" for IPv6); `credentials` is
  // "user:password" for Basic authentication, empty for none.
  HttpConnectDialog(std::string authority, std::string_view credentials, DialogLimits limits = {});
  std::string waiting_for() const override;

 private:
  void on_line(std::string_view line) override;
  void on_head_end();

  enum class Expect { status_line, header };
  Expect expect_ = Expect::status_line;
  std::string authority_;
  int status_ = 0;
  std::string status_line_;
  std::vector<std::string> challenges_;  // Proxy-Authenticate values
  std::vector<std::string> headers_;     // the other header lines, shown on a refusal
  std::string headers_text() const;
};

std::unique_ptr<Dialog> make_http_connect(const DialogContext& context);

// "host:port", with brackets around an IPv6 literal.
std::string authority(std::string_view host, uint16_t port);
std::string base64(std::string_view bytes);

}  // namespace tlsd::probe
