// `tlsdoctor hello`: one crafted ClientHello and the server's answer.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "cli/connection_args.h"
#include "cli/output_args.h"

namespace tlsd::cli {

struct HelloArgs {
  std::string target;
  ConnectionArgs connection;
  std::optional<uint16_t> version;  // set by --ssl2 .. --tls1.3
  std::string ciphers, groups, sigalgs, key_shares, alpn;
  std::string save_flight;  // file for the raw bytes the server sent
  OutputArgs output;
};

void add_hello_command(CLI::App& app, HelloArgs& args);
int run_hello(const HelloArgs& args);

}  // namespace tlsd::cli
