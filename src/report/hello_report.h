// `tlsdoctor hello`: one crafted ClientHello and the server's answer, as
// text for people and as JSON (schema "tlsdoctor.hello/1", docs/json.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "probe/observation.h"
#include "report/style.h"

namespace tlsd::report {

struct HelloReport {
  std::string target;   // as the user wrote it, normalised
  std::string sni;      // empty: none sent
  std::string offered_version;  // "TLSv1.2", or "TLSv1.0-TLSv1.3"
  size_t offered_suites = 0, offered_groups = 0, offered_sigalgs = 0;
  std::vector<uint16_t> offered_key_shares;
  size_t hello_bytes = 0;
  probe::Observation observation;
};

constexpr const char* kHelloSchema = "tlsdoctor.hello/1";

std::string render_hello_text(const HelloReport& report, const Style& style);
nlohmann::json hello_json(const HelloReport& report);

}  // namespace tlsd::report
