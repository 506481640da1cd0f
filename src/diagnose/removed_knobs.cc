#include "diagnose/removed_knobs.h"

#include <algorithm>

namespace tlsd::diagnose {
namespace {

using catalog::Profile;

const Profile* find(const std::vector<Profile>& all, const std::string& id) {
  for (const Profile& p : all)
    if (p.id == id) return &p;
  return nullptr;
}

bool same_line(const Profile& a, const Profile& b) {
  return a.stack == b.stack && a.variant == b.variant;
}

// The release a knob was removed in, as a profile of `profile`'s line. A
// removed_in id names the upstream build ("go-1.27"); a variant's own
// release ("go-1.27-noaes") stands for it when present.
const Profile* removal_release(const Profile& profile, const catalog::Knob& knob,
                               const std::vector<Profile>& all) {
  if (knob.removed_in.empty()) return nullptr;
  if (!profile.variant.empty())
    if (const Profile* p = find(all, knob.removed_in + "-" + profile.variant)) return p;
  return find(all, knob.removed_in);
}

}  // namespace

bool knob_removed_for(const Profile& profile, const catalog::Knob& knob,
                      const std::vector<Profile>& all) {
  const Profile* removed = removal_release(profile, knob, all);
  return removed && removed->stack == profile.stack && profile.released >= removed->released;
}

std::vector<RemovedKnob> removed_knobs_for(const Profile& profile,
                                           const catalog::FailureReason& reason,
                                           const std::vector<Profile>& all) {
  std::vector<const Profile*> older;
  for (const Profile& p : all)
    if (same_line(p, profile) && p.released < profile.released) older.push_back(&p);
  std::sort(older.begin(), older.end(),
            [](const Profile* a, const Profile* b) { return a->released > b->released; });
  std::vector<RemovedKnob> out;
  for (const Profile* p : older)
    for (const catalog::Knob& k : p->knobs) {
      bool relaxes = std::find(k.relaxes.begin(), k.relaxes.end(), reason) != k.relaxes.end();
      bool listed = std::any_of(out.begin(), out.end(),
                                [&](const RemovedKnob& r) { return r.knob == k.name; });
      if (!relaxes || listed || !knob_removed_for(profile, k, all)) continue;
      out.push_back({k.name, k.removed_in, p->id, k.source});
    }
  return out;
}

std::string removed_knob_text(const RemovedKnob& removed) {
  return removed.knob + " relaxed this up to " + removed.last_with + "; " + removed.removed_in +
         " removed it, so it is not offered here";
}

}  // namespace tlsd::diagnose
