// `tlsdoctor simulate` and `tlsdoctor profiles`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/connection_args.h"
#include "cli/output_args.h"

namespace tlsd::cli {

struct SimulateArgs {
  std::string target, clients;
  ConnectionArgs connection;
  bool all = false;
  OutputArgs output;
};

struct ProfilesArgs {
  OutputArgs output;
  std::string hello_hex;  // print this profile's golden ClientHello
};

void add_simulate_command(CLI::App& app, SimulateArgs& args);
int run_simulate(const SimulateArgs& args);
void add_profiles_command(CLI::App& app, ProfilesArgs& args);
int run_profiles(const ProfilesArgs& args);

}  // namespace tlsd::cli
