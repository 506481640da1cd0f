#include "diagnose/snippet.h"

#include <fmt/format.h>

namespace tlsd::diagnose {
namespace {

// Escapes shared by the C family: \\, the quote, and \xHH / \uHHHH for the rest.
std::string c_like(std::string_view value, char quote_char, bool unicode_escapes) {
  std::string out(1, quote_char);
  for (unsigned char c : value) {
    if (c == '\\' || c == static_cast<unsigned char>(quote_char)) {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c >= 0x7f) {
      out += unicode_escapes ? fmt::format("\\u{:04x}", c) : fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  out += quote_char;
  return out;
}

std::string printable(std::string_view value) {
  std::string out;
  for (unsigned char c : value) out += (c < 0x20 || c >= 0x7f) ? '?' : static_cast<char>(c);
  return out;
}

}  // namespace

std::string quote(std::string_view value, std::string_view language) {
  if (language == "go" || language == "c") return c_like(value, '"', false);
  if (language == "csharp" || language == "java") return c_like(value, '"', true);
  if (language == "js" || language == "python") return c_like(value, '\'', false);
  if (language == "shell") {
    std::string out = "'";
    for (char c : printable(value)) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
  }
  return printable(value);
}

std::string comment_safe(std::string_view value) {
  std::string out = printable(value);
  for (size_t at; (at = out.find("*/")) != std::string::npos;) out.replace(at, 2, "* /");
  return out;
}

std::string fill_template(std::string_view text, const std::map<std::string, std::string>& vars) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t open = text.find('{', at);
    if (open == std::string_view::npos) break;
    size_t close = text.find('}', open + 1);
    if (close == std::string_view::npos) break;
    auto it = vars.find(std::string(text.substr(open + 1, close - open - 1)));
    out.append(text.substr(at, open - at));
    if (it == vars.end()) {
      out.append(text.substr(open, 1));  // not a variable (a Go '{'): keep it, look on
      at = open + 1;
      continue;
    }
    out += it->second;
    at = close + 1;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace tlsd::diagnose
