#include "probe/dialog_async.h"

#include <array>

#include "probe/dialog_driver.h"

namespace tlsd::probe {

asio::awaitable<std::optional<Error>> run_dialog_async(asio::ip::tcp::socket& socket,
                                                       Dialog& dialog, const bool& timed_out) {
  std::error_code ec;
  auto redirect = asio::redirect_error(asio::use_awaitable, ec);
  std::array<uint8_t, 4096> buf;
  while (true) {
    Bytes out = dialog.take_output();
    if (!out.empty()) {
      co_await asio::async_write(socket, asio::buffer(out), redirect);
      if (ec) co_return dialog_io_error(ec, timed_out, dialog);
    }
    if (dialog.state() == DialogState::ready) co_return std::nullopt;
    if (dialog.state() == DialogState::failed) co_return dialog.error();
    size_t n = co_await socket.async_read_some(asio::buffer(buf), redirect);
    if (n > 0) dialog.feed(ByteView(buf.data(), n));
    if (ec == asio::error::eof && !timed_out) {
      dialog.feed_end();
    } else if (ec && dialog.state() == DialogState::need_more) {
      co_return dialog_io_error(ec, timed_out, dialog);
    }
  }
}

}  // namespace tlsd::probe
