#include "cli/target_list.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <iostream>

namespace tlsd::cli {

Result<std::vector<std::string>> read_target_list(const std::vector<std::string>& targets,
                                                  const std::string& targets_file) {
  std::vector<std::string> out = targets;
  if (!targets_file.empty()) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (targets_file != "-") {
      file.open(targets_file);
      if (!file) return Error::usage("cannot read " + targets_file);
      in = &file;
    }
    for (std::string line; std::getline(*in, line);) {
      size_t hash = line.find('#');
      if (hash != std::string::npos) line.resize(hash);
      line.erase(0, line.find_first_not_of(" \t\r"));
      line.erase(line.find_last_not_of(" \t\r") + 1);
      if (!line.empty()) out.push_back(line);
    }
  }
  if (out.empty()) return Error::usage("no target: give HOST[:PORT], a URL, or --targets-file");
  return out;
}

Result<Shard> parse_shard(const std::string& text) {
  if (text.empty()) return Shard{};
  size_t slash = text.find('/');
  auto number = [](std::string_view s, uint32_t& v) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
  };
  Shard s;
  if (slash == std::string::npos || !number(std::string_view(text).substr(0, slash), s.index) ||
      !number(std::string_view(text).substr(slash + 1), s.count) || s.count == 0 ||
      s.index >= s.count)
    return Error::usage("--shard " + text + ": expected I/N with 0 <= I < N (e.g. 0/4)");
  return s;
}

namespace {
std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}
}  // namespace

std::string normalised_target(const probe::Target& target) {
  std::string out = lower(target.display());
  std::string sni = lower(target.sni);
  if (!sni.empty() && sni != lower(target.host)) out += " sni=" + sni;
  if (!target.connect_ip.empty()) out += " ip=" + target.connect_ip;
  return out;
}

uint64_t stable_hash(const std::string& text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

bool in_shard(const probe::Target& target, const Shard& shard) {
  return stable_hash(normalised_target(target)) % shard.count == shard.index;
}

void add_shard_option(CLI::App* cmd, std::string& shard) {
  cmd->add_option("--shard", shard,
                  "I/N: examine only shard I (0 to N-1) of N; every target falls in exactly one "
                  "shard, by a stable hash of the target (not its place in the list): see "
                  "docs/sharding.md");
}

}  // namespace tlsd::cli
