// `tlsdoctor scan`: the complete server inventory, for one target or many.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/connection_args.h"
#include "cli/output_args.h"

namespace tlsd::cli {

struct ScanArgs {
  std::vector<std::string> targets;
  std::string targets_file;  // one target per line; "-" = stdin
  std::string shard;         // --shard I/N (target_list.h)
  ConnectionArgs connection;
  int parallel_targets = 4;
  bool slow = false;
  bool no_cert = false;
  bool all_addresses = false;  // one scan per address of each name, then the differences
  std::vector<std::string> only;
  OutputArgs output;
};

void add_scan_command(CLI::App& app, ScanArgs& args);
int run_scan(const ScanArgs& args);

}  // namespace tlsd::cli
