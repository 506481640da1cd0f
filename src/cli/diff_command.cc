#include "cli/diff_command.h"

#include "cli/exit_codes.h"
#include "diagnose/scan_diff.h"
#include "report/diff_report.h"
#include "report/scan_reader.h"

namespace tlsd::cli {

void add_diff_command(CLI::App& app, DiffArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "diff",
      "What changed on a server between two saved scans: protocol versions, cipher suites and "
      "groups added or removed, the certificate renewed or re-issued by another CA, the chain "
      "length.");
  cmd->add_option("files", args.files,
                  "BEFORE.json AFTER.json: two saved 'tlsdoctor scan HOST --json' documents")
      ->required()
      ->expected(2);
  add_output_options(cmd, args.output, json_help(report::kDiffSchema));
  cmd->footer(
      "Examples:\n"
      "  tlsdoctor scan api.partner.example --json > monday.json\n"
      "  tlsdoctor scan api.partner.example --json > tuesday.json\n"
      "  tlsdoctor diff monday.json tuesday.json\n"
      "Exit status: 0 no change, 1 something changed, 2 usage error or a file that is not a "
      "saved scan.");
}

int run_diff(const DiffArgs& args) {
  auto before = report::read_scan_file(args.files.at(0));
  if (!before) return operational_error("diff", before.error());
  auto after = report::read_scan_file(args.files.at(1));
  if (!after) return operational_error("diff", after.error());
  diagnose::ScanDiff diff = diagnose::diff_scans(*before, *after);
  args.output.printer()->diff({diff, args.files[0], args.files[1]});
  return diff.changed() ? kExitFinding : kExitOk;
}

}  // namespace tlsd::cli
