// The printer seam: every command's result goes out through a Printer, and
// the output format is chosen in one place (make_printer). A new format is
// one file implementing Printer, plus its line in make_printer (printer.cc).
//
// Printers write to the stream they were made with and decide nothing: the
// results carry every fact they show.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "catalog/profiles.h"
#include "checks/server_model.h"
#include "diagnose/doctor.h"
#include "diagnose/explain.h"
#include "diagnose/preflight.h"
#include "diagnose/scan_diff.h"
#include "probe/https_get.h"
#include "report/hello_report.h"
#include "report/style.h"
#include "simulate/simulate.h"

namespace tlsd::report {

enum class OutputFormat {
  text,   // for people; colour per the Style
  json,   // one indented document (docs/json.md)
  jsonl,  // one compact document per line, each as soon as it is known
};

// `--client-from`: where the doctor's client came from.
struct ClientFrom {
  std::string path, spec;
  std::vector<std::string> notes;
};

struct DoctorPrint {
  const diagnose::DoctorReport& report;
  std::optional<ClientFrom> client_from;
  std::string server_software;  // text: the server fix for this software only ("" = all)
};

struct GetPrint {
  std::string url;  // as shown: https://host[:port]/path
  const probe::HttpsGetResult& result;
  std::string doctor_command;  // text: the command that examines this server
  probe::Route route;          // the proxy and dialogs before TLS
};

struct PreflightPrint {
  const diagnose::PreflightReport& report;
  std::string server_software;  // text: the server fix for this software only ("" = all)
};

struct DiffPrint {
  const diagnose::ScanDiff& diff;
  std::string before, after;  // where each scan came from
};

struct ExplainPrint {
  std::string input;
  diagnose::Explanation explanation;
};

class Printer {
 public:
  virtual ~Printer() = default;

  virtual void hello(const HelloReport& report) = 0;
  // One target's scan ended (in the order they end): `index` of `total`.
  virtual void scan_done(size_t index, size_t total, const checks::ServerModel& model) = 0;
  // Every target's scan, in the command line's order.
  virtual void scans(const std::vector<checks::ServerModel>& models) = 0;
  virtual void simulation(const simulate::SimulationReport& report) = 0;
  virtual void profiles(const std::vector<catalog::Profile>& profiles) = 0;
  virtual void explanation(const ExplainPrint& e) = 0;
  // `explain --batch`: one answer per text.
  virtual void explanations(const std::vector<ExplainPrint>& all) = 0;
  virtual void doctor(const DoctorPrint& doctor) = 0;
  virtual void get(const GetPrint& get) = 0;
  // `demo`: one act of the story as it ends, then the end of the story.
  virtual void demo_act(const std::string& story, const DoctorPrint& act) = 0;
  virtual void demo_end() = 0;
  // `preflight`: one endpoint ended (in the order they end), `index` of
  // `total`; then the whole run, in the list's order.
  virtual void preflight_done(size_t index, size_t total, const diagnose::EndpointPreflight& e,
                              const diagnose::PreflightReport& header) = 0;
  virtual void preflight(const PreflightPrint& preflight) = 0;
  // `diff`: what changed between two saved scans.
  virtual void diff(const DiffPrint& diff) = 0;
};

// The one place a format is chosen.
std::unique_ptr<Printer> make_printer(OutputFormat format, std::ostream& out, const Style& style);

// The formats, one file each (text_printer.cc, json_printer.cc, jsonl_printer.cc).
std::unique_ptr<Printer> make_text_printer(std::ostream& out, const Style& style);
std::unique_ptr<Printer> make_json_printer(std::ostream& out);
std::unique_ptr<Printer> make_jsonl_printer(std::ostream& out);

}  // namespace tlsd::report
