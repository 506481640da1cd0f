// JSON lines: each document on one line; a scan of many targets prints each
// target's document as soon as it ends. Everything else is the JSON printer's.
#include "report/json_printer.h"
#include "report/preflight_report.h"
#include "report/scan_report.h"

namespace tlsd::report {
namespace {

class JsonLinesPrinter : public JsonPrinter {
 public:
  explicit JsonLinesPrinter(std::ostream& out) : JsonPrinter(out, -1) {}
  void scan_done(size_t, size_t, const checks::ServerModel& model) override {
    emit(scan_json(model));
  }
  void scans(const std::vector<checks::ServerModel>&) override {}  // printed as they ended
  // One line per endpoint, nothing else: the lines of several shards concatenate.
  void preflight_done(size_t, size_t, const diagnose::EndpointPreflight& e,
                      const diagnose::PreflightReport& header) override {
    emit(preflight_endpoint_json(e, header.from, header.to));
  }
  void preflight(const PreflightPrint&) override {}  // printed as they ended
};

}  // namespace

std::unique_ptr<Printer> make_jsonl_printer(std::ostream& out) {
  return std::make_unique<JsonLinesPrinter>(out);
}

}  // namespace tlsd::report
