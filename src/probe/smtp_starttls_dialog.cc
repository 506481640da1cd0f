#include "probe/smtp_starttls_dialog.h"

#include <cctype>

namespace tlsd::probe {
namespace {

// We are a probe, not a mail host: a name that resolves nowhere (RFC 6761).
constexpr std::string_view kEhlo = "EHLO tlsdoctor.invalid\r\n";
constexpr size_t kMaxWords = 400;

// "250-SIZE 1000" -> 250 and more to come; -1 when not a reply line
// (RFC 5321 §4.2: 3DIGIT, then "-" for a continuation, SP or the line end
// for the last line).
int reply_code(std::string_view line, bool& last) {
  if (line.size() < 3) return -1;
  for (size_t i = 0; i < 3; ++i)
    if (!std::isdigit(static_cast<unsigned char>(line[i]))) return -1;
  if (line[0] < '2' || line[0] > '5') return -1;
  if (line.size() > 3 && line[3] != '-' && line[3] != ' ') return -1;
  last = line.size() == 3 || line[3] == ' ';
  return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

// The EHLO keyword of a reply line's text: "STARTTLS", "SIZE 1000" -> "SIZE".
bool is_starttls_keyword(std::string_view text) {
  std::string_view keyword = text.substr(0, text.find(' '));
  if (keyword.size() != 8) return false;
  for (size_t i = 0; i < 8; ++i)
    if (std::toupper(static_cast<unsigned char>(keyword[i])) != "STARTTLS"[i]) return false;
  return true;
}

}  // namespace

SmtpStarttlsDialog::SmtpStarttlsDialog(DialogLimits limits) : LineDialog("SMTP server", limits) {}

std::string SmtpStarttlsDialog::waiting_for() const {
  switch (expect_) {
    case Expect::greeting:
      return "the SMTP greeting";
    case Expect::ehlo_reply:
      return "the SMTP server's reply to EHLO";
    case Expect::starttls_reply:
      return "the SMTP server's reply to STARTTLS";
  }
  return "";
}

void SmtpStarttlsDialog::on_line(std::string_view line) {
  bool last = false;
  int code = reply_code(line, last);
  if (code < 0 || (code_ != 0 && code != code_)) {
    if (expect_ == Expect::greeting && code_ == 0)
      return fail(Error::protocol(
          ProtocolCode::not_smtp,
          "not an SMTP server: its first line was '" + server_words(line, 200) + "'"));
    return fail(Error::protocol(
        ProtocolCode::bad_smtp_reply,
        "the SMTP server sent a malformed reply line: '" + server_words(line, 200) + "'"));
  }
  std::string_view text = line.size() > 4 ? line.substr(4) : std::string_view();
  if (words_.size() < kMaxWords) words_ += (words_.empty() ? "" : " / ") + server_words(line, 200);
  if (expect_ == Expect::ehlo_reply && code == 250 && is_starttls_keyword(text))
    offers_starttls_ = true;
  code_ = code;
  if (!last) return;
  code_ = 0;
  on_reply(code);
  words_.clear();
}

void SmtpStarttlsDialog::on_reply(int code) {
  bool positive = code / 100 == 2;
  switch (expect_) {
    case Expect::greeting:
      if (!positive)
        return fail(Error::protocol(ProtocolCode::smtp_refused,
                                    "the SMTP server refused the session: '" + words_ + "'"));
      if (code != 220)
        return fail(
            Error::protocol(ProtocolCode::not_smtp, "not an SMTP greeting: '" + words_ + "'"));
      send(kEhlo);
      expect_ = Expect::ehlo_reply;
      return;
    case Expect::ehlo_reply:
      if (code != 250)
        return fail(Error::protocol(ProtocolCode::smtp_refused,
                                    "the SMTP server refused EHLO: '" + words_ + "'"));
      if (!offers_starttls_)
        return fail(
            Error::protocol(ProtocolCode::starttls_unsupported,
                            "the SMTP server's EHLO reply has no STARTTLS: '" + words_ + "'"));
      send("STARTTLS\r\n");
      expect_ = Expect::starttls_reply;
      return;
    case Expect::starttls_reply:
      if (code != 220)
        return fail(Error::protocol(ProtocolCode::starttls_refused,
                                    "the SMTP server refused STARTTLS: '" + words_ + "'"));
      return succeed();
  }
}

std::unique_ptr<Dialog> make_smtp_starttls(const DialogContext&) {
  return std::make_unique<SmtpStarttlsDialog>();
}

}  // namespace tlsd::probe
