// `tlsdoctor get`: text and JSON (schema "tlsdoctor.get/1", docs/json.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "probe/https_get.h"
#include "report/style.h"

namespace tlsd::report {

constexpr const char* kGetSchema = "tlsdoctor.get/1";

// `doctor_command`: the command line that examines this server, shown after a failed handshake.
std::string render_get_text(const std::string& url, const probe::HttpsGetResult& result,
                            const Style& style, const std::string& doctor_command,
                            const probe::Route& route = {});
nlohmann::json get_json(const std::string& url, const probe::HttpsGetResult& result,
                        const probe::Route& route = {});

}  // namespace tlsd::report
