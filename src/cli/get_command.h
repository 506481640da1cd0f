// `tlsdoctor get URL`: an HTTPS request with explicit TLS settings.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/connection_args.h"
#include "cli/output_args.h"

namespace tlsd::cli {

struct GetArgs {
  std::string url, tls_min, tls_max, ciphers, ciphersuites, groups;
  ConnectionArgs connection;
  OutputArgs output;
};

void add_get_command(CLI::App& app, GetArgs& args);
int run_get(const GetArgs& args);

}  // namespace tlsd::cli
