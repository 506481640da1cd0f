// Documented exit codes (README "Exit codes"); every command uses these.
#pragma once

namespace tlsd::cli {

constexpr int kExitOk = 0;           // the server answered / nothing found
constexpr int kExitFinding = 1;      // a refusal, a failure or a finding to act on
constexpr int kExitOperational = 2;  // usage error, or the target could not be reached

}  // namespace tlsd::cli
