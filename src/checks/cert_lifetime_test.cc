#include "checks/cert_lifetime.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "checks/checks.h"

namespace tlsd::checks {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t k2026_03_15 = 1773532800, k2027_03_15 = 1805068800, k2029_03_15 = 1868227200;

wire::CertificateSummary leaf(int64_t not_before, int64_t days, bool scts = true) {
  wire::CertificateSummary c;
  c.subject = "CN=www.example.com";
  c.not_before = not_before;
  c.not_after = not_before + days * kDay - 1;  // both ends count
  c.embedded_scts = scts;
  return c;
}

TEST(CertLifetime, TheScheduleFollowsTheIssueDate) {
  EXPECT_EQ(max_lifetime_days(k2026_03_15 - 1), 398);
  EXPECT_EQ(max_lifetime_days(k2026_03_15), 200);
  EXPECT_EQ(max_lifetime_days(k2027_03_15 - 1), 200);
  EXPECT_EQ(max_lifetime_days(k2027_03_15), 100);
  EXPECT_EQ(max_lifetime_days(k2029_03_15 - 1), 100);
  EXPECT_EQ(max_lifetime_days(k2029_03_15), 47);
}

TEST(CertLifetime, ExactlyTheLimitIsAllowedOneSecondMoreIsNot) {
  EXPECT_EQ(lifetime_excess(leaf(k2026_03_15, 200)), "");
  auto over = leaf(k2026_03_15, 200);
  over.not_after += 1;
  EXPECT_EQ(lifetime_excess(over),
            "201 days, issued 2026-03-15: at most 200 days since 2026-03-15");
  EXPECT_EQ(lifetime_excess(leaf(k2026_03_15 - kDay, 398)), "");  // the day before: 398
  EXPECT_EQ(lifetime_excess(leaf(k2029_03_15, 48)),
            "48 days, issued 2029-03-15: at most 47 days since 2029-03-15");
  EXPECT_EQ(lifetime_excess(leaf(k2027_03_15 + 10 * kDay, 100)), "");
  auto broken = leaf(k2027_03_15, 10);
  broken.not_after = broken.not_before - 5;  // nonsense dates are not this finding
  EXPECT_EQ(lifetime_excess(broken), "");
}

bool has(const ServerModel& m, const std::string& id) {
  return std::any_of(m.findings.begin(), m.findings.end(),
                     [&](const Finding& f) { return f.id == id; });
}

TEST(CertLifetime, TheFindingIsForPubliclyTrustedLeavesOnly) {
  ServerModel public_ca;
  public_ca.certificates.push_back(
      {"RSA", {leaf(k2026_03_15 + 30 * kDay, 397)}, true, "", true, ""});
  derive_findings(public_ca);
  ASSERT_TRUE(has(public_ca, "cert_lifetime"));
  auto f = std::find_if(public_ca.findings.begin(), public_ca.findings.end(),
                        [](const Finding& x) { return x.id == "cert_lifetime"; });
  EXPECT_NE(f->detail.find("at most 200 days since 2026-03-15"), std::string::npos);
  // A private CA (no SCTs: a lab, a company CA) is not bound by the BRs.
  ServerModel private_ca;
  private_ca.certificates.push_back(
      {"RSA", {leaf(k2026_03_15 + 30 * kDay, 397, false)}, true, "", true, ""});
  derive_findings(private_ca);
  EXPECT_FALSE(has(private_ca, "cert_lifetime"));
  // Within the limit: nothing.
  ServerModel short_lived;
  short_lived.certificates.push_back(
      {"RSA", {leaf(k2026_03_15 + 30 * kDay, 90)}, true, "", true, ""});
  derive_findings(short_lived);
  EXPECT_FALSE(has(short_lived, "cert_lifetime"));
}

}  // namespace
}  // namespace tlsd::checks
