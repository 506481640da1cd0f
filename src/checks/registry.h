// The checks registry: one row per check, read by scan() (what runs, in which
// stage), by `--only` (which names are valid) and by `--help` (the list).
//
// What a new check costs: its file (checks/X.cc, declared in checks.h) with
// its test, a CheckId with its name (check_id.h), one row here, and one
// section row in report/scan_sections.cc that prints what it found.
#pragma once

#include <asio.hpp>
#include <span>
#include <string>
#include <vector>

#include "checks/check_id.h"
#include "checks/checks.h"

namespace tlsd::checks {

// What a check reads from the checks before it.
enum class Needs {
  nothing,   // runs first, alone: it finds the versions everything else builds on
  versions,  // the versions' first answers and the model's supported versions
};

// Checks that need the versions only run when some version answered; they
// run side by side through one engine. `first` is the versions' output.
using CheckRun = asio::awaitable<void> (*)(ScanContext& ctx, ServerModel& model,
                                           FirstAnswers& first);

struct CheckRow {
  CheckId id;
  Needs needs;
  CheckRun run;
};

// In the order the checks start.
std::span<const CheckRow> check_registry();

// The names `--only` accepts (every check but the versions, which always
// run), in CheckId order: "suites", "groups", ...
std::vector<std::string> optional_check_names();

}  // namespace tlsd::checks
