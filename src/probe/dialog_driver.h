// The two drivers of a Dialog (dialog.h), each dialog-agnostic: the blocking
// one, used before OpenSSL takes the socket (full_handshake, https_get), and
// the async one, used by the probe engine (dialog_async.h). Both send what
// the dialog says, feed it what arrives, and bound every wait.
#pragma once

#include <chrono>
#include <system_error>

#include "base/result.h"
#include "probe/dialog.h"

namespace tlsd::probe {

// Runs `dialog` on a connected non-blocking socket until it is ready for TLS
// or fails; every send and receive waits until `deadline` at most.
Status run_dialog_blocking(int fd, Dialog& dialog, std::chrono::steady_clock::time_point deadline);

// A socket failure in the middle of a dialog, named after what it waited for.
Error dialog_io_error(std::error_code ec, bool timed_out, const Dialog& dialog);

}  // namespace tlsd::probe
