#include "report/json_printer.h"

#include "report/diff_report.h"
#include "report/doctor_report.h"
#include "report/explain_report.h"
#include "report/get_report.h"
#include "report/preflight_report.h"
#include "report/scan_report.h"
#include "report/simulate_report.h"

namespace tlsd::report {

using nlohmann::json;

constexpr const char* kDemoSchema = "tlsdoctor.demo/1";

// Pure ASCII, always valid: bytes that are not UTF-8 become U+FFFD, and
// everything else outside ASCII (C1 controls, bidi overrides) a \u escape, so
// no document can break a parser or drive the terminal it is printed on.
void JsonPrinter::emit(const json& doc) {
  out_ << doc.dump(indent_, ' ', true, json::error_handler_t::replace) << "\n" << std::flush;
}

void JsonPrinter::hello(const HelloReport& r) { emit(hello_json(r)); }
void JsonPrinter::scans(const std::vector<checks::ServerModel>& m) { emit(scans_json(m)); }
void JsonPrinter::simulation(const simulate::SimulationReport& r) { emit(simulation_json(r)); }
void JsonPrinter::profiles(const std::vector<catalog::Profile>& p) { emit(profiles_json(p)); }
void JsonPrinter::explanation(const ExplainPrint& e) {
  emit(explanation_json(e.input, e.explanation));
}

void JsonPrinter::explanations(const std::vector<ExplainPrint>& all) {
  json answers = json::array();
  for (const ExplainPrint& e : all) answers.push_back(explanation_json(e.input, e.explanation));
  emit(answers);
}

void JsonPrinter::doctor(const DoctorPrint& d) {
  json doc = doctor_json(d.report);
  doc["client_from"] = nullptr;
  if (d.client_from)
    doc["client_from"] = {{"path", d.client_from->path},
                          {"client", d.client_from->spec},
                          {"notes", d.client_from->notes}};
  emit(doc);
}

void JsonPrinter::get(const GetPrint& g) { emit(get_json(g.url, g.result, g.route)); }

void JsonPrinter::demo_act(const std::string&, const DoctorPrint& act) {
  acts_.push_back(doctor_json(act.report));
}
void JsonPrinter::demo_end() { emit({{"schema", kDemoSchema}, {"acts", acts_}}); }

void JsonPrinter::preflight(const PreflightPrint& p) { emit(preflight_json(p.report)); }

void JsonPrinter::diff(const DiffPrint& d) { emit(diff_json(d.diff, d.before, d.after)); }

std::unique_ptr<Printer> make_json_printer(std::ostream& out) {
  return std::make_unique<JsonPrinter>(out, 2);
}

}  // namespace tlsd::report
