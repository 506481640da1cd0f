// A plaintext greeting where TLS was expected: the server spoke first, in
// SMTP, IMAP, POP3, FTP, XMPP, MySQL or HTTP. Names the protocol and the
// target form that speaks it before TLS ("use smtp://"), instead of
// "record content type 0x32 is not TLS".
#pragma once

#include <optional>
#include <string>

#include "base/bytes.h"

namespace tlsd::probe {

// The message for a not-TLS answer that is a known greeting; nullopt otherwise.
std::optional<std::string> plaintext_greeting_message(ByteView raw);

}  // namespace tlsd::probe
