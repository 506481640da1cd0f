// The way to the TLS bytes, when it is not a direct TCP connection: an HTTP
// CONNECT proxy, a STARTTLS protocol. A Dialog is sans-I/O: it says what to
// send, consumes what the server sent, and ends "ready for TLS" or with an
// error that carries the server's own words. The sockets belong to the two
// drivers (dialog_driver.h): the async engine's and the blocking one used
// before OpenSSL takes the socket. How to add a protocol: DIALOGS.md.
#pragma once

#include <string>
#include <string_view>

#include "base/bytes.h"
#include "base/error.h"

namespace tlsd::probe {

enum class DialogState { need_more, ready, failed };

// Bounds on what a server may make a dialog hold (a hostile server talks
// forever): per line, in total, and in lines, the step budget (an EHLO reply
// has a dozen). Time is the drivers' bound: a deadline on every wait.
struct DialogLimits {
  size_t max_line = 4 * 1024;
  size_t max_total = 64 * 1024;
  size_t max_lines = 256;
};

class Dialog {
 public:
  virtual ~Dialog() = default;

  // The bytes to send now (empty when there is nothing to say). The driver
  // sends all of them before it reads again.
  virtual Bytes take_output() = 0;
  // What the server sent, in any split.
  virtual void feed(ByteView bytes) = 0;
  // The server closed its side.
  virtual void feed_end() = 0;

  // Bytes that arrived after the dialog was ready: the next dialog's (a
  // proxy's tunnel opens on an SMTP greeting), never TLS's (dialog_chain.h).
  virtual Bytes take_unconsumed() = 0;

  virtual DialogState state() const = 0;
  virtual const Error& error() const = 0;  // when state() == failed
  // What the dialog waits for, for a timeout message: "the SMTP greeting".
  virtual std::string waiting_for() const = 0;
  // Who the dialog speaks to, for messages: "SMTP server", "HTTP proxy".
  virtual const std::string& peer() const = 0;
};

// A server's words for a message: display_safe() (base/text_safety.h) of
// at most `max` bytes of input, "..." when cut.
std::string server_words(std::string_view raw, size_t max = 512);

// What every framed dialog shares: the output queue, the bytes kept after
// ready, the first failure, the total-size bound and the close before ready.
// LineDialog and MessageDialog (message_dialog.h) differ only in how they cut
// what arrives into messages.
class FramedDialog : public Dialog {
 public:
  Bytes take_output() final;
  void feed_end() final;
  Bytes take_unconsumed() final;
  const std::string& peer() const final { return peer_; }
  DialogState state() const final { return state_; }
  const Error& error() const final { return error_; }

 protected:
  FramedDialog(std::string peer, DialogLimits limits);
  void send(std::string_view bytes);
  void succeed() { state_ = DialogState::ready; }
  void fail(Error error);
  const DialogLimits& limits() const { return limits_; }
  // True when `bytes` are for the frame to read: not after a failure, kept
  // for take_unconsumed() after ready, counted against max_total (a failure
  // when over).
  bool admit(ByteView bytes);
  // The bytes after the message that made the dialog ready.
  void keep_unconsumed(std::string_view rest) { unconsumed_.assign(rest.begin(), rest.end()); }

 private:
  std::string peer_;
  DialogLimits limits_;
  DialogState state_ = DialogState::need_more;
  Error error_;
  Bytes output_, unconsumed_;
  size_t total_ = 0;
};

// The common frame of line-based protocols (SMTP, HTTP): lines end in LF
// (CR before it is dropped), each checked against the limits before
// on_line() sees it.
class LineDialog : public FramedDialog {
 public:
  void feed(ByteView bytes) final;

 protected:
  LineDialog(std::string peer, DialogLimits limits);
  // One complete line, without its line end.
  virtual void on_line(std::string_view line) = 0;
  void fail_long_line(std::string_view line);

 private:
  std::string pending_;  // bytes of a line not yet complete
  size_t lines_ = 0;
};

}  // namespace tlsd::probe
