#include "catalog/profile_dates.h"

#include <map>
#include <set>

#include "catalog/profiles.h"

namespace tlsd::catalog {
namespace {

bool digits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return !text.empty();
}

int number(std::string_view text) {
  int n = 0;
  for (char c : text) n = n * 10 + (c - '0');
  return n;
}

int days_in_month(int year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Releases of one client line: the same stack built the same way.
std::string line_of(const Profile& p) { return p.stack + "/" + p.variant; }

// Later release first; between equal dates the id decides, so the order is total.
bool released_after(const Profile& a, const Profile& b) {
  return a.released != b.released ? a.released > b.released : a.id > b.id;
}

}  // namespace

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  std::string_view y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return false;
  int year = number(y), month = number(m), day = number(d);
  return year >= 1990 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

const Profile* newer_release(const std::vector<Profile>& all, const Profile& profile) {
  const Profile* newest = nullptr;
  for (const Profile& p : all) {
    if (p.id == profile.id || line_of(p) != line_of(profile) || !released_after(p, profile))
      continue;
    if (!newest || released_after(p, *newest)) newest = &p;
  }
  return newest;
}

std::vector<std::string> current_mark_problems(const std::vector<Profile>& all) {
  std::map<std::string, std::vector<std::string>> current;  // line -> current ids
  std::set<std::string> stacks;
  for (const Profile& p : all) {
    stacks.insert(p.stack);
    if (p.current) current[line_of(p)].push_back(p.id);
  }
  std::vector<std::string> problems;
  for (const std::string& stack : stacks)
    if (current.find(stack + "/") == current.end())
      problems.push_back("stack " + stack + " has no current profile");
  for (const auto& [line, ids] : current)
    if (ids.size() > 1) {
      std::string list;
      for (const std::string& id : ids) list += (list.empty() ? "" : ", ") + id;
      problems.push_back("more than one current profile for " + line + ": " + list);
    }
  for (const Profile& p : all)
    if (const Profile* newer = p.current ? newer_release(all, p) : nullptr)
      problems.push_back(p.id + " is marked current but " + newer->id + " (released " +
                         newer->released + ") is newer");
  return problems;
}

}  // namespace tlsd::catalog
