// `tlsdoctor explain`: text and JSON (schema "tlsdoctor.explain/1").
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "diagnose/explain.h"
#include "report/style.h"

namespace tlsd::report {

constexpr const char* kExplainSchema = "tlsdoctor.explain/1";

std::string render_explanation_text(const diagnose::Explanation& e, const Style& style);
nlohmann::json explanation_json(const std::string& input, const diagnose::Explanation& e);

}  // namespace tlsd::report
