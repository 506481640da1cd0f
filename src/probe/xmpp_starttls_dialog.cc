#include "probe/xmpp_starttls_dialog.h"

namespace tlsd::probe {
namespace {

constexpr std::string_view kTlsNs = "urn:ietf:params:xml:ns:xmpp-tls";
constexpr std::string_view kStreamsNs = "http://etherx.jabber.org/streams";
constexpr size_t kMaxWords = 300;

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The end of the tag starting at buffered[0] == '<': the index of its '>',
// quotes respected; npos when it has not all arrived.
size_t tag_end(std::string_view buffered) {
  char quote = 0;
  for (size_t i = 1; i < buffered.size(); ++i) {
    char c = buffered[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

XmppStarttlsDialog::XmppStarttlsDialog(Kind kind, const std::string& domain, DialogLimits limits)
    : MessageDialog(kind == Kind::client ? "XMPP server" : "XMPP server (server-to-server)",
                    limits) {
  send("<?xml version='1.0'?><stream:stream to='" + xml_escape(domain) + "' version='1.0' xmlns='" +
       (kind == Kind::client ? "jabber:client" : "jabber:server") + "' xmlns:stream='" +
       std::string(kStreamsNs) + "'>");
}

std::string XmppStarttlsDialog::waiting_for() const {
  switch (expect_) {
    case Expect::header:
      return "the XMPP stream header";
    case Expect::features:
      return "the XMPP stream features";
    case Expect::proceed:
      return "the XMPP server's answer to STARTTLS";
  }
  return "";
}

size_t XmppStarttlsDialog::on_bytes(std::string_view buffered) {
  size_t bound = limits().max_line;
  if (buffered[0] != '<') {  // text (whitespace keepalives, or an error's <text>)
    // Outside any element only whitespace may come (RFC 6120 §4.6.1): judge at once.
    if (depth_ <= 1 && !is_space(buffered[0])) {
      fail(Error::protocol(ProtocolCode::not_xmpp,
                           expect_ == Expect::header
                               ? "not an XMPP server: it sent '" + server_words(buffered, 64) + "'"
                               : "the " + peer() + " sent text outside any element: '" +
                                     server_words(buffered, 64) + "'"));
      return buffered.size();
    }
    size_t end = buffered.find('<');
    if (end == std::string_view::npos) {
      if (buffered.size() <= bound) return 0;
      end = buffered.size();
    }
    if (end > bound) {
      fail(Error::protocol(ProtocolCode::dialog_line_too_long,
                           "the " + peer() + " sent text longer than " + std::to_string(bound) +
                               " bytes: '" + server_words(buffered, 64) + "'"));
      return buffered.size();
    }
    on_text(buffered.substr(0, end));
    return end;
  }
  size_t end = tag_end(buffered);
  if (end == std::string_view::npos || end > bound) {
    if (buffered.size() <= bound) return 0;
    fail(Error::protocol(ProtocolCode::dialog_line_too_long,
                         "the " + peer() + " sent a tag longer than " + std::to_string(bound) +
                             " bytes: '" + server_words(buffered, 64) + "'"));
    return buffered.size();
  }
  std::string_view tag = buffered.substr(0, end + 1);
  if (tag.starts_with("<?")) {  // the XML declaration, only before the stream
    if (expect_ != Expect::header || depth_ != 0)
      fail(Error::protocol(ProtocolCode::not_xmpp, "the " + peer() +
                                                       " sent a processing instruction inside "
                                                       "the stream: '" +
                                                       server_words(tag, 64) + "'"));
    return tag.size();
  }
  if (tag.starts_with("<!")) {
    fail(Error::protocol(ProtocolCode::not_xmpp,
                         "the " + peer() + " sent a comment or DTD, which XMPP forbids: '" +
                             server_words(tag, 64) + "'"));
    return buffered.size();
  }
  bool closing = tag.size() > 1 && tag[1] == '/';
  bool empty = !closing && tag.size() > 2 && tag[tag.size() - 2] == '/';
  std::string_view inner = tag.substr(closing ? 2 : 1);
  size_t name_end = 0;
  while (name_end < inner.size() && !is_space(inner[name_end]) && inner[name_end] != '/' &&
         inner[name_end] != '>')
    ++name_end;
  std::string_view name = inner.substr(0, name_end);
  std::string_view local = name.substr(name.rfind(':') + 1);
  if (name.empty()) {
    fail(Error::protocol(ProtocolCode::not_xmpp, "the " + peer() + " sent a malformed tag: '" +
                                                     server_words(tag, 64) + "'"));
    return buffered.size();
  }
  if (closing) {
    on_end(local);
  } else {
    on_start(tag, local, empty);
  }
  return tag.size();
}

// Levels: the stream is 1, its children (features, error, proceed) 2.
void XmppStarttlsDialog::on_start(std::string_view tag, std::string_view local, bool empty) {
  if (expect_ == Expect::header) {
    if (local != "stream" || tag.find(kStreamsNs) == std::string_view::npos || empty)
      return fail(Error::protocol(ProtocolCode::not_xmpp,
                                  "not an XMPP stream header: '" + server_words(tag, 200) + "'"));
    depth_ = 1;
    expect_ = Expect::features;
    return;
  }
  int level = depth_ + 1;
  if (!empty) depth_ = level;
  if (in_error_) {  // <stream:error><host-unknown/><text>...</text></stream:error>
    if (level != 3) return;
    if (local == "text") {
      in_error_text_ = !empty;
    } else if (condition_.empty()) {
      condition_ = server_words(local, 64);
    }
    return;
  }
  if (in_features_) {
    if (level != 3) return;  // what is inside a feature
    if (local == "starttls" && tag.find(kTlsNs) != std::string_view::npos) offers_starttls_ = true;
    if (features_.size() < kMaxWords)
      features_ += (features_.empty() ? "" : ", ") + server_words(local, 64);
    return;
  }
  if (level != 2) return;  // inside an element we ignore
  if (local == "error") {
    if (empty)
      return fail(Error::protocol(ProtocolCode::xmpp_refused,
                                  "the " + peer() + " sent an empty stream error"));
    in_error_ = true;
    return;
  }
  if (expect_ == Expect::features) {
    if (local != "features") return;  // nothing else is defined here; bounded by max_total
    if (empty) return end_features();
    in_features_ = true;
    return;
  }
  // RFC 6120 §5.4.2.3: the answer to <starttls/> is <proceed/> or <failure/>.
  if (tag.find(kTlsNs) != std::string_view::npos) {
    if (local == "proceed") {
      if (empty) return succeed();
      proceeding_ = true;
      return;
    }
    if (local == "failure")
      return fail(
          Error::protocol(ProtocolCode::starttls_refused,
                          "the " + peer() + " refused STARTTLS: '" + server_words(tag, 200) + "'"));
  }
  fail(Error::protocol(ProtocolCode::not_xmpp, "the " + peer() + " answered STARTTLS with '" +
                                                   server_words(tag, 200) + "'"));
}

void XmppStarttlsDialog::end_features() {
  in_features_ = false;
  if (!offers_starttls_)
    return fail(Error::protocol(
        ProtocolCode::starttls_unsupported,
        "the " + peer() + "'s stream features have no STARTTLS: '" + features_ + "'"));
  send(std::string("<starttls xmlns='") + std::string(kTlsNs) + "'/>");
  expect_ = Expect::proceed;
}

void XmppStarttlsDialog::on_end(std::string_view local) {
  int level = depth_--;
  if (level <= 1)
    return fail(Error::protocol(
        ProtocolCode::xmpp_refused,
        "the " + peer() + " closed the XMPP stream while we waited for " + waiting_for()));
  if (in_error_) {
    if (level == 3) in_error_text_ = false;
    if (level != 2) return;
    return fail(
        Error::protocol(ProtocolCode::xmpp_refused,
                        "the " + peer() + " sent a stream error: " +
                            (condition_.empty() ? std::string("(no condition)") : condition_) +
                            (error_text_.empty() ? "" : " '" + error_text_ + "'")));
  }
  if (in_features_ && level == 2) return end_features();
  if (proceeding_ && level == 2 && local == "proceed") succeed();
}

void XmppStarttlsDialog::on_text(std::string_view text) {
  if (in_error_text_ && error_text_.size() < kMaxWords) error_text_ += server_words(text, 200);
  // Elsewhere text is whitespace (keepalives, pretty printing) or ignored.
}

std::unique_ptr<Dialog> make_xmpp_client(const DialogContext& context) {
  return std::make_unique<XmppStarttlsDialog>(XmppStarttlsDialog::Kind::client, context.domain);
}

std::unique_ptr<Dialog> make_xmpp_server(const DialogContext& context) {
  return std::make_unique<XmppStarttlsDialog>(XmppStarttlsDialog::Kind::server, context.domain);
}

}  // namespace tlsd::probe
