// The scan report's client-authentication section (checks/client_auth.h):
// per version, whether the server wants a client certificate and what its
// CertificateRequest names.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "checks/server_model.h"
#include "report/style.h"

namespace tlsd::report {

void client_auth_text(const checks::ServerModel& m, const Style& st, std::string& out);
void client_auth_json(const checks::ServerModel& m, nlohmann::json& j);

}  // namespace tlsd::report
