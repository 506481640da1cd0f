#include "base/time_format.h"

#include <ctime>

namespace tlsd {
namespace {

std::string format(int64_t epoch_seconds, const char* pattern) {
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, pattern, &tm);
  return buf;
}

}  // namespace

std::string utc_date(int64_t epoch_seconds) { return format(epoch_seconds, "%Y-%m-%d"); }
std::string utc_rfc3339(int64_t epoch_seconds) { return format(epoch_seconds, "%Y-%m-%dT%H:%M:%SZ"); }

}  // namespace tlsd
