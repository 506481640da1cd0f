// Whether an error is the way to TLS failing (a dialog before TLS: a proxy,
// a STARTTLS protocol) rather than the server's TLS answering: a scan then
// has nothing to say about TLS and reports the dialog's error, never a
// per-version "refusal".
#pragma once

#include "base/error.h"

namespace tlsd::probe {

bool is_dialog_error(const Error& error);

}  // namespace tlsd::probe
