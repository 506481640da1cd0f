// The text format: for people, coloured per the Style. Several scan targets
// come out in the command line's order, each as soon as those before it are.
#include <map>

#include "report/diff_report.h"
#include "report/doctor_report.h"
#include "report/explain_report.h"
#include "report/get_report.h"
#include "report/preflight_report.h"
#include "report/printer.h"
#include "report/scan_report.h"
#include "report/simulate_report.h"

namespace tlsd::report {
namespace {

class TextPrinter : public Printer {
 public:
  TextPrinter(std::ostream& out, const Style& style) : out_(out), style_(style) {}

  void hello(const HelloReport& r) override { out_ << render_hello_text(r, style_); }

  void scan_done(size_t index, size_t total, const checks::ServerModel& m) override {
    pending_.emplace(index, m);
    for (auto it = pending_.begin(); it != pending_.end() && it->first == printed_;
         it = pending_.erase(it)) {
      out_ << render_scan_text(it->second, style_) << (printed_ + 1 < total ? "\n" : "")
           << std::flush;
      ++printed_;
    }
  }
  void scans(const std::vector<checks::ServerModel>&) override {}  // printed as they ended

  void simulation(const simulate::SimulationReport& r) override {
    out_ << render_simulation_text(r, style_);
  }
  void profiles(const std::vector<catalog::Profile>& p) override {
    out_ << render_profiles_text(p, style_);
  }
  void explanation(const ExplainPrint& e) override {
    out_ << render_explanation_text(e.explanation, style_);
  }
  void explanations(const std::vector<ExplainPrint>& all) override {
    for (const ExplainPrint& e : all) explanation(e);
  }
  void doctor(const DoctorPrint& d) override {
    out_ << render_doctor_text(d.report, style_, {d.server_software});
  }
  void get(const GetPrint& g) override {
    out_ << render_get_text(g.url, g.result, style_, g.doctor_command, g.route);
  }
  void demo_act(const std::string& story, const DoctorPrint& d) override {
    out_ << story << render_doctor_text(d.report, style_, {d.server_software}) << std::flush;
  }
  void demo_end() override {}
  void preflight_done(size_t, size_t, const diagnose::EndpointPreflight&,
                      const diagnose::PreflightReport&) override {}
  void preflight(const PreflightPrint& p) override {
    out_ << render_preflight_text(p.report, style_, {p.server_software});
  }
  void diff(const DiffPrint& d) override {
    out_ << render_diff_text(d.diff, d.before, d.after, style_);
  }

 private:
  std::ostream& out_;
  Style style_;
  std::map<size_t, checks::ServerModel> pending_;  // ended, waiting for those before them
  size_t printed_ = 0;
};

}  // namespace

std::unique_ptr<Printer> make_text_printer(std::ostream& out, const Style& style) {
  return std::make_unique<TextPrinter>(out, style);
}

}  // namespace tlsd::report
