// The output options every command shares (--json, and --jsonl where a
// command streams), registered by one function, and the one place that
// turns them into a printer: the format, and colour on a terminal without
// NO_COLOR (report::Style).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "report/printer.h"

namespace tlsd::cli {

struct OutputArgs {
  bool json = false, jsonl = false;

  bool text() const { return !json && !jsonl; }
  report::OutputFormat format() const;
  // The printer for standard output.
  std::unique_ptr<report::Printer> printer() const;
};

// "print JSON (schema tlsdoctor.scan/1, see docs/json.md)": the usual --json help.
std::string json_help(const std::string& schema, bool documented = true);

// --json with `json_help`; --jsonl too when `jsonl_help` is given.
void add_output_options(CLI::App* cmd, OutputArgs& args, const std::string& json_help,
                        const std::string& jsonl_help = "");

}  // namespace tlsd::cli
