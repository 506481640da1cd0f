#include "catalog/profiles.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

namespace tlsd::catalog {
namespace {

using nlohmann::json;

json minimal() {
  return json::parse(R"({
    "id": "demo-1.0", "stack": "demo", "display": "Demo client",
    "released": "2026-08-18", "checked": "2026-12-03",
    "hello": {
      "legacy_version": "0x0303", "session_id_length": 32,
      "cipher_suites": ["GREASE", "0x1301", "0xc02f", "0x002f"],
      "extensions": ["GREASE", "server_name", "supported_groups", "key_share", "0x4469", "GREASE"],
      "extension_data": {"0x4469": "0003026832"},
      "supported_versions": ["GREASE", "0x0304", "0x0303"],
      "groups": ["GREASE", "x25519", "0x0017"], "key_shares": ["GREASE", "x25519"],
      "signature_algorithms": ["rsa_pss_rsae_sha256", "0x0403"]
    },
    "policy": {"min_rsa_bits": 2048, "require_secure_renegotiation": true},
    "errors": {"no_common_suite": "handshake failure!", "alert": "some alert"},
    "knobs": [{"name": "LEGACY=1", "kind": "demo", "relaxes": ["no_common_suite"],
               "set": {"hello.cipher_suites": ["0x1301", "0x0035"], "policy.min_rsa_bits": 1024}}],
    "sources": {"hello": "a capture"}
  })");
}

TEST(Profiles, ParsesAllFields) {
  auto p = parse_profile(minimal(), "demo");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->hello.cipher_suites, (std::vector<uint16_t>{0x0a0a, 0x1301, 0xc02f, 0x002f}));
  ASSERT_EQ(p->hello.extensions.size(), 6u);
  EXPECT_EQ(p->hello.extensions[0].type, 0x2a2a);
  EXPECT_EQ(p->hello.extensions[5].type, 0x4a4a);
  EXPECT_EQ(*p->hello.extensions[4].body, (Bytes{0, 3, 2, 'h', '2'}));
  EXPECT_EQ(p->hello.groups, (std::vector<uint16_t>{0x1a1a, 0x001d, 0x0017}));
  EXPECT_EQ(p->hello.max_version(), 0x0304);
  EXPECT_EQ(p->hello.min_version(), 0x0303);
  EXPECT_EQ(p->policy.min_rsa_bits, 2048);
  EXPECT_TRUE(p->policy.require_secure_renegotiation);
  EXPECT_EQ(p->error_text("no_common_suite"), "handshake failure!");
  EXPECT_EQ(p->error_text(*parse_failure_reason("alert:protocol_version")), "some alert");
  EXPECT_EQ(p->error_text("untrusted"), "");
}

TEST(Profiles, KnobsMakeTheModifiedProfile) {
  auto p = parse_profile(minimal(), "demo");
  ASSERT_TRUE(p.ok());
  auto k = with_knob(*p, "LEGACY=1");
  ASSERT_TRUE(k.ok()) << k.error().message;
  EXPECT_EQ(k->hello.cipher_suites, (std::vector<uint16_t>{0x1301, 0x0035}));
  EXPECT_EQ(k->policy.min_rsa_bits, 1024);
  EXPECT_EQ(k->applied_knobs, (std::vector<std::string>{"LEGACY=1"}));
  auto unknown = with_knob(*p, "NOPE");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("LEGACY=1"), std::string::npos);
}

TEST(Profiles, RejectsBrokenDocuments) {
  auto broken = [](auto edit) {
    json doc = minimal();
    edit(doc);
    return parse_profile(doc, "demo").ok();
  };
  EXPECT_FALSE(broken([](json& d) { d["hello"]["extensions"].push_back("no_such_extension"); }));
  EXPECT_FALSE(broken([](json& d) { d["hello"]["extension_data"]["0x4469"] = "zz"; }));
  EXPECT_FALSE(broken([](json& d) { d["hello"]["extensions"].push_back("0x9999"); }));
  EXPECT_FALSE(broken([](json& d) { d["hello"]["key_shares"] = json::array({"x448"}); }));
  EXPECT_FALSE(broken([](json& d) { d["hello"]["cipher_suites"] = json::array(); }));
  EXPECT_FALSE(broken([](json& d) { d["hello"]["cipher_suites"].push_back("0x1ffff"); }));
  EXPECT_FALSE(broken([](json& d) { d["hello"]["groups"].push_back("no-such-group"); }));
  EXPECT_FALSE(broken([](json& d) { d["hello"]["session_id_length"] = 33; }));
  EXPECT_FALSE(broken([](json& d) { d["hello"]["session_id_length"] = "32"; }));
  EXPECT_FALSE(broken([](json& d) { d["hello"]["alpn"] = json::array({1}); }));
  EXPECT_FALSE(broken([](json& d) { d["hello"]["record_size_limit"] = 70000; }));
  EXPECT_FALSE(broken([](json& d) { d["hello"]["extensions"].push_back("server_name"); }));
  EXPECT_FALSE(broken([](json& d) { d["sources"] = json::object(); }));
  EXPECT_FALSE(broken([](json& d) { d.erase("stack"); }));
}

TEST(Profiles, DatesAreRequiredAndStrict) {
  auto p = parse_profile(minimal(), "demo");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->released, "2026-08-18");
  EXPECT_EQ(p->checked, "2026-12-03");
  auto error = [](auto edit) {
    json doc = minimal();
    edit(doc);
    auto q = parse_profile(doc, "data/profiles/demo-1.0.json");
    return q.ok() ? std::string() : q.error().message;
  };
  EXPECT_NE(error([](json& d) { d.erase("released"); }).find("'released' must be a date"),
            std::string::npos);
  EXPECT_NE(error([](json& d) { d.erase("checked"); }).find("'checked' must be a date"),
            std::string::npos);
  EXPECT_NE(error([](json& d) { d["released"] = "2026-02-30"; }), "");
  EXPECT_NE(error([](json& d) { d["checked"] = "3 Dec 2026"; }), "");
  EXPECT_NE(error([](json& d) { d["checked"] = 20261203; }), "");
  EXPECT_NE(error([](json& d) { d["released"] = nullptr; }), "");
}

// The error of a document with one edit, "" when it still loads.
std::string load_error(const std::function<void(json&)>& edit) {
  json doc = minimal();
  edit(doc);
  auto p = parse_profile(doc, "data/profiles/demo-1.0.json");
  return p.ok() ? "" : p.error().message;
}

TEST(Profiles, UnknownKeysAreLoadErrorsNamingFileAndKey) {
  auto names = [](const std::string& error, const std::string& key) {
    return error.find("data/profiles/demo-1.0.json") != std::string::npos &&
           error.find("'" + key + "'") != std::string::npos;
  };
  EXPECT_PRED2(names, load_error([](json& d) { d["dispaly"] = "x"; }), "dispaly");
  EXPECT_PRED2(names, load_error([](json& d) { d["hello"]["grups"] = json::array(); }),
               "hello.grups");
  EXPECT_PRED2(names, load_error([](json& d) { d["policy"]["min_rsa_bit"] = 1024; }),
               "policy.min_rsa_bit");
  // A misspelt extension: in the list, and as a stray extension_data key.
  EXPECT_NE(load_error([](json& d) {
              d["hello"]["extensions"].push_back("sever_name");
            }).find("sever_name"),
            std::string::npos);
  EXPECT_PRED2(names, load_error([](json& d) { d["hello"]["extension_data"]["0x4468"] = "00"; }),
               "hello.extension_data.0x4468");
  // A misspelt knob key, and a knob that sets a path nobody reads.
  EXPECT_PRED2(names, load_error([](json& d) { d["knobs"][0]["relax"] = json::array(); }),
               "knobs[0].relax");
  EXPECT_PRED2(names, load_error([](json& d) {
                 d["knobs"][0]["set"]["hello.cipher_suite"] = json::array();
               }),
               "hello.cipher_suite");
  EXPECT_PRED2(names, load_error([](json& d) { d["knobs"][0]["set"]["polic.min_rsa_bits"] = 1; }),
               "polic.min_rsa_bits");
}

TEST(Profiles, KnownOptionalKeysStillLoad) {
  EXPECT_EQ(load_error([](json& d) {
              d["id"] = "demo-1.0-noaes";
              d["variant"] = "noaes";
            }),
            "");
  EXPECT_NE(load_error([](json& d) { d["variant"] = 3; }), "");
  EXPECT_EQ(load_error([](json& d) { d["hello"]["padding"] = 17; }), "");
  EXPECT_NE(load_error([](json& d) { d["hello"]["padding"] = "some"; }), "");
  EXPECT_NE(load_error([](json& d) { d["hello"]["signature_algorithms"].push_back("GREASE"); }),
            "");
  EXPECT_EQ(load_error([](json& d) { d["knobs"][0]["set"]["hello.padding"] = "boringssl"; }), "");
}

TEST(Profiles, ExtensionRowsFillTheHelloParameters) {
  json doc = minimal();
  doc["hello"]["alpn"] = json::array({"h2"});
  doc["hello"]["record_size_limit"] = 4096;
  doc["hello"]["padding"] = "boringssl";
  auto p = parse_profile(doc, "demo");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->hello.key_share_groups, (std::vector<uint16_t>{0x1a1a, 0x001d}));
  EXPECT_EQ(p->hello.signature_algorithms, (std::vector<uint16_t>{0x0804, 0x0403}));
  EXPECT_EQ(p->hello.alpn, (std::vector<std::string>{"h2"}));
  EXPECT_EQ(p->hello.record_size_limit, 4096);
  EXPECT_FALSE(p->hello.omit_padding);
  EXPECT_TRUE(parse_profile(minimal(), "demo")->hello.omit_padding);  // "none" when absent
}

TEST(Profiles, HelloKeysAreUniqueAcrossTheExtensionRows) {
  std::vector<std::string_view> keys = hello_template_keys();
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
}

TEST(Profiles, AVariantIsDataTheIdEndsWith) {
  auto upstream = parse_profile(minimal(), "demo");
  ASSERT_TRUE(upstream.ok());
  EXPECT_EQ(upstream->variant, "");
  json doc = minimal();
  doc["id"] = "demo-1.0-noaes";
  doc["variant"] = "noaes";
  auto variant = parse_profile(doc, "demo");
  ASSERT_TRUE(variant.ok()) << variant.error().message;
  EXPECT_EQ(variant->variant, "noaes");
  EXPECT_EQ(with_knob(*variant, "LEGACY=1")->variant, "noaes");  // a knob keeps it
  doc["variant"] = "debian";                                     // not what the id says
  EXPECT_FALSE(parse_profile(doc, "demo").ok());
  doc["id"] = "demo-1.0-No AES";
  doc["variant"] = "No AES";
  EXPECT_FALSE(parse_profile(doc, "demo").ok());
  doc["variant"] = 3;
  EXPECT_FALSE(parse_profile(doc, "demo").ok());
  EXPECT_EQ(ProfileSet::get().find("go-1.22-noaes")->variant, "noaes");
  EXPECT_EQ(ProfileSet::get().find("openssl-3.0-debian")->variant, "debian");
  EXPECT_EQ(ProfileSet::get().find("go-1.22")->variant, "");
}

// A misspelt taxonomy value is a load error that names it, never a silent miss.
TEST(Profiles, RejectsMisspeltTaxonomyValues) {
  auto message = [](auto edit) {
    json doc = minimal();
    edit(doc);
    auto p = parse_profile(doc, "demo");
    return p.ok() ? std::string("loaded") : p.error().message;
  };
  EXPECT_NE(message([](json& d) {
              d["knobs"][0]["relaxes"] = json::array({"no_common_suites"});
            }).find("no_common_suites"),
            std::string::npos);
  EXPECT_NE(
      message([](json& d) { d["errors"]["hostname_missmatch"] = "x"; }).find("hostname_missmatch"),
      std::string::npos);
  EXPECT_NE(message([](json& d) {
              d["errors"]["alert:handshake_failed"] = "x";
            }).find("alert:handshake_failed"),
            std::string::npos);
  EXPECT_NE(message([](json& d) { d["hello"]["padding"] = "boring"; }).find("padding"),
            std::string::npos);
  EXPECT_EQ(message([](json& d) { d["errors"]["alert:handshake_failure"] = "x"; }), "loaded");
  EXPECT_EQ(message([](json& d) { d["hello"]["padding"] = 17; }), "loaded");
}

TEST(Profiles, SetChecksIdsAndResolvesKnobs) {
  std::string text = minimal().dump();
  auto set = ProfileSet::load({{"data/profiles/demo-1.0.json", text}});
  ASSERT_TRUE(set.ok()) << set.error().message;
  auto p = set->resolve("demo-1.0+LEGACY=1");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->hello.cipher_suites.size(), 2u);
  auto unknown = set->resolve("demo-9");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("demo-1.0"), std::string::npos);  // lists the known ones
  EXPECT_FALSE(ProfileSet::load({{"data/profiles/other.json", text}}).ok());  // id != file name
  EXPECT_FALSE(ProfileSet::load({{"data/profiles/x.json", "{not json"}}).ok());
}

TEST(Profiles, EmbeddedProfilesLoad) {
  const ProfileSet& set = ProfileSet::get();
  EXPECT_GE(set.all().size(), 40u);
  for (const Profile& p : set.all()) {
    EXPECT_FALSE(p.sources.empty()) << p.id;
    for (const Knob& k : p.knobs) EXPECT_TRUE(with_knob(p, k.name).ok()) << p.id << " " << k.name;
  }
}

}  // namespace
}  // namespace tlsd::catalog
