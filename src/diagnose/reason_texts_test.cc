#include "diagnose/reason_texts.h"

#include <gtest/gtest.h>

#include "catalog/embedded.h"
#include "diagnose/test_models.h"

namespace tlsd::diagnose {
namespace {

using catalog::ReasonKind;
using nlohmann::json;
using testing::reason;

json embedded_reasons() { return json::parse(catalog::embedded_file("data/fixes/reasons.json")); }

// The error an edited reasons.json fails with; "" when it loads.
std::string failure(const std::function<void(json&)>& edit) {
  json doc = embedded_reasons();
  edit(doc);
  try {
    ReasonTexts::parse(doc);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST(ReasonTexts, EveryTitledReasonHasItsTitleAndNoOther) {
  ReasonTexts t = ReasonTexts::parse(embedded_reasons());
  for (const catalog::ReasonRow& row : catalog::reason_table()) {
    bool titled = row.title == catalog::ReasonTitle::in_reasons_json;
    EXPECT_EQ(t.titles.count(row.kind), titled ? 1u : 0u) << row.name;
  }
  EXPECT_EQ(t.title(reason("no_common_suite")), "no cipher suite in common");
  EXPECT_EQ(t.title(reason("alert:decode_error")), "the server refused with alert decode_error");
  EXPECT_EQ(t.title(reason("not_tls")), "");
  EXPECT_NE(t.hint(reason("untrusted")), "");
  EXPECT_EQ(t.hint(reason("no_common_suite")), "");
  EXPECT_EQ(t.relaxed_by(reason("no_common_sigalg")),
            (std::vector<catalog::FailureReason>{ReasonKind::no_common_sigalg,
                                                 ReasonKind::ske_sigalg_rejected}));
  EXPECT_EQ(t.relaxed_by(reason("alert:decode_error")),
            std::vector<catalog::FailureReason>{reason("alert:decode_error")});
}

TEST(ReasonTexts, AMisspeltReasonFailsAndIsNamed) {
  EXPECT_NE(failure([](json& d) {
              d["reasons"]["no_common_suites"] = "x";
            }).find("unknown reason no_common_suites"),
            std::string::npos);
  EXPECT_NE(failure([](json& d) { d["hints"]["expird"] = "x"; }).find("expird"), std::string::npos);
  EXPECT_NE(failure([](json& d) {
              d["also_relaxed_by"]["no_common_sigalg"] = {"ske_sigalg"};
            }).find("ske_sigalg"),
            std::string::npos);
  EXPECT_NE(failure([](json& d) { d["also_relaxed_by"]["sigalg"] = json::array(); }).find("sigalg"),
            std::string::npos);
}

TEST(ReasonTexts, EveryTaxonomyReasonNeedsATitle) {
  EXPECT_NE(failure([](json& d) {
              d["reasons"].erase("ems_required");
            }).find("no title for ems_required"),
            std::string::npos);
}

TEST(ReasonTexts, OnlyTheTaxonomyIsTitledHere) {
  // Alerts are titled from their names; not_tls and unknown only `explain` says.
  EXPECT_NE(failure([](json& d) { d["reasons"]["alert:decode_error"] = "x"; }), "");
  EXPECT_NE(failure([](json& d) { d["reasons"]["not_tls"] = "x"; }), "");
  EXPECT_NE(failure([](json& d) { d["hints"]["unknown"] = "x"; }), "");
}

TEST(ReasonTexts, ReasonInDataNamesWhereItWasFound) {
  EXPECT_EQ(reason_in_data("alert:handshake_failure", "here"), reason("alert:handshake_failure"));
  try {
    reason_in_data("alert:handshake_failed", "server.json fix x");
    ADD_FAILURE() << "a misspelt alert loaded";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "server.json fix x: unknown reason alert:handshake_failed");
  }
}

}  // namespace
}  // namespace tlsd::diagnose
