// Documented exit codes (README "Exit codes"); every command uses these.
#pragma once

#include <iostream>
#include <string_view>

#include "base/error.h"

namespace tlsd::cli {

constexpr int kExitOk = 0;           // the server answered / nothing found
constexpr int kExitFinding = 1;      // a refusal, a failure or a finding to act on
constexpr int kExitOperational = 2;  // usage error, or the target could not be reached

// "tlsdoctor COMMAND: message" on stderr ("tlsdoctor: message" for the
// doctor, which has no command word); the exit status that goes with it.
inline int operational_error(std::string_view command, const Error& e) {
  std::cerr << "tlsdoctor" << (command.empty() ? "" : " ") << command << ": " << e.message << "\n";
  return kExitOperational;
}

}  // namespace tlsd::cli
