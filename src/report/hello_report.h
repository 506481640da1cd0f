// `tlsdoctor hello`: one crafted ClientHello and the server's answer, as
// text for people and as JSON (schema "tlsdoctor.hello/1", docs/json.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "checks/hello_exchange.h"
#include "report/style.h"

namespace tlsd::report {

// The facts come from the hello exchange (checks/hello_exchange.h).
using HelloReport = checks::HelloExchange;

constexpr const char* kHelloSchema = "tlsdoctor.hello/1";

std::string render_hello_text(const HelloReport& report, const Style& style);
nlohmann::json hello_json(const HelloReport& report);

}  // namespace tlsd::report
