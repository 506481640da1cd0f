// `tlsdoctor explain "ERROR TEXT"` (or the text on stdin).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/output_args.h"

namespace tlsd::cli {

struct ExplainArgs {
  std::string text;  // empty or "-": read stdin
  OutputArgs output;
  bool batch = false;  // stdin holds a JSON array of texts; prints an array of answers
};

void add_explain_command(CLI::App& app, ExplainArgs& args);
int run_explain(const ExplainArgs& args);

}  // namespace tlsd::cli
