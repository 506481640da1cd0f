#include "cli/output_args.h"

#include <unistd.h>

#include <iostream>

namespace tlsd::cli {

report::OutputFormat OutputArgs::format() const {
  if (jsonl) return report::OutputFormat::jsonl;
  if (json) return report::OutputFormat::json;
  return report::OutputFormat::text;
}

std::unique_ptr<report::Printer> OutputArgs::printer() const {
  return report::make_printer(format(), std::cout, report::Style::for_fd(STDOUT_FILENO));
}

std::string json_help(const std::string& schema, bool documented) {
  return "print JSON (schema " + schema + (documented ? ", see docs/json.md)" : ")");
}

void add_output_options(CLI::App* cmd, OutputArgs& args, const std::string& json_help,
                        const std::string& jsonl_help) {
  cmd->add_flag("--json", args.json, json_help);
  if (!jsonl_help.empty()) cmd->add_flag("--jsonl", args.jsonl, jsonl_help);
}

}  // namespace tlsd::cli
