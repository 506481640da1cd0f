#include "diagnose/removed_knobs.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "diagnose/client_fixes.h"
#include "diagnose/test_models.h"

namespace tlsd::diagnose {
namespace {

using testing::profile;

const std::vector<catalog::Profile>& all() { return catalog::ProfileSet::get().all(); }

std::vector<std::string> names(const std::vector<RemovedKnob>& removed) {
  std::vector<std::string> out;
  for (const RemovedKnob& r : removed) out.push_back(r.knob);
  return out;
}

const catalog::Knob& knob(const catalog::Profile& p, const std::string& name) {
  auto it = std::find_if(p.knobs.begin(), p.knobs.end(),
                         [&](const catalog::Knob& k) { return k.name == name; });
  EXPECT_NE(it, p.knobs.end()) << p.id << " " << name;
  return *it;
}

TEST(RemovedKnobs, Go127LostTheRsaKexAnd3desSettings) {
  auto removed = removed_knobs_for(profile("go-1.27"), testing::reason("no_common_suite"), all());
  EXPECT_EQ(names(removed), (std::vector<std::string>{"GODEBUG=tlsrsakex=1", "GODEBUG=tls3des=1",
                                                      "GODEBUG=tlsrsakex=1,tls3des=1"}));
  for (const RemovedKnob& r : removed) {
    EXPECT_EQ(r.removed_in, "go-1.27");
    EXPECT_EQ(r.last_with, "go-1.26");  // the newest release that still has it
  }
  EXPECT_EQ(removed_knob_text(removed[0]),
            "GODEBUG=tlsrsakex=1 relaxed this up to go-1.26; go-1.27 removed it, so it is not "
            "offered here");
  // The AES-less build is its own line: its own older release is named.
  auto noaes =
      removed_knobs_for(profile("go-1.27-noaes"), testing::reason("no_common_suite"), all());
  ASSERT_FALSE(noaes.empty());
  EXPECT_EQ(noaes[0].last_with, "go-1.26-noaes");
}

TEST(RemovedKnobs, NothingIsRemovedBeforeTheRemovalOrForOtherReasons) {
  EXPECT_TRUE(
      removed_knobs_for(profile("go-1.26"), testing::reason("no_common_suite"), all()).empty());
  EXPECT_TRUE(removed_knobs_for(profile("go-1.27"), testing::reason("expired"), all()).empty());
  // An older removal is named the same way: tls10default lived in Go 1.18 only.
  auto tls10 = removed_knobs_for(profile("go-1.27"), testing::reason("no_common_version"), all());
  ASSERT_EQ(names(tls10), (std::vector<std::string>{"GODEBUG=tls10default=1"}));
  EXPECT_EQ(tls10[0].removed_in, "go-1.19");
  EXPECT_EQ(tls10[0].last_with, "go-1.18");
  EXPECT_TRUE(
      removed_knobs_for(profile("java-25"), testing::reason("no_common_suite"), all()).empty());
}

TEST(RemovedKnobs, RemovalIsJudgedByTheReleaseDate) {
  catalog::Profile go126 = profile("go-1.26");
  const catalog::Knob& rsakex = knob(go126, "GODEBUG=tlsrsakex=1");
  EXPECT_FALSE(knob_removed_for(go126, rsakex, all()));
  EXPECT_TRUE(knob_removed_for(profile("go-1.27"), rsakex, all()));
  EXPECT_TRUE(knob_removed_for(profile("go-1.27-noaes"), rsakex, all()));
  catalog::Knob unknown = rsakex;
  unknown.removed_in = "go-9.99";  // no such release in the data: not judged removed
  EXPECT_FALSE(knob_removed_for(profile("go-1.27"), unknown, all()));
  catalog::Knob kept = rsakex;
  kept.removed_in.clear();
  EXPECT_FALSE(knob_removed_for(profile("go-1.27"), kept, all()));
}

// The rule the doctor keeps: a removed knob is never a fix candidate, even on
// a profile that still carries it (a later release built from an older
// document), while the explicit CipherSuites pin stays.
TEST(RemovedKnobs, ARemovedKnobIsNeverOffered) {
  auto model = testing::tls12_server({0x002f, 0x0035});
  catalog::Profile later = profile("go-1.26");
  later.released = profile("go-1.27").released;  // as if released with Go 1.27
  auto fixes =
      client_fix_candidates(later, testing::reason("no_common_suite"), model, probe::Target{});
  ASSERT_FALSE(fixes.empty());
  EXPECT_EQ(fixes[0].kind, FixKind::pin_suite);
  for (const FixCandidate& f : fixes) EXPECT_EQ(f.title.find("tlsrsakex"), std::string::npos);
  auto on_126 = client_fix_candidates(profile("go-1.26"), testing::reason("no_common_suite"), model,
                                      probe::Target{});
  EXPECT_TRUE(std::any_of(on_126.begin(), on_126.end(),
                          [](const FixCandidate& f) { return f.title == "GODEBUG=tlsrsakex=1"; }));
}

// The data rule: no profile carries a knob its own release removed.
TEST(RemovedKnobs, NoProfileCarriesAKnobItsReleaseRemoved) {
  for (const catalog::Profile& p : all())
    for (const catalog::Knob& k : p.knobs)
      EXPECT_FALSE(knob_removed_for(p, k, all())) << p.id << " carries " << k.name;
}

}  // namespace
}  // namespace tlsd::diagnose
