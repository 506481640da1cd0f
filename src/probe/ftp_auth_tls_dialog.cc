#include "probe/ftp_auth_tls_dialog.h"

#include <cctype>

namespace tlsd::probe {
namespace {

constexpr size_t kMaxWords = 400;

// "220-Welcome" -> 220, more to come; -1 when the line does not start a
// reply (RFC 959 §4.2: three digits, the first 1 to 5, then "-", SP or the
// line end).
int reply_code(std::string_view line, bool& last) {
  if (line.size() < 3) return -1;
  for (size_t i = 0; i < 3; ++i)
    if (!std::isdigit(static_cast<unsigned char>(line[i]))) return -1;
  if (line[0] < '1' || line[0] > '5') return -1;
  if (line.size() > 3 && line[3] != '-' && line[3] != ' ') return -1;
  last = line.size() == 3 || line[3] == ' ';
  return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

}  // namespace

FtpAuthTlsDialog::FtpAuthTlsDialog(DialogLimits limits) : LineDialog("FTP server", limits) {}

std::string FtpAuthTlsDialog::waiting_for() const {
  return expect_ == Expect::greeting ? "the FTP greeting" : "the FTP server's reply to AUTH TLS";
}

void FtpAuthTlsDialog::on_line(std::string_view line) {
  if (words_.size() < kMaxWords) words_ += (words_.empty() ? "" : " / ") + server_words(line, 200);
  bool last = false;
  int code = reply_code(line, last);
  if (code_ != 0) {  // inside a multi-line reply: only "xyz " ends it
    if (code == code_ && last) {
      code_ = 0;
      on_reply(code);
    }
    return;
  }
  if (code < 0) {
    if (expect_ == Expect::greeting)
      return fail(Error::protocol(ProtocolCode::not_ftp, "not an FTP server: its first line was '" +
                                                             server_words(line, 200) + "'"));
    return fail(Error::protocol(ProtocolCode::not_ftp, "the FTP server sent a malformed reply: '" +
                                                           server_words(line, 200) + "'"));
  }
  if (!last) {
    code_ = code;
    return;
  }
  on_reply(code);
}

void FtpAuthTlsDialog::on_reply(int code) {
  std::string words;
  words.swap(words_);
  if (code / 100 == 1) return;  // 120 "ready in nnn minutes": the real reply follows
  if (expect_ == Expect::greeting) {
    if (code / 100 == 4 || code / 100 == 5)
      return fail(Error::protocol(ProtocolCode::ftp_refused,
                                  "the FTP server refused the session: '" + words + "'"));
    if (code != 220)
      return fail(Error::protocol(ProtocolCode::not_ftp, "not an FTP greeting: '" + words + "'"));
    send("AUTH TLS\r\n");
    expect_ = Expect::auth_reply;
    return;
  }
  if (code == 234) return succeed();
  // 500/502: the command is unknown; 504, 534, 431: known and refused
  // (RFC 4217 §4, RFC 2228 §4).
  if (code == 500 || code == 502)
    return fail(Error::protocol(ProtocolCode::starttls_unsupported,
                                "the FTP server does not know AUTH TLS: '" + words + "'"));
  fail(Error::protocol(ProtocolCode::starttls_refused,
                       "the FTP server refused AUTH TLS: '" + words + "'"));
}

std::unique_ptr<Dialog> make_ftp_auth_tls(const DialogContext&) {
  return std::make_unique<FtpAuthTlsDialog>();
}

}  // namespace tlsd::probe
