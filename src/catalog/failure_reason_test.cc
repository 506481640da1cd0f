#include "catalog/failure_reason.h"

#include <gtest/gtest.h>

namespace tlsd::catalog {
namespace {

TEST(FailureReason, EveryKindRoundTripsThroughItsName) {
  for (const ReasonRow& row : reason_table()) {
    EXPECT_EQ(name(row.kind), row.name);
    EXPECT_EQ(parse_reason_kind(row.name), row.kind) << row.name;
    if (row.kind == ReasonKind::alert) continue;  // an alert reason names its alert
    std::optional<FailureReason> r = parse_failure_reason(row.name);
    ASSERT_TRUE(r) << row.name;
    EXPECT_EQ(r->kind(), row.kind);
    EXPECT_EQ(r->name(), row.name);
  }
}

TEST(FailureReason, AlertReasonsKeepTheirSpelling) {
  std::optional<FailureReason> r = parse_failure_reason("alert:handshake_failure");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind(), ReasonKind::alert);
  EXPECT_EQ(r->alert_code(), 40);
  EXPECT_EQ(r->name(), "alert:handshake_failure");
  EXPECT_EQ(*r, FailureReason::alert(40));
  EXPECT_NE(*r, FailureReason::alert(70));
  EXPECT_NE(*r, FailureReason(ReasonKind::no_common_suite));
}

TEST(FailureReason, UnknownNamesAreRejected) {
  for (const char* bad : {"", "no_common_suites", "No_Common_Suite", "alert",
                          "alert:", "alert:handshake_failures", "alert:40", " transport", "ok"})
    EXPECT_FALSE(parse_failure_reason(bad)) << bad;
  EXPECT_FALSE(parse_reason_kind("no_common_cipher"));
}

TEST(FailureReason, NoReasonPrintsEmpty) {
  EXPECT_EQ(reason_name(std::nullopt), "");
  EXPECT_EQ(reason_name(FailureReason(ReasonKind::transport)), "transport");
}

}  // namespace
}  // namespace tlsd::catalog
