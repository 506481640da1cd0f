#include "checks/registry.h"

#include <gtest/gtest.h>

#include <map>

namespace tlsd::checks {
namespace {

TEST(CheckId, NamesRoundTrip) {
  for (const CheckName& c : kCheckNames) {
    EXPECT_EQ(to_string(c.id), c.name);
    EXPECT_EQ(check_named(c.name), c.id);
  }
}

TEST(CheckId, UnknownNameIsNoCheck) {
  EXPECT_FALSE(check_named("cipher"));
  EXPECT_FALSE(check_named("Suites"));
  EXPECT_FALSE(check_named(""));
}

TEST(CheckSet, FromNamesAsTheDoctorWritesThem) {
  CheckSet only = {"suites", "groups", "sigalgs", "certificates"};
  EXPECT_TRUE(only.contains(CheckId::suites));
  EXPECT_TRUE(only.contains(CheckId::certificates));
  EXPECT_FALSE(only.contains(CheckId::extensions));
  EXPECT_TRUE(CheckSet{}.empty());
}

TEST(CheckSetDeathTest, MisspeltNameAborts) {
  EXPECT_DEATH(CheckSet({"suites", "sigalg"}), "no check named 'sigalg'");
}

TEST(Registry, EveryCheckHasExactlyOneRow) {
  std::map<CheckId, int> rows;
  for (const CheckRow& row : check_registry()) {
    ++rows[row.id];
    EXPECT_NE(row.run, nullptr) << to_string(row.id);
  }
  for (const CheckName& c : kCheckNames) EXPECT_EQ(rows[c.id], 1) << c.name;
  EXPECT_EQ(rows.size(), std::size(kCheckNames));
}

TEST(Registry, OnlyTheVersionsRunFirst) {
  auto rows = check_registry();
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.front().id, CheckId::versions);
  EXPECT_EQ(rows.front().needs, Needs::nothing);
  for (const CheckRow& row : rows.subspan(1)) EXPECT_EQ(row.needs, Needs::versions);
}

TEST(Registry, OnlyAcceptsEveryCheckButTheVersions) {
  EXPECT_EQ(optional_check_names(),
            (std::vector<std::string>{"suites", "groups", "sigalgs", "extensions", "certificates",
                                      "client_auth"}));
}

TEST(ScanOptions, WantsEverythingUnlessOnlySays) {
  ScanOptions all;
  EXPECT_TRUE(all.wants(CheckId::extensions));
  ScanOptions some;
  some.only = {"suites"};
  EXPECT_TRUE(some.wants(CheckId::suites));
  EXPECT_FALSE(some.wants(CheckId::groups));
}

}  // namespace
}  // namespace tlsd::checks
