#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/csv.h"
#include "catalog/embedded.h"
#include "checks/checks.h"
#include "wire/constants.h"

namespace tlsd::checks {
namespace {

TEST(Findings, TheDataAndTheRulesNameTheSameIds) {
  auto rows = catalog::parse_csv("data/findings.csv", catalog::embedded_file("data/findings.csv"),
                                 {"id", "severity", "title", "why"});
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  std::vector<std::string> in_data;
  for (const catalog::CsvRow& row : *rows) in_data.push_back(row["id"]);
  std::vector<std::string> in_code = finding_rule_ids();
  std::sort(in_data.begin(), in_data.end());
  std::sort(in_code.begin(), in_code.end());
  EXPECT_EQ(in_data, in_code);
}

TEST(Findings, NoVersionNegotiatedIsTheHighFinding) {
  ServerModel reached;
  for (uint16_t v : {wire::kTls12, wire::kTls13})
    reached.versions.push_back({v, false, "alert handshake_failure"});
  derive_findings(reached);
  ASSERT_FALSE(reached.findings.empty());
  EXPECT_EQ(reached.findings.front().id, "no_version");
  EXPECT_EQ(reached.findings.front().severity, Severity::high);
  EXPECT_NE(reached.findings.front().detail.find("TLSv1.3: alert handshake_failure"),
            std::string::npos);

  ServerModel unreachable = reached;  // the scan's error says it; no finding repeats it
  unreachable.findings.clear();
  unreachable.error = Error::transport(TransportCode::refused, "could not connect");
  derive_findings(unreachable);
  EXPECT_TRUE(std::none_of(unreachable.findings.begin(), unreachable.findings.end(),
                           [](const Finding& f) { return f.id == "no_version"; }));
}

}  // namespace
}  // namespace tlsd::checks
