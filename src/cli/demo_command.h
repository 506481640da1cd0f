// `tlsdoctor demo`: the story of DESIGN.md §1 on an embedded local server,
// with no network needed.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/output_args.h"

namespace tlsd::cli {

struct DemoArgs {
  bool serve = false;
  OutputArgs output;
};

void add_demo_command(CLI::App& app, DemoArgs& args);
int run_demo(const DemoArgs& args);

}  // namespace tlsd::cli
