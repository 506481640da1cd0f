// When a profile's release came out and when its facts were last checked
// (docs/profiles.md "released"/"checked"), and the rule that makes "current"
// checkable: per client stack, the current profile is the newest release the
// data has.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tlsd::catalog {

struct Profile;

// A calendar date written YYYY-MM-DD (ISO 8601, proleptic Gregorian), checked
// strictly: two-digit month and day, a day that exists in that month.
bool is_iso_date(std::string_view text);

// The newest profile of the same stack and variant released after `profile`,
// or nullptr when `profile` is the newest (ties: the one sorting last by id).
const Profile* newer_release(const std::vector<Profile>& all, const Profile& profile);

// What is wrong with the "current" marks of a set of profiles, one sentence
// each (empty = consistent): every stack has exactly one current upstream
// profile (variant ""), every variant at most one, and a current profile is
// the newest release of its stack and variant.
std::vector<std::string> current_mark_problems(const std::vector<Profile>& all);

}  // namespace tlsd::catalog
