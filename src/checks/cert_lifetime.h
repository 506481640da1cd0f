// The CA/Browser Forum's maximum validity of a publicly trusted TLS server
// certificate, which depends on the day it was issued (Baseline Requirements
// §6.3.2, ballot SC-081): 398 days before 2026-03-15, then 200, 100 from
// 2027-03-15 and 47 from 2029-03-15.
#pragma once

#include <cstdint>
#include <string>

#include "wire/certificate.h"

namespace tlsd::checks {

// The longest validity in days a certificate issued at `not_before` (seconds
// since the epoch, UTC) may have.
int max_lifetime_days(int64_t not_before);

// Why `leaf` is valid longer than its issue date allows ("397 days, issued
// 2026-11-20: at most 200 days since 2026-03-15"), or "" when it is not. The
// validity counts both ends (notBefore through notAfter, BR §1.6.1).
std::string lifetime_excess(const wire::CertificateSummary& leaf);

}  // namespace tlsd::checks
