#include "report/preflight_report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "report/printer.h"

namespace tlsd::report {
namespace {

using diagnose::EndpointPreflight;
using diagnose::PreflightOutcome;

diagnose::Verdict verdict(const std::string& client, bool ok) {
  diagnose::Verdict v;
  v.profile = *catalog::ProfileSet::get().resolve(client);
  v.result.client = client;
  v.result.ok = ok;
  v.result.version = 0x0303;
  v.result.cipher_suite = 0x002f;
  if (!ok) {
    v.result.reason = catalog::parse_failure_reason("no_common_suite");
    v.cause.reason = v.result.reason;
    v.cause.title = "no cipher suite in common";
    v.cause.summary = "the server accepts only \x1b[31mX";
  }
  return v;
}

EndpointPreflight endpoint(const std::string& target, bool before, bool after) {
  EndpointPreflight e;
  e.input = target;
  e.doctor.target = target;
  e.doctor.verdicts = {verdict("go-1.21", before), verdict("go-1.22", after)};
  e.from_index = 0;
  e.to_index = 1;
  e.outcome = diagnose::judge_endpoint(target, e.doctor, e.doctor.verdicts[0].profile,
                                       e.doctor.verdicts[1].profile)
                  .outcome;
  return e;
}

diagnose::PreflightReport report() {
  diagnose::PreflightReport r;
  r.from = "go-1.21";
  r.to = "go-1.22";
  r.endpoints = {endpoint("a:443", true, false), endpoint("b:443", true, true)};
  EndpointPreflight dead;
  dead.input = "dead:443";
  dead.doctor.target = "dead:443";
  dead.doctor.error = Error::transport(TransportCode::refused, "connection refused");
  r.endpoints.push_back(dead);
  r.summary = diagnose::summarize(r.endpoints);
  return r;
}

TEST(PreflightReport, TextNamesEachOutcomeAndTheSummary) {
  std::string text = render_preflight_text(report(), Style(false));
  EXPECT_NE(text.find("preflight go-1.21 -> go-1.22"), std::string::npos);
  EXPECT_NE(text.find("BREAKS       a:443  go-1.21 connects"), std::string::npos) << text;
  EXPECT_NE(text.find("no cipher suite in common"), std::string::npos);
  EXPECT_NE(text.find("ok           b:443  both connect"), std::string::npos) << text;
  EXPECT_NE(text.find("unreachable  dead:443  connection refused"), std::string::npos);
  EXPECT_NE(text.find("summary: 1 of 3 endpoints breaks; 1 unchanged ok"), std::string::npos)
      << text;
}

TEST(PreflightReport, JsonOneDocumentAndOneLinePerEndpoint) {
  diagnose::PreflightReport r = report();
  nlohmann::json doc = preflight_json(r);
  EXPECT_EQ(doc["schema"], kPreflightSchema);
  EXPECT_EQ(doc["summary"]["breaks"], 1);
  EXPECT_EQ(doc["summary"]["endpoints"], 3);
  ASSERT_EQ(doc["endpoints"].size(), 3u);
  EXPECT_EQ(doc["endpoints"][0]["outcome"], "breaks");
  EXPECT_EQ(doc["endpoints"][0]["to"]["cause"]["reason"], "no_common_suite");
  EXPECT_EQ(doc["endpoints"][0]["from"]["ok"], true);
  // Unreachable: no verdicts, the error said.
  EXPECT_TRUE(doc["endpoints"][2]["from"].is_null());
  EXPECT_EQ(doc["endpoints"][2]["error"]["layer"], "transport");

  std::ostringstream out;
  auto printer = make_printer(OutputFormat::jsonl, out, Style(false));
  for (size_t i = 0; i < r.endpoints.size(); ++i)
    printer->preflight_done(i, r.endpoints.size(), r.endpoints[i], r);
  printer->preflight({r, ""});
  std::istringstream lines(out.str());
  size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    auto one = nlohmann::json::parse(line);
    EXPECT_EQ(one["schema"], kPreflightEndpointSchema);
    EXPECT_EQ(one["from_client"], "go-1.21");
    // Pure ASCII: the network's escape character is escaped.
    EXPECT_EQ(line.find('\x1b'), std::string::npos);
  }
  EXPECT_EQ(n, 3u);
}

}  // namespace
}  // namespace tlsd::report
