// `tlsdoctor demo`: the story of DESIGN.md §1 on an embedded local server,
// with no network needed.
#pragma once

#include <CLI/CLI.hpp>

namespace tlsd::cli {

struct DemoArgs {
  bool serve = false;
  bool json = false;
};

void add_demo_command(CLI::App& app, DemoArgs& args);
int run_demo(const DemoArgs& args);

}  // namespace tlsd::cli
