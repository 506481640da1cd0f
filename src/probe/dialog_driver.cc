#include "probe/dialog_driver.h"

#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>

#include "probe/blocking_tls.h"

namespace tlsd::probe {

Error dialog_io_error(std::error_code ec, bool timed_out, const Dialog& dialog) {
  std::string where = " while waiting for " + dialog.waiting_for();
  if (timed_out) {
    // A server silent where a greeting was due may be waiting for a ClientHello.
    if (dialog.waiting_for().ends_with("greeting"))
      where +=
          " (a server that says nothing first may speak implicit TLS on this port: try "
          "the scheme's TLS form, e.g. smtps://, imaps://, or --no-starttls)";
    return Error::transport(TransportCode::timeout, "no answer in time" + where);
  }
  if (ec == std::errc::connection_reset)
    return Error::transport(TransportCode::reset, "connection reset by peer" + where);
  return Error::transport(TransportCode::io, ec.message() + where);
}

namespace {

// Waits for `events` on fd until the deadline; false when it passed.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  pollfd p{fd, events, 0};
  int rc;
  do {
    rc = poll(&p, 1, remaining_ms(deadline));
  } while (rc < 0 && errno == EINTR);
  return rc == 1;
}

Status send_all(int fd, const Bytes& bytes, Dialog& dialog, Clock::time_point deadline) {
  for (size_t sent = 0; sent < bytes.size();) {
    ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      if (!wait_for(fd, POLLOUT, deadline)) return dialog_io_error({}, true, dialog);
    } else {
      return dialog_io_error(std::error_code(errno, std::system_category()), false, dialog);
    }
  }
  return Ok{};
}

}  // namespace

Status run_dialog_blocking(int fd, Dialog& dialog, Clock::time_point deadline) {
  std::array<uint8_t, 4096> buf;
  while (true) {
    if (Status sent = send_all(fd, dialog.take_output(), dialog, deadline); !sent) return sent;
    if (dialog.state() == DialogState::ready) return Ok{};
    if (dialog.state() == DialogState::failed) return dialog.error();
    if (!wait_for(fd, POLLIN, deadline)) return dialog_io_error({}, true, dialog);
    ssize_t n = recv(fd, buf.data(), buf.size(), 0);
    if (n > 0) {
      dialog.feed(ByteView(buf.data(), static_cast<size_t>(n)));
    } else if (n == 0) {
      dialog.feed_end();
    } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      return dialog_io_error(std::error_code(errno, std::system_category()), false, dialog);
    }
  }
}

}  // namespace tlsd::probe
