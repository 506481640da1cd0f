// UTC time stamps as reports and client messages print them.
#pragma once

#include <cstdint>
#include <string>

namespace tlsd {

std::string utc_date(int64_t epoch_seconds);     // "2027-01-31"
std::string utc_rfc3339(int64_t epoch_seconds);  // "2027-01-31T12:00:00Z"

}  // namespace tlsd
