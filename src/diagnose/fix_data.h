// What the doctor knows about fixing a failure, loaded from data/fixes/:
// how to write a client-side fix per stack (clients.json), which client
// release changed a default (changes.json), and the server-side fix per
// failure reason and server software (server.json). Validated on load.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "catalog/profiles.h"
#include "diagnose/reason_texts.h"

namespace tlsd::diagnose {

// A snippet that offers a list of suites or groups: `item` formats one entry
// ({name}, {iana}, {openssl}), `join` glues them, and `quote_list` makes the
// joined list one string literal of `language`.
struct ListTemplate {
  std::string language, item, join, scope, text;
  bool quote_list = false;
};

struct StackFixes {
  std::string stack, display;
  std::map<uint16_t, std::string> suites;  // implemented suite -> the stack's name for it
  std::string suites_source, suites_trap;  // trap: {display} {list}, when none is implemented
  std::map<uint16_t, std::string> groups;  // implemented group -> the stack's name for it
  std::string groups_source, groups_trap;
  std::optional<ListTemplate> pin_suites, pin_groups;
};

struct KnobForm {
  std::string language, label, text;
};

struct KnobKind {
  int rank = 9;  // smaller = more scoped
  std::string scope;
  bool per_setting = false;  // "a=1,b=2" is written once per setting
  std::vector<std::pair<std::string, std::string>> rewrite;  // knob name -> setting
  std::vector<KnobForm> forms;
};

struct ClientChange {
  std::string id, stack, since, since_display, until, variant, what, knob, release_note, source;
  std::vector<catalog::FailureReason> reasons;

  bool applies_to(const catalog::Profile& profile) const;
};

// A GODEBUG setting whose default the main module's go line decides.
struct GoDebugSetting {
  std::string setting, changed, old, until;
};

struct ServerSoftware {
  std::string id, display, file;
};

struct ServerFixTemplate {
  std::string id, title, why, source;
  std::vector<catalog::FailureReason> reasons;
  std::map<std::string, std::string> render;  // software id -> snippet ({host})
};

// -1, 0, 1 comparing dotted versions numerically: "1.9" < "1.22", "8" < "11".
int compare_versions(const std::string& a, const std::string& b);

class FixKnowledge {
 public:
  static const FixKnowledge& get();  // the embedded data/fixes/*.json
  // The four documents by name: clients, changes, server, reasons.
  static Result<FixKnowledge> load(const std::map<std::string, std::string>& documents);

  const StackFixes* stack(const std::string& id) const;
  const KnobKind* knob_kind(const std::string& kind) const;
  // The releases of `profile`'s stack, up to its version, whose change can
  // cause `reason`; the most recent first.
  std::vector<const ClientChange*> changes_for(const catalog::Profile& profile,
                                               const catalog::FailureReason& reason) const;
  const ServerFixTemplate* server_fix_for(const catalog::FailureReason& reason) const;
  const std::vector<ServerSoftware>& server_software() const { return software_; }
  // "no cipher suite in common", from the reason taxonomy; "" when unknown.
  std::string reason_title(const catalog::FailureReason& reason) const {
    return reasons_.title(reason);
  }
  // One line of advice for `reason` when no client fix can be verified ("" = none).
  std::string reason_hint(const catalog::FailureReason& reason) const {
    return reasons_.hint(reason);
  }
  // The reasons whose client knobs also apply to `reason` (itself first).
  std::vector<catalog::FailureReason> relaxed_by(const catalog::FailureReason& reason) const {
    return reasons_.relaxed_by(reason);
  }
  // The one-line security cost of pinning `suite`: its weaknesses, or that it has none.
  std::string suite_cost(uint16_t suite) const;
  const std::string& group_cost() const { return group_cost_; }
  const std::vector<GoDebugSetting>& go_godebug() const { return go_godebug_; }

 private:
  std::vector<StackFixes> stacks_;
  std::map<std::string, KnobKind> knob_kinds_;
  std::vector<ClientChange> changes_;
  std::vector<ServerSoftware> software_;
  std::vector<ServerFixTemplate> server_fixes_;
  ReasonTexts reasons_;
  std::map<std::string, std::string> suite_costs_;
  std::string group_cost_;
  std::vector<GoDebugSetting> go_godebug_;
};

}  // namespace tlsd::diagnose
