// The JSON format: each command's one document (docs/json.md), indented.
// jsonl_printer.cc builds on it.
#pragma once

#include <nlohmann/json.hpp>

#include "report/printer.h"

namespace tlsd::report {

class JsonPrinter : public Printer {
 public:
  // `indent`: nlohmann's dump() indent; -1 = one line.
  JsonPrinter(std::ostream& out, int indent) : out_(out), indent_(indent) {}

  void hello(const HelloReport& report) override;
  void scan_done(size_t, size_t, const checks::ServerModel&) override {}
  void scans(const std::vector<checks::ServerModel>& models) override;
  void simulation(const simulate::SimulationReport& report) override;
  void profiles(const std::vector<catalog::Profile>& profiles) override;
  void explanation(const ExplainPrint& e) override;
  void explanations(const std::vector<ExplainPrint>& all) override;
  void doctor(const DoctorPrint& doctor) override;
  void get(const GetPrint& get) override;
  void demo_act(const std::string& story, const DoctorPrint& act) override;
  void demo_end() override;
  void preflight_done(size_t, size_t, const diagnose::EndpointPreflight&,
                      const diagnose::PreflightReport&) override {}
  void preflight(const PreflightPrint& preflight) override;
  void diff(const DiffPrint& diff) override;

 protected:
  void emit(const nlohmann::json& doc);

 private:
  std::ostream& out_;
  int indent_;
  nlohmann::json acts_ = nlohmann::json::array();  // the demo's, until its end
};

}  // namespace tlsd::report
