// Fixtures for the diagnose tests: profiles by spec, and server models
// written down by hand (what a scan of the lab's story servers finds).
#pragma once

#include <gtest/gtest.h>

#include "catalog/profiles.h"
#include "checks/server_model.h"

namespace tlsd::diagnose::testing {

// TLS 1.2 only, RSA key exchange only: `suites` in the server's order.
inline checks::ServerModel tls12_server(std::vector<uint16_t> suites) {
  checks::ServerModel m;
  for (uint16_t v : {0x0300, 0x0301, 0x0302, 0x0303, 0x0304})
    m.versions.push_back(
        {static_cast<uint16_t>(v), v == 0x0303, v == 0x0303 ? "" : "alert protocol_version"});
  for (uint16_t s : suites) m.suites[0x0303].suites.push_back({s, std::nullopt, 0, ""});
  return m;
}

// A reason by its spelling; a misspelt one fails the test that uses it.
inline catalog::FailureReason reason(std::string_view name) {
  std::optional<catalog::FailureReason> r = catalog::parse_failure_reason(name);
  EXPECT_TRUE(r) << name;
  return r.value_or(catalog::ReasonKind::unknown);
}

inline catalog::Profile profile(const std::string& spec) {
  auto p = catalog::ProfileSet::get().resolve(spec);
  EXPECT_TRUE(p.ok()) << spec;
  return *p;
}

}  // namespace tlsd::diagnose::testing
