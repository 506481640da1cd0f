// Failures designed up front, in layers (DESIGN.md §7): where a handshake broke
// decides what the diagnosis can say about it, so every error names its layer.
#pragma once

#include <string>
#include <string_view>

namespace tlsd {

enum class ErrorLayer {
  transport,  // connect refused, timeout, reset, closed: the bytes never arrived
  alert,      // the peer said no with a TLS alert
  decode,     // bytes arrived but do not parse as the message they claim to be
  protocol,   // they parse, but break the protocol (wrong order, bad values)
  usage,      // the user asked for something that cannot be done
  internal,   // our own bug or a local library failure
};

std::string_view to_string(ErrorLayer layer);

struct Error {
  ErrorLayer layer = ErrorLayer::internal;
  std::string code;     // stable machine-readable id, e.g. "timeout", "truncated"
  std::string message;  // one line for humans

  static Error transport(std::string code, std::string message) {
    return {ErrorLayer::transport, std::move(code), std::move(message)};
  }
  static Error decode(std::string message) {
    return {ErrorLayer::decode, "decode_error", std::move(message)};
  }
  static Error protocol(std::string code, std::string message) {
    return {ErrorLayer::protocol, std::move(code), std::move(message)};
  }
  static Error usage(std::string message) {
    return {ErrorLayer::usage, "usage", std::move(message)};
  }
  static Error internal(std::string message) {
    return {ErrorLayer::internal, "internal", std::move(message)};
  }
};

}  // namespace tlsd
