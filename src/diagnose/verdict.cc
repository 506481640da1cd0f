#include "diagnose/verdict.h"

#include <fmt/format.h>

#include <algorithm>

namespace tlsd::diagnose {
namespace {

using catalog::Profile;
using simulate::ClientResult;

std::string join(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// A shown fix built from `fix` (as its first step) proves `fix` helped.
bool part_of_shown_combination(const ClientFix& fix, const std::vector<ClientFix>& shown) {
  return std::any_of(shown.begin(), shown.end(), [&](const ClientFix& s) {
    const std::vector<std::string>& from = s.candidate.built_from;
    return std::find(from.begin(), from.end(), fix.client) != from.end();
  });
}

}  // namespace

std::vector<const Profile*> family_of(const Profile& profile) {
  std::vector<const Profile*> out;
  for (const Profile& other : catalog::ProfileSet::get().all())
    if (other.stack == profile.stack && other.id != profile.id && other.variant == profile.variant)
      out.push_back(&other);
  std::sort(out.begin(), out.end(), [](const Profile* a, const Profile* b) {
    return compare_versions(a->version, b->version) < 0;
  });
  return out;
}

ChangeFinding confirm_change(const ClientChange& change, const Profile& profile,
                             const LiveResults& results) {
  ChangeFinding finding{&change, std::nullopt, ""};
  const Profile* before = nullptr;
  for (const Profile* p : family_of(profile))
    if (compare_versions(p->version, change.since) < 0) before = p;
  if (!before) {
    finding.evidence = "no older " + profile.stack + " profile to compare with";
    return finding;
  }
  auto it = results.find(before->id);
  if (it == results.end()) return finding;
  finding.confirmed = it->second.ok;
  finding.evidence = it->second.ok ? before->id + " connects: " + simulate::negotiated(it->second)
                                   : before->id + " fails too (" + it->second.reason_name() + ")";
  return finding;
}

void add_family(Verdict& v, const LiveResults& results) {
  for (const Profile* sibling : family_of(v.profile))
    if (auto it = results.find(sibling->id); it != results.end()) v.family.push_back(it->second);
  if (v.family.empty()) return;
  std::vector<std::string> ok, failed;
  for (const ClientResult& r : v.family) (r.ok ? ok : failed).push_back(r.client);
  if (ok.empty())
    v.cause.evidence.push_back(fmt::format("none of the {} other {} profiles connects either ({})",
                                           failed.size(), v.profile.stack, join(failed)));
  else
    v.cause.evidence.push_back("these versions of the client connect: " + join(ok));
}

void add_changes(Verdict& v, const LiveResults& results) {
  for (const catalog::FailureReason& reason : FixKnowledge::get().relaxed_by(*v.cause.reason))
    for (const ClientChange* change : FixKnowledge::get().changes_for(v.profile, reason))
      v.changes.push_back(confirm_change(*change, v.profile, results));
}

bool does_more_than_needed(const ClientFix& fix, const std::vector<ClientFix>& shown) {
  for (const ClientFix& s : shown) {
    if (fix.candidate.kind != FixKind::knob && s.candidate.kind == fix.candidate.kind) return true;
    if (fix.candidate.kind == FixKind::knob && s.candidate.kind == FixKind::knob &&
        fix.candidate.title.find(s.candidate.title) != std::string::npos)
      return true;
  }
  return false;
}

void add_fixes(Verdict& v, std::vector<FixCandidate> candidates, const LiveResults& results) {
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const FixCandidate& a, const FixCandidate& b) { return a.rank < b.rank; });
  std::vector<ClientFix> tried;
  for (FixCandidate& c : candidates)
    if (auto it = results.find(c.profile.spec()); it != results.end())
      tried.push_back({std::move(c), it->first, it->second.ok, it->second});
  for (ClientFix& fix : tried)
    if (fix.verified && !does_more_than_needed(fix, v.fixes)) v.fixes.push_back(std::move(fix));
  for (ClientFix& fix : tried)
    if (!fix.verified && !part_of_shown_combination(fix, v.fixes))
      v.ruled_out.push_back(std::move(fix));
}

std::vector<FixCandidate> two_step_candidates(const Verdict& v,
                                              const std::vector<FixCandidate>& tried,
                                              const LiveResults& results,
                                              const probe::Target& target) {
  std::vector<FixCandidate> out;
  for (const FixCandidate& c : tried) {
    auto it = results.find(c.profile.spec());
    if (it == results.end() || it->second.ok || it->second.reason == v.result.reason) continue;
    std::vector<catalog::FailureReason> reasons =
        FixKnowledge::get().relaxed_by(*it->second.reason);
    for (const catalog::Knob& knob : v.profile.knobs)
      if (std::find_first_of(knob.relaxes.begin(), knob.relaxes.end(), reasons.begin(),
                             reasons.end()) != knob.relaxes.end())
        if (auto both = combine(c, knob, target)) out.push_back(std::move(*both));
  }
  return out;
}

}  // namespace tlsd::diagnose
