#include "catalog/profile_dates.h"

#include <gtest/gtest.h>

#include "catalog/profiles.h"

namespace tlsd::catalog {
namespace {

Profile make(std::string id, std::string stack, std::string released, bool current,
             std::string variant = "") {
  Profile p;
  p.id = std::move(id);
  p.stack = std::move(stack);
  p.released = std::move(released);
  p.checked = "2026-12-03";
  p.current = current;
  p.variant = std::move(variant);
  return p;
}

TEST(ProfileDates, IsoDatesAreCheckedStrictly) {
  EXPECT_TRUE(is_iso_date("2026-08-18"));
  EXPECT_TRUE(is_iso_date("2024-02-29"));  // leap year
  EXPECT_FALSE(is_iso_date("2026-02-29"));
  EXPECT_FALSE(is_iso_date("1900-02-29"));  // not a leap year
  EXPECT_TRUE(is_iso_date("2000-02-29"));
  EXPECT_FALSE(is_iso_date("2026-13-01"));
  EXPECT_FALSE(is_iso_date("2026-04-31"));
  EXPECT_FALSE(is_iso_date("2026-00-10"));
  EXPECT_FALSE(is_iso_date("2026-8-18"));
  EXPECT_FALSE(is_iso_date("2026/08/18"));
  EXPECT_FALSE(is_iso_date("2026-08-18T00:00"));
  EXPECT_FALSE(is_iso_date("20a6-08-18"));
  EXPECT_FALSE(is_iso_date(""));
  EXPECT_FALSE(is_iso_date("1899-12-31"));  // before any TLS client
}

TEST(ProfileDates, NewerReleaseStaysWithinStackAndVariant) {
  std::vector<Profile> all{make("go-1.26", "go", "2026-02-10", false),
                           make("go-1.27", "go", "2026-08-18", true),
                           make("go-1.28-noaes", "go", "2027-02-01", false, "noaes"),
                           make("java-25", "java", "2025-09-16", true)};
  ASSERT_NE(newer_release(all, all[0]), nullptr);
  EXPECT_EQ(newer_release(all, all[0])->id, "go-1.27");
  EXPECT_EQ(newer_release(all, all[1]), nullptr);  // the noaes build is another line
  EXPECT_EQ(newer_release(all, all[3]), nullptr);
}

TEST(ProfileDates, CurrentMarksAreConsistent) {
  std::vector<Profile> good{make("go-1.26", "go", "2026-02-10", false),
                            make("go-1.27", "go", "2026-08-18", true),
                            make("go-1.27-noaes", "go", "2026-08-18", true, "noaes"),
                            make("openssl-3.0-debian", "openssl", "2023-06-10", false, "debian"),
                            make("openssl-3.5", "openssl", "2025-04-08", true)};
  EXPECT_TRUE(current_mark_problems(good).empty());
}

TEST(ProfileDates, CurrentMarkProblemsAreNamed) {
  auto problems = [](std::vector<Profile> all) {
    std::string text;
    for (const std::string& p : current_mark_problems(all)) text += p + "\n";
    return text;
  };
  // no current profile for a stack
  EXPECT_NE(problems({make("go-1.26", "go", "2026-02-10", false)}).find("go has no current"),
            std::string::npos);
  // two current profiles
  EXPECT_NE(problems({make("go-1.26", "go", "2026-02-10", true),
                      make("go-1.27", "go", "2026-08-18", true)})
                .find("more than one current profile for go/: go-1.26, go-1.27"),
            std::string::npos);
  // current but not the newest
  EXPECT_NE(problems({make("go-1.26", "go", "2026-02-10", true),
                      make("go-1.27", "go", "2026-08-18", false)})
                .find("go-1.26 is marked current but go-1.27 (released 2026-08-18) is newer"),
            std::string::npos);
  // a variant's current mark does not stand in for the upstream build's
  EXPECT_NE(problems({make("go-1.27-noaes", "go", "2026-08-18", true, "noaes")})
                .find("go has no current"),
            std::string::npos);
}

// The data rule: per stack exactly one current upstream profile, and it is
// the newest release the data has (docs/profiles.md "current").
TEST(ProfileDates, EmbeddedProfilesMarkTheNewestReleaseCurrent) {
  const ProfileSet& set = ProfileSet::get();
  for (const std::string& problem : current_mark_problems(set.all())) ADD_FAILURE() << problem;
  for (const Profile& p : set.all()) {
    EXPECT_TRUE(is_iso_date(p.released)) << p.id;
    EXPECT_TRUE(is_iso_date(p.checked)) << p.id;
    EXPECT_NE(p.sources.find("dates"), p.sources.end()) << p.id << ": no source for the dates";
  }
}

}  // namespace
}  // namespace tlsd::catalog
