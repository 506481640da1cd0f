#include "report/style.h"

#include <unistd.h>

#include <cstdlib>

namespace tlsd::report {

Style Style::for_fd(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  bool color = isatty(fd) && !(no_color && *no_color);
  return Style(color);
}

std::string Style::paint(const char* code, std::string_view s) const {
  if (!color_) return std::string(s);
  return std::string("\x1b[") + code + "m" + std::string(s) + "\x1b[0m";
}

}  // namespace tlsd::report
