#include "diagnose/fix_data.h"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "catalog/embedded.h"
#include "diagnose/test_models.h"

namespace tlsd::diagnose {
namespace {

std::map<std::string, std::string> embedded_documents() {
  std::map<std::string, std::string> docs;
  for (const char* name : {"clients", "changes", "server", "reasons"})
    docs[name] = std::string(catalog::embedded_file(std::string("data/fixes/") + name + ".json"));
  return docs;
}

TEST(FixData, EmbeddedDataLoads) {
  auto k = FixKnowledge::load(embedded_documents());
  ASSERT_TRUE(k.ok()) << k.error().message;
  const StackFixes* go = k->stack("go");
  ASSERT_NE(go, nullptr);
  EXPECT_TRUE(go->suites.count(0x002f));
  EXPECT_FALSE(go->suites.count(0x003d));  // Go never implemented AES256-SHA256
  EXPECT_EQ(k->stack("python")->suites.at(0x002f), "AES128-SHA");  // OpenSSL names from the catalog
  EXPECT_EQ(k->server_software().size(), 6u);
  EXPECT_NE(k->server_fix_for(testing::reason("no_common_suite")), nullptr);
  EXPECT_EQ(k->server_fix_for(testing::reason("transport")), nullptr);
  EXPECT_EQ(k->reason_title(testing::reason("alert:decode_error")),
            "the server refused with alert decode_error");
}

TEST(FixData, VersionsCompareNumerically) {
  EXPECT_LT(compare_versions("1.9", "1.22"), 0);
  EXPECT_EQ(compare_versions("1.22", "1.22.0"), 0);
  EXPECT_GT(compare_versions("11", "8"), 0);
  EXPECT_LT(compare_versions("8u291", "11"), 0);
}

TEST(FixData, ChangesMatchStackVersionAndVariant) {
  const FixKnowledge& k = FixKnowledge::get();
  auto go122 = catalog::ProfileSet::get().resolve("go-1.22");
  auto go121 = catalog::ProfileSet::get().resolve("go-1.21");
  ASSERT_TRUE(go122.ok() && go121.ok());
  auto changes = k.changes_for(*go122, testing::reason("no_common_suite"));
  ASSERT_FALSE(changes.empty());
  EXPECT_EQ(changes.front()->knob, "GODEBUG=tlsrsakex=1");
  for (const ClientChange* c : k.changes_for(*go121, testing::reason("no_common_suite")))
    EXPECT_NE(c->id, changes.front()->id);
  EXPECT_TRUE(k.changes_for(*go122, catalog::ReasonKind::expired).empty());
}

TEST(FixData, SuiteCostNamesTheWeakness) {
  const FixKnowledge& k = FixKnowledge::get();
  EXPECT_NE(k.suite_cost(0x002f).find("no forward secrecy"), std::string::npos);
  EXPECT_NE(k.suite_cost(0x000a).find("Sweet32"), std::string::npos);
  EXPECT_NE(k.suite_cost(0xc02f).find("strong"), std::string::npos);
}

TEST(FixData, BrokenDocumentsAreRejected) {
  auto docs = embedded_documents();
  auto missing = docs;
  missing.erase("server");
  EXPECT_FALSE(FixKnowledge::load(missing).ok());
  auto garbage = docs;
  garbage["changes"] = "{not json";
  EXPECT_FALSE(FixKnowledge::load(garbage).ok());
  auto bad_reason = docs;
  bad_reason["changes"] =
      R"({"changes": [{"id": "x", "stack": "go", "since": "1.0", "since_display": "Go 1.0",
    "reasons": ["made_up"], "what": "w", "source": "s"}]})";
  EXPECT_FALSE(FixKnowledge::load(bad_reason).ok());
  auto bad_code = docs;
  bad_code["clients"] =
      R"({"stacks": [{"stack": "go", "display": "Go", "suites": {"names": {"0x2f": "X"}, "source": "s", "trap": "t"}}],
    "knob_kinds": {}, "suite_costs": {}, "group_cost": "", "go_godebug": {"settings": []}})";
  EXPECT_FALSE(FixKnowledge::load(bad_code).ok());
}

// The load error after one edit of one embedded document ("" when it loads).
std::string load_error(const std::string& name, const std::function<void(nlohmann::json&)>& edit) {
  auto docs = embedded_documents();
  nlohmann::json doc = nlohmann::json::parse(docs.at(name));
  edit(doc);
  docs[name] = doc.dump();
  auto k = FixKnowledge::load(docs);
  return k.ok() ? "" : k.error().message;
}

bool names(const std::string& error, const std::string& file, const std::string& key) {
  return error.find(file) != std::string::npos && error.find("'" + key + "'") != std::string::npos;
}

TEST(FixData, UnknownKeysAreLoadErrorsNamingFileAndKey) {
  using nlohmann::json;
  EXPECT_PRED3(names, load_error("clients", [](json& d) { d["stack"] = json::array(); }),
               "clients.json", "stack");
  EXPECT_PRED3(names,
               load_error("clients", [](json& d) { d["stacks"][1]["suites"]["opensl"] = "x"; }),
               "clients.json", "stacks[1].suites.opensl");
  EXPECT_PRED3(names, load_error("clients", [](json& d) { d["stacks"][0]["pin_suite"] = {}; }),
               "clients.json", "stacks[0].pin_suite");
  EXPECT_PRED3(
      names, load_error("clients", [](json& d) { d["knob_kinds"]["godebug"]["per_settings"] = 1; }),
      "clients.json", "knob_kinds.godebug.per_settings");
  EXPECT_PRED3(names, load_error("changes", [](json& d) { d["change"] = json::array(); }),
               "changes.json", "change");
  EXPECT_PRED3(names, load_error("changes", [](json& d) { d["changes"][0]["knobs"] = "x"; }),
               "changes.json", "changes[go-1.18-client-min-tls12].knobs");
  EXPECT_PRED3(names, load_error("server", [](json& d) { d["fixes"][0]["render_"] = {}; }),
               "server.json", "fixes[modern_tls].render_");
  EXPECT_PRED3(names, load_error("reasons", [](json& d) { d["hint"] = json::object(); }),
               "reasons.json", "hint");
}

TEST(FixData, SharedListsAreResolvedByName) {
  using nlohmann::json;
  const FixKnowledge& k = FixKnowledge::get();
  // The 158 OpenSSL suites are written once and named by five stacks.
  for (const char* stack : {"python", "node", "curl", "openssl", "dotnet"})
    EXPECT_EQ(k.stack(stack)->suites.size(), 158u) << stack;
  for (const char* stack : {"node", "curl", "openssl"})
    EXPECT_EQ(k.stack(stack)->groups.at(0x001d), "X25519") << stack;
  std::string error = load_error(
      "clients", [](json& d) { d["stacks"][1]["suites"]["openssl"] = "openssl-9-suites"; });
  EXPECT_NE(error.find("unknown list 'openssl-9-suites'"), std::string::npos) << error;
  EXPECT_NE(error.find("stacks[1].suites.openssl"), std::string::npos) << error;
}

// Each document that names reasons rejects a misspelt one, and says which.
TEST(FixData, MisspeltReasonsFailAtLoad) {
  auto misspelt = [](const std::string& name, const std::string& from, const std::string& to) {
    auto docs = embedded_documents();
    std::string& text = docs[name];
    size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    auto k = FixKnowledge::load(docs);
    return k.ok() ? std::string("loaded") : k.error().message;
  };
  EXPECT_NE(misspelt("server", "\"no_common_suite\"", "\"no_common_suites\"")
                .find("unknown reason no_common_suites"),
            std::string::npos);
  EXPECT_NE(misspelt("changes", "\"no_common_version\"", "\"no_common_versions\"")
                .find("unknown reason no_common_versions"),
            std::string::npos);
  EXPECT_NE(misspelt("reasons", "\"expired\":", "\"expird\":").find("expird"), std::string::npos);
  // A server fix answers a titled reason, never an alert or an explain-only kind.
  EXPECT_NE(misspelt("server", "\"no_common_suite\"", "\"not_tls\"").find("not_tls"),
            std::string::npos);
}

// A profile knob whose kind clients.json does not know is never offered as a
// fix (client_fixes skips it): every embedded knob's kind must be known.
TEST(FixData, EveryProfileKnobKindIsKnown) {
  const FixKnowledge& k = FixKnowledge::get();
  for (const catalog::Profile& p : catalog::ProfileSet::get().all())
    for (const catalog::Knob& knob : p.knobs)
      EXPECT_NE(k.knob_kind(knob.kind), nullptr) << p.id << " " << knob.name << ": " << knob.kind;
}

}  // namespace
}  // namespace tlsd::diagnose
