#include "probe/http_connect_dialog.h"

#include <cctype>

namespace tlsd::probe {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// "HTTP/1.1 407 Proxy Authentication Required" -> 407; 0 when it is not a
// status line (RFC 9112 §4: HTTP-version SP 3DIGIT SP [reason]).
int status_code(std::string_view line) {
  if (line.size() < 12 || !line.starts_with("HTTP/1.") || line[8] != ' ') return 0;
  int code = 0;
  for (size_t i = 9; i < 12; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(line[i]))) return 0;
    code = code * 10 + (line[i] - '0');
  }
  if (line.size() > 12 && line[12] != ' ') return 0;
  return code >= 100 ? code : 0;
}

}  // namespace

std::string authority(std::string_view host, uint16_t port) {
  bool v6 = host.find(':') != std::string_view::npos;
  return (v6 ? "[" + std::string(host) + "]" : std::string(host)) + ":" + std::to_string(port);
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

HttpConnectDialog::HttpConnectDialog(std::string authority, std::string_view credentials,
                                     DialogLimits limits)
    : LineDialog("HTTP proxy", limits), authority_(std::move(authority)) {
  std::string request = "CONNECT " + authority_ + " HTTP/1.1\r\nHost: " + authority_ + "\r\n";
  if (!credentials.empty()) request += "Proxy-Authorization: Basic " + base64(credentials) + "\r\n";
  request += "User-Agent: tlsdoctor\r\n\r\n";
  send(request);
}

std::string HttpConnectDialog::waiting_for() const {
  return expect_ == Expect::status_line ? "the proxy's answer to CONNECT " + authority_
                                        : "the end of the proxy's response headers";
}

void HttpConnectDialog::on_line(std::string_view line) {
  if (expect_ == Expect::status_line) {
    status_ = status_code(line);
    if (status_ == 0)
      return fail(Error::protocol(
          ProtocolCode::not_http_proxy,
          "not an HTTP proxy: it answered CONNECT with '" + server_words(line, 200) + "'"));
    status_line_ = server_words(line, 200);
    expect_ = Expect::header;
    return;
  }
  if (line.empty()) return on_head_end();
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0)
    return fail(Error::protocol(
        ProtocolCode::bad_proxy_response,
        "the HTTP proxy sent a malformed header: '" + server_words(line, 200) + "'"));
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  if (iequals(line.substr(0, colon), "Proxy-Authenticate")) {
    if (challenges_.size() < 4) challenges_.push_back(server_words(value, 200));
  } else if (headers_.size() < 8) {  // the proxy's own words on a refusal (Server, Via, ...)
    headers_.push_back(server_words(line, 200));
  }
}

std::string HttpConnectDialog::headers_text() const {
  std::string out;
  for (const std::string& header : headers_) out += (out.empty() ? "" : "; ") + header;
  return out.empty() ? "" : " [headers: " + out + "]";
}

void HttpConnectDialog::on_head_end() {
  if (status_ >= 200 && status_ < 300) return succeed();
  if (status_ < 200) {  // an interim response (RFC 9110 §15.2): the final one follows
    expect_ = Expect::status_line;
    challenges_.clear();
    headers_.clear();
    return;
  }
  if (status_ == 407) {
    std::string message = "the proxy answered '" + status_line_ + "'";
    for (const std::string& challenge : challenges_)
      message += " (Proxy-Authenticate: " + challenge + ")";
    message += headers_text();
    return fail(Error::protocol(ProtocolCode::proxy_auth_required, message));
  }
  fail(Error::protocol(
      ProtocolCode::proxy_refused,
      "the proxy refused CONNECT " + authority_ + ": '" + status_line_ + "'" + headers_text()));
}

std::unique_ptr<Dialog> make_http_connect(const DialogContext& context) {
  return std::make_unique<HttpConnectDialog>(authority(context.host, context.port),
                                             context.spec.credentials);
}

}  // namespace tlsd::probe
