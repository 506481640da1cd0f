// `tlsdoctor HOST[:PORT]`, the doctor: which clients fail against the
// server, why, the client release behind it, and fixes proven live.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/connection_args.h"
#include "cli/output_args.h"

namespace tlsd::cli {

struct DoctorArgs {
  std::string target, client, client_from, server_software;
  bool all_addresses = false;  // --all-addresses: compare every address, however many
  bool one_address = false;    // --one-address: the resolver's first only
  ConnectionArgs connection;
  OutputArgs output;
};

// The doctor is the main command: its options live on the top-level app.
void add_doctor_options(CLI::App& app, DoctorArgs& args);
int run_doctor(const DoctorArgs& args);

}  // namespace tlsd::cli
