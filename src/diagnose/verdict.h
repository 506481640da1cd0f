// The doctor's decisions about one failing client, from what was replayed
// live: which other versions of it connect, whether a release change is the
// cause, which fixes are shown and which are ruled out, and which fixes need
// a second step. No network here: the live results come in as a map.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "diagnose/doctor.h"

namespace tlsd::diagnose {

// Every live result so far, by client spec ("go-1.22+GODEBUG=tlsrsakex=1").
using LiveResults = std::map<std::string, simulate::ClientResult>;

// The same client's other versions, oldest first: same stack, same variant.
std::vector<const catalog::Profile*> family_of(const catalog::Profile& profile);

// Whether the newest release before `change` connects: if it does, the
// change is the cause.
ChangeFinding confirm_change(const ClientChange& change, const catalog::Profile& profile,
                             const LiveResults& results);

// The family's live results into the verdict, with the one sentence of
// evidence they add to the cause.
void add_family(Verdict& v, const LiveResults& results);

// The releases that can cause the verdict's failure, each confirmed or not.
void add_changes(Verdict& v, const LiveResults& results);

// A verified fix is left out when a smaller one already works: a second
// fix of the same kind, or a knob that contains a verified knob and sets
// more ("GODEBUG=tlsrsakex=1,tls3des=1" after "GODEBUG=tlsrsakex=1").
bool does_more_than_needed(const ClientFix& fix, const std::vector<ClientFix>& shown);

// The candidates tried live into the verdict: verified ones most scoped
// first (without those that do more than needed), the rest ruled out unless
// they helped as part of a shown combination.
void add_fixes(Verdict& v, std::vector<FixCandidate> candidates, const LiveResults& results);

// Fixes that got past the first failure and fell at another that a second
// knob of the same client relaxes: the two together.
std::vector<FixCandidate> two_step_candidates(const Verdict& v,
                                              const std::vector<FixCandidate>& tried,
                                              const LiveResults& results,
                                              const probe::Target& target);

}  // namespace tlsd::diagnose
