#include "probe/imap_starttls_dialog.h"

#include <cctype>

namespace tlsd::probe {
namespace {

constexpr std::string_view kCapabilityTag = "a1";
constexpr std::string_view kStarttlsTag = "a2";
constexpr size_t kMaxWords = 400;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// The next space-separated word of `text` from `at`, moving `at` past it.
std::string_view next_word(std::string_view text, size_t& at) {
  while (at < text.size() && text[at] == ' ') ++at;
  size_t end = text.find(' ', at);
  if (end == std::string_view::npos) end = text.size();
  std::string_view word = text.substr(at, end - at);
  at = end;
  return word;
}

// Whether a capability list ("IMAP4rev1 STARTTLS LOGINDISABLED", possibly
// ending in "]" inside a response code) names STARTTLS (RFC 3501 §7.2.1).
bool lists_starttls(std::string_view list) {
  size_t at = 0;
  while (at < list.size()) {
    std::string_view word = next_word(list, at);
    if (word.ends_with(']')) word.remove_suffix(1);
    if (iequals(word, "STARTTLS")) return true;
  }
  return false;
}

}  // namespace

ImapStarttlsDialog::ImapStarttlsDialog(DialogLimits limits) : LineDialog("IMAP server", limits) {}

std::string ImapStarttlsDialog::waiting_for() const {
  switch (expect_) {
    case Expect::greeting:
      return "the IMAP greeting";
    case Expect::capability_reply:
      return "the IMAP server's reply to CAPABILITY";
    case Expect::starttls_reply:
      return "the IMAP server's reply to STARTTLS";
  }
  return "";
}

void ImapStarttlsDialog::send_starttls() {
  send(std::string(kStarttlsTag) + " STARTTLS\r\n");
  expect_ = Expect::starttls_reply;
}

void ImapStarttlsDialog::on_line(std::string_view line) {
  if (expect_ == Expect::greeting) return on_greeting(line);
  size_t at = 0;
  std::string_view tag = next_word(line, at);
  std::string_view status = next_word(line, at);
  if (tag == "*") {  // untagged: a CAPABILITY answer, or anything else the server says
    if (iequals(status, "CAPABILITY")) {
      if (lists_starttls(line.substr(at))) offers_starttls_ = true;
      if (capabilities_.size() < kMaxWords) capabilities_ += server_words(line, 300);
    } else if (iequals(status, "BYE")) {
      fail(Error::protocol(ProtocolCode::imap_refused, "the IMAP server closed the session: '" +
                                                           server_words(line, 300) + "'"));
    }
    return;
  }
  std::string_view want = expect_ == Expect::capability_reply ? kCapabilityTag : kStarttlsTag;
  if (tag == "+" || !iequals(tag, want))
    return fail(Error::protocol(
        ProtocolCode::not_imap,
        "the IMAP server sent an unexpected line: '" + server_words(line, 200) + "'"));
  on_tagged(status, line);
}

void ImapStarttlsDialog::on_greeting(std::string_view line) {
  size_t at = 0;
  std::string_view star = next_word(line, at);
  std::string_view status = next_word(line, at);
  if (star != "*" ||
      !(iequals(status, "OK") || iequals(status, "PREAUTH") || iequals(status, "BYE")))
    return fail(Error::protocol(ProtocolCode::not_imap, "not an IMAP server: its first line was '" +
                                                            server_words(line, 200) + "'"));
  if (iequals(status, "BYE"))
    return fail(
        Error::protocol(ProtocolCode::imap_refused,
                        "the IMAP server refused the session: '" + server_words(line, 300) + "'"));
  // RFC 3501 §6.2.1: STARTTLS only in the not-authenticated state.
  if (iequals(status, "PREAUTH"))
    return fail(
        Error::protocol(ProtocolCode::imap_refused,
                        "the IMAP server greets with PREAUTH (already authenticated), where "
                        "STARTTLS is not allowed: '" +
                            server_words(line, 300) + "'"));
  std::string_view rest = line.substr(at);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  constexpr std::string_view kCode = "[CAPABILITY ";
  if (rest.size() > kCode.size() && iequals(rest.substr(0, kCode.size()), kCode)) {
    std::string_view list = rest.substr(kCode.size(), rest.find(']') - kCode.size());
    if (lists_starttls(list)) return send_starttls();
  }
  send(std::string(kCapabilityTag) + " CAPABILITY\r\n");
  expect_ = Expect::capability_reply;
}

void ImapStarttlsDialog::on_tagged(std::string_view status, std::string_view line) {
  bool ok = iequals(status, "OK");
  if (!ok && !iequals(status, "NO") && !iequals(status, "BAD"))
    return fail(Error::protocol(
        ProtocolCode::not_imap,
        "the IMAP server sent a malformed reply: '" + server_words(line, 200) + "'"));
  if (expect_ == Expect::capability_reply) {
    if (!ok)
      return fail(
          Error::protocol(ProtocolCode::imap_refused,
                          "the IMAP server refused CAPABILITY: '" + server_words(line, 300) + "'"));
    if (!offers_starttls_)
      return fail(
          Error::protocol(ProtocolCode::starttls_unsupported,
                          "the IMAP server's CAPABILITY has no STARTTLS: '" + capabilities_ + "'"));
    return send_starttls();
  }
  if (!ok)
    return fail(
        Error::protocol(ProtocolCode::starttls_refused,
                        "the IMAP server refused STARTTLS: '" + server_words(line, 300) + "'"));
  succeed();
}

std::unique_ptr<Dialog> make_imap_starttls(const DialogContext&) {
  return std::make_unique<ImapStarttlsDialog>();
}

}  // namespace tlsd::probe
