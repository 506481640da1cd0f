// The scan's checks by name: one enum, one name table. `--only`, the doctor's
// subset, the registry (registry.h) and the report's sections (report/
// scan_sections.cc) all key on CheckId, so a misspelt check is an error, not
// a silent miss.
#pragma once

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tlsd::checks {

// In the order the report shows them.
enum class CheckId { versions, suites, groups, sigalgs, extensions, certificates, client_auth };

struct CheckName {
  CheckId id;
  std::string_view name;
};
inline constexpr CheckName kCheckNames[] = {
    {CheckId::versions, "versions"},       {CheckId::suites, "suites"},
    {CheckId::groups, "groups"},           {CheckId::sigalgs, "sigalgs"},
    {CheckId::extensions, "extensions"},   {CheckId::certificates, "certificates"},
    {CheckId::client_auth, "client_auth"},
};

std::string_view to_string(CheckId id);
std::optional<CheckId> check_named(std::string_view name);

// The checks a scan runs beyond the versions, which always run. Empty = all.
// Built from names so `only = {"suites", "groups"}` reads as it did; a name
// outside kCheckNames is a programming error and aborts (user input is
// validated against optional_check_names() first).
class CheckSet {
 public:
  CheckSet() = default;
  CheckSet(std::initializer_list<std::string_view> names);
  void insert(CheckId id) { ids_.insert(id); }
  bool empty() const { return ids_.empty(); }
  bool contains(CheckId id) const { return ids_.count(id) > 0; }
  bool operator==(const CheckSet&) const = default;

 private:
  std::set<CheckId> ids_;
};

}  // namespace tlsd::checks
