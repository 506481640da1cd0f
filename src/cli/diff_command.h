// `tlsdoctor diff BEFORE.json AFTER.json`: what changed on a server between
// two saved scans (`tlsdoctor scan HOST --json > FILE`).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/output_args.h"

namespace tlsd::cli {

struct DiffArgs {
  std::vector<std::string> files;
  OutputArgs output;
};

void add_diff_command(CLI::App& app, DiffArgs& args);
int run_diff(const DiffArgs& args);

}  // namespace tlsd::cli
