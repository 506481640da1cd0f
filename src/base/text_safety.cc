#include "base/text_safety.h"

#include <cstdint>
#include <cstdio>

namespace tlsd {
namespace {

// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629 table 3:
// no overlongs, no surrogates, nothing above U+10FFFF), or 0.
size_t sequence_length(std::string_view s, size_t i, char32_t& cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  unsigned char b = byte(i);
  if (b < 0x80) {
    cp = b;
    return 1;
  }
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2, cp = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3, cp = b & 0x0F;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4, cp = b & 0x07;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + 1 >= s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 1; k < n; ++k) {
    if (!cont(i + k)) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  return n;
}

// Code points that change how a terminal or a bidi renderer shows what
// follows: C1 controls, bidi embeddings/overrides/isolates, and the BOM.
bool is_format_control(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0xFEFF;
}

void append_escape(std::string& out, const char* format, unsigned value) {
  char buf[16];
  int n = std::snprintf(buf, sizeof buf, format, value);
  out.append(buf, static_cast<size_t>(n));
}

}  // namespace

std::string display_safe(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size();) {
    char32_t cp = 0;
    size_t n = sequence_length(raw, i, cp);
    if (n == 0) {
      append_escape(out, "\\x%02x", static_cast<unsigned char>(raw[i]));
      i += 1;
    } else if (cp < 0x20 || cp == 0x7F) {
      append_escape(out, "\\x%02x", static_cast<unsigned>(cp));
      i += 1;
    } else if (is_format_control(cp)) {
      append_escape(out, "\\u{%04x}", static_cast<unsigned>(cp));
      i += n;
    } else {
      out.append(raw.substr(i, n));
      i += n;
    }
  }
  return out;
}

bool is_display_safe(std::string_view text) { return display_safe(text) == text; }

}  // namespace tlsd
