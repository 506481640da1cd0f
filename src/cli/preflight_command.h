// `tlsdoctor preflight --from go-1.21 --to go-1.22 --targets-file FILE`:
// before a client upgrade, which endpoints break, why, and the fix.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/connection_args.h"
#include "cli/output_args.h"

namespace tlsd::cli {

struct PreflightArgs {
  std::vector<std::string> targets;
  std::string targets_file, shard;
  std::string from, to, from_env, server_software;
  ConnectionArgs connection;
  int parallel_targets = 4;
  OutputArgs output;
};

void add_preflight_command(CLI::App& app, PreflightArgs& args);
int run_preflight(const PreflightArgs& args);

}  // namespace tlsd::cli
