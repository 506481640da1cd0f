// Terminal styling: colour only on a TTY and only without NO_COLOR
// (https://no-color.org). Renderers ask the style, never the terminal.
#pragma once

#include <string>
#include <string_view>

namespace tlsd::report {

class Style {
 public:
  explicit Style(bool color) : color_(color) {}
  // Colour when `fd` is a terminal and NO_COLOR is unset or empty.
  static Style for_fd(int fd);

  std::string good(std::string_view s) const { return paint("32", s); }
  std::string bad(std::string_view s) const { return paint("31", s); }
  std::string warn(std::string_view s) const { return paint("33", s); }
  std::string dim(std::string_view s) const { return paint("2", s); }
  std::string bold(std::string_view s) const { return paint("1", s); }
  bool color() const { return color_; }

 private:
  std::string paint(const char* code, std::string_view s) const;
  bool color_;
};

}  // namespace tlsd::report
