// JSON and text share these spellings of code points: hex plus name, always.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "base/error.h"
#include "base/time_format.h"
#include "wire/certificate.h"

namespace tlsd::report {

nlohmann::json suite_json(uint16_t code);
nlohmann::json group_json(uint16_t code);
nlohmann::json sigalg_json(uint16_t code);
nlohmann::json error_json(const Error& error);
nlohmann::json certificate_json(const wire::CertificateSummary& summary);
std::string group_text(uint16_t code);   // "x25519 (0x001d)"
std::string sigalg_text(uint16_t code);  // "rsa_pss_rsae_sha256 (0x0804)"

}  // namespace tlsd::report
