#include "checks/cert_lifetime.h"

#include <ctime>

namespace tlsd::checks {
namespace {

struct Step {
  int64_t from;       // issued at or after (UTC midnight)
  const char* since;  // the same day, written out
  int days;
};
// CA/Browser Forum TLS BR §6.3.2 as amended by ballot SC-081 (2025-04-11).
constexpr Step kSchedule[] = {
    {1868227200, "2029-03-15", 47},
    {1805068800, "2027-03-15", 100},
    {1773532800, "2026-03-15", 200},
};
constexpr int kBefore = 398;  // BR §6.3.2 since 2020-09-01

std::string day(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

int max_lifetime_days(int64_t not_before) {
  for (const Step& s : kSchedule)
    if (not_before >= s.from) return s.days;
  return kBefore;
}

std::string lifetime_excess(const wire::CertificateSummary& leaf) {
  if (leaf.not_after < leaf.not_before) return "";
  int64_t seconds = leaf.not_after - leaf.not_before + 1;
  int limit = max_lifetime_days(leaf.not_before);
  if (seconds <= int64_t{limit} * 86400) return "";
  std::string since = "before 2026-03-15";
  for (const Step& s : kSchedule)
    if (leaf.not_before >= s.from) {
      since = "since " + std::string(s.since);
      break;
    }
  int64_t days = (seconds + 86399) / 86400;
  return std::to_string(days) + " days, issued " + day(leaf.not_before) + ": at most " +
         std::to_string(limit) + " days " + since;
}

}  // namespace tlsd::checks
