#include "cli/progress_line.h"

#include <unistd.h>

#include <iostream>

namespace tlsd::cli {

namespace {
constexpr std::string_view kClearLine = "\x1b[2K\r";  // erase the line, back to its start
}

ProgressLine::ProgressLine(bool wanted) : enabled_(wanted && isatty(STDERR_FILENO)) {}

void ProgressLine::show(std::string_view text) {
  if (!enabled_) return;
  std::lock_guard lock(mu_);
  std::cerr << kClearLine << text << "..." << std::flush;
  shown_ = true;
}

void ProgressLine::clear() {
  if (!enabled_) return;
  std::lock_guard lock(mu_);
  if (shown_) std::cerr << kClearLine << std::flush;
  shown_ = false;
}

}  // namespace tlsd::cli
