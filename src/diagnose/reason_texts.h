// data/fixes/reasons.json, checked against the taxonomy in both directions:
// every reason it names is a known FailureReason, and every reason the
// taxonomy titles from reasons.json has its title there.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalog/failure_reason.h"

namespace tlsd::diagnose {

struct ReasonTexts {
  // Throws std::runtime_error naming the first reason that does not fit.
  static ReasonTexts parse(const nlohmann::json& doc);

  // "no cipher suite in common"; an alert is titled from its name.
  std::string title(const catalog::FailureReason& reason) const;
  std::string hint(const catalog::FailureReason& reason) const;  // "" = none
  // `reason`, then the reasons whose client knobs also apply to it.
  std::vector<catalog::FailureReason> relaxed_by(const catalog::FailureReason& reason) const;

  std::map<catalog::ReasonKind, std::string> titles, hints;
  std::map<catalog::ReasonKind, std::vector<catalog::FailureReason>> also_relaxed_by;
};

// A reason named in data (`where` labels the error); throws when unknown.
catalog::FailureReason reason_in_data(const std::string& name, const std::string& where);

}  // namespace tlsd::diagnose
