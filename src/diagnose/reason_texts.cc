#include "diagnose/reason_texts.h"

#include <stdexcept>

#include "catalog/catalog.h"

namespace tlsd::diagnose {
namespace {

using catalog::FailureReason;
using catalog::ReasonKind;
using catalog::ReasonTitle;
using nlohmann::json;

ReasonTitle title_source(ReasonKind kind) {
  for (const catalog::ReasonRow& row : catalog::reason_table())
    if (row.kind == kind) return row.title;
  return ReasonTitle::none;
}

// A key of reasons.json: a reason the taxonomy titles from this file.
ReasonKind titled_kind(const std::string& name, const std::string& where) {
  FailureReason r = reason_in_data(name, where);
  if (title_source(r.kind()) != ReasonTitle::in_reasons_json)
    throw std::runtime_error(where + ": " + name + " is not titled in reasons.json");
  return r.kind();
}

}  // namespace

FailureReason reason_in_data(const std::string& name, const std::string& where) {
  std::optional<FailureReason> r = catalog::parse_failure_reason(name);
  if (!r) throw std::runtime_error(where + ": unknown reason " + name);
  return *r;
}

ReasonTexts ReasonTexts::parse(const json& doc) {
  ReasonTexts t;
  for (const auto& [name, title] : doc.at("reasons").items())
    t.titles[titled_kind(name, "reasons")] = title.get<std::string>();
  for (const catalog::ReasonRow& row : catalog::reason_table())
    if (row.title == ReasonTitle::in_reasons_json && !t.titles.count(row.kind))
      throw std::runtime_error("reasons: no title for " + std::string(row.name));
  const json hints = doc.value("hints", json::object());  // named: items() of a temporary dangles
  for (const auto& [name, hint] : hints.items())
    t.hints[titled_kind(name, "hints")] = hint.get<std::string>();
  for (const auto& [name, others] : doc.at("also_relaxed_by").items()) {
    std::vector<FailureReason>& out = t.also_relaxed_by[titled_kind(name, "also_relaxed_by")];
    for (const json& other : others)
      out.push_back(reason_in_data(other.get<std::string>(), "also_relaxed_by " + name));
  }
  return t;
}

std::string ReasonTexts::title(const FailureReason& reason) const {
  if (reason.kind() == ReasonKind::alert)
    return "the server refused with alert " +
           catalog::Catalog::get().alert_name(reason.alert_code());
  auto it = titles.find(reason.kind());
  return it == titles.end() ? "" : it->second;
}

std::string ReasonTexts::hint(const FailureReason& reason) const {
  auto it = hints.find(reason.kind());
  return it == hints.end() ? "" : it->second;
}

std::vector<FailureReason> ReasonTexts::relaxed_by(const FailureReason& reason) const {
  std::vector<FailureReason> out{reason};
  // Keys are never alerts (titled_kind), so an alert's kind finds nothing.
  if (auto it = also_relaxed_by.find(reason.kind()); it != also_relaxed_by.end())
    out.insert(out.end(), it->second.begin(), it->second.end());
  return out;
}

}  // namespace tlsd::diagnose
