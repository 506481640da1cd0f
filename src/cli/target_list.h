// The target list every multi-target command reads (arguments and
// --targets-file), and --shard I/N: this process's share of it.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "cli/connection_args.h"

namespace tlsd::cli {

// The arguments, then the file's lines ('-' = stdin): one target per line,
// '#' starts a comment, blank lines skipped. No target at all is a usage error.
Result<std::vector<std::string>> read_target_list(const std::vector<std::string>& targets,
                                                  const std::string& targets_file);

// --shard I/N: shard I (0 <= I < N) of N.
struct Shard {
  uint32_t index = 0, count = 1;
};
Result<Shard> parse_shard(const std::string& text);  // "" = the whole list

// The target as every shard spells it: lower-case host, explicit port, the
// SNI when it differs ("api.example.com:443", "10.0.0.5:8443 sni=api.example.com").
std::string normalised_target(const probe::Target& target);

// FNV-1a (64 bit) of the normalised target: the same on every machine and
// build, whatever the line's place in the file.
uint64_t stable_hash(const std::string& text);

bool in_shard(const probe::Target& target, const Shard& shard);

// Registers --shard on a command taking --targets-file.
void add_shard_option(CLI::App* cmd, std::string& shard);

}  // namespace tlsd::cli
