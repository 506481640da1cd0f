#include "probe/pop3_starttls_dialog.h"

#include <cctype>

namespace tlsd::probe {
namespace {

constexpr size_t kMaxWords = 400;

// RFC 1939 §3: status indicators are "+OK" and "-ERR", in upper case,
// followed by a space or the line end.
bool has_status(std::string_view line, std::string_view status) {
  return line.starts_with(status) && (line.size() == status.size() || line[status.size()] == ' ');
}

bool is_stls_line(std::string_view line) {
  std::string_view keyword = line.substr(0, line.find(' '));
  if (keyword.size() != 4) return false;
  for (size_t i = 0; i < 4; ++i)
    if (std::toupper(static_cast<unsigned char>(keyword[i])) != "STLS"[i]) return false;
  return true;
}

}  // namespace

Pop3StarttlsDialog::Pop3StarttlsDialog(DialogLimits limits) : LineDialog("POP3 server", limits) {}

std::string Pop3StarttlsDialog::waiting_for() const {
  switch (expect_) {
    case Expect::greeting:
      return "the POP3 greeting";
    case Expect::capa_status:
    case Expect::capa_lines:
      return "the POP3 server's reply to CAPA";
    case Expect::stls_reply:
      return "the POP3 server's reply to STLS";
  }
  return "";
}

void Pop3StarttlsDialog::send_stls() {
  send("STLS\r\n");
  expect_ = Expect::stls_reply;
}

void Pop3StarttlsDialog::on_line(std::string_view line) {
  bool ok = has_status(line, "+OK"), err = has_status(line, "-ERR");
  switch (expect_) {
    case Expect::greeting:
      if (err)
        return fail(Error::protocol(
            ProtocolCode::pop3_refused,
            "the POP3 server refused the session: '" + server_words(line, 300) + "'"));
      if (!ok)
        return fail(Error::protocol(
            ProtocolCode::not_pop3,
            "not a POP3 server: its first line was '" + server_words(line, 200) + "'"));
      send("CAPA\r\n");
      expect_ = Expect::capa_status;
      return;
    case Expect::capa_status:
      if (err) return send_stls();  // no CAPA (RFC 1939 only): STLS's answer decides
      if (!ok)
        return fail(Error::protocol(
            ProtocolCode::not_pop3,
            "the POP3 server sent a malformed reply: '" + server_words(line, 200) + "'"));
      expect_ = Expect::capa_lines;
      return;
    case Expect::capa_lines:
      if (line == ".") {
        if (!offers_stls_)
          return fail(
              Error::protocol(ProtocolCode::starttls_unsupported,
                              "the POP3 server's CAPA has no STLS: '" + capabilities_ + "'"));
        return send_stls();
      }
      if (line.starts_with('.')) line.remove_prefix(1);  // RFC 1939 §3 byte-stuffing
      if (is_stls_line(line)) offers_stls_ = true;
      if (capabilities_.size() < kMaxWords)
        capabilities_ += (capabilities_.empty() ? "" : " / ") + server_words(line, 200);
      return;
    case Expect::stls_reply:
      if (err)
        return fail(
            Error::protocol(ProtocolCode::starttls_refused,
                            "the POP3 server refused STLS: '" + server_words(line, 300) + "'"));
      if (!ok)
        return fail(Error::protocol(
            ProtocolCode::not_pop3,
            "the POP3 server sent a malformed reply: '" + server_words(line, 200) + "'"));
      return succeed();
  }
}

std::unique_ptr<Dialog> make_pop3_starttls(const DialogContext&) {
  return std::make_unique<Pop3StarttlsDialog>();
}

}  // namespace tlsd::probe
