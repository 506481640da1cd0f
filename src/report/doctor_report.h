// The doctor's report (`tlsdoctor HOST`): text and JSON (schema
// "tlsdoctor.doctor/1", docs/json.md). Reads only the result model.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "diagnose/doctor.h"
#include "report/style.h"

namespace tlsd::report {

constexpr const char* kDoctorSchema = "tlsdoctor.doctor/1";

struct DoctorTextOptions {
  std::string server_software;  // render the server fix only for this one ("" = all)
};

std::string render_doctor_text(const diagnose::DoctorReport& report, const Style& style,
                               const DoctorTextOptions& options = {});
nlohmann::json doctor_json(const diagnose::DoctorReport& report);

}  // namespace tlsd::report
