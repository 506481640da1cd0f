// The one status line every command shows while it works: on standard
// error, only when that is a terminal and the output is text; each call
// redraws the line, clear() wipes it before results are printed. Safe to
// call from several threads.
#pragma once

#include <mutex>
#include <string_view>

namespace tlsd::cli {

class ProgressLine {
 public:
  // `wanted`: the command prints text (JSON output shows no progress).
  explicit ProgressLine(bool wanted);
  ~ProgressLine() { clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void show(std::string_view text);  // "text..." in place of the previous line
  void clear();
  bool enabled() const { return enabled_; }

 private:
  bool enabled_;
  bool shown_ = false;
  std::mutex mu_;
};

}  // namespace tlsd::cli
