// The probe engine's driver of a Dialog (dialog.h): the same loop as
// run_dialog_blocking, on an asio socket inside the probe's coroutine.
#pragma once

#include <asio.hpp>
#include <optional>

#include "base/error.h"
#include "probe/dialog.h"

namespace tlsd::probe {

// Runs `dialog` until it is ready for TLS (nullopt) or fails. The probe's
// deadline bounds every read and write: when it fires it sets `timed_out`
// and closes the socket, which ends the pending wait.
asio::awaitable<std::optional<Error>> run_dialog_async(asio::ip::tcp::socket& socket,
                                                       Dialog& dialog, const bool& timed_out);

}  // namespace tlsd::probe
