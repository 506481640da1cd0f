// Knobs a client release removed. An older release's profile may carry a knob
// ("GODEBUG=tlsrsakex=1", removed_in "go-1.27") that relaxes exactly the
// failure at hand; in the release that removed it the knob is not a fix (Go
// 1.27 even refuses to start with it), so the doctor never offers it there
// and says so instead, pointing at what still works.
#pragma once

#include <string>
#include <vector>

#include "catalog/profiles.h"

namespace tlsd::diagnose {

struct RemovedKnob {
  std::string knob;        // "GODEBUG=tlsrsakex=1"
  std::string removed_in;  // "go-1.27": the first release without it
  std::string last_with;   // "go-1.26": the newest release in the data that has it
  std::string source;      // the knob's source in that release's profile
};

// True when `profile`'s release is at or after the release `knob` was removed
// in (knob.removed_in names a profile of the same line; compared by release
// date). Unknown removed_in ids count as not removed.
bool knob_removed_for(const catalog::Profile& profile, const catalog::Knob& knob,
                      const std::vector<catalog::Profile>& all);

// The knobs that relaxed `reason` in an older release of `profile`'s client
// (same stack and variant) and are removed in `profile`'s release, newest
// holder first, one entry per knob name.
std::vector<RemovedKnob> removed_knobs_for(const catalog::Profile& profile,
                                           const catalog::FailureReason& reason,
                                           const std::vector<catalog::Profile>& all);

// One sentence for the report: "GODEBUG=tlsrsakex=1 relaxed this up to go-1.26;
// go-1.27 removed it, so it is not offered here."
std::string removed_knob_text(const RemovedKnob& removed);

}  // namespace tlsd::diagnose
