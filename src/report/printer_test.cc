#include "report/printer.h"

#include <gtest/gtest.h>

#include <sstream>

#include "report/scan_report.h"
#include "report/scan_sections.h"

namespace tlsd::report {
namespace {

checks::ServerModel model(const std::string& target) {
  checks::ServerModel m;
  m.target = target;
  m.versions = {{0x0303, true, ""}, {0x0304, false, "alert protocol_version"}};
  checks::AcceptedSuite rsa;
  rsa.code = 0x003d;
  rsa.weak = true;
  m.suites[0x0303].suites = {rsa};
  return m;
}

TEST(ScanSections, OneRowPerCheckInCheckIdOrder) {
  auto sections = scan_sections();
  ASSERT_EQ(sections.size(), std::size(checks::kCheckNames));
  for (size_t i = 0; i < sections.size(); ++i) {
    EXPECT_EQ(sections[i].id, checks::kCheckNames[i].id);
    EXPECT_NE(sections[i].text, nullptr);
    EXPECT_NE(sections[i].json, nullptr);
  }
}

TEST(ScanSections, EverySectionSetsItsJsonKeys) {
  nlohmann::json doc = scan_json(model("a:443"));
  for (const char* key : {"versions", "ssl2_ciphers", "cipher_suites", "groups",
                          "signature_schemes", "extensions", "certificates", "findings", "notes"})
    EXPECT_TRUE(doc.contains(key)) << key;
}

TEST(ScanSections, WeakSuiteHighlightedOnlyWhenTheModelSaysSo) {
  checks::ServerModel m = model("a:443");
  std::string weak = render_scan_text(m, Style(true));
  EXPECT_NE(weak.find("\x1b[33mTLS_RSA_WITH_AES_256_CBC_SHA256"), std::string::npos);
  m.suites[0x0303].suites[0].weak = false;
  std::string plain = render_scan_text(m, Style(true));
  EXPECT_EQ(plain.find("\x1b[33mTLS_RSA_WITH_AES_256_CBC_SHA256"), std::string::npos);
}

TEST(ScansJson, OneTargetIsItsDocumentSeveralAnEnvelope) {
  nlohmann::json one = scans_json({model("a:443")});
  EXPECT_EQ(one["schema"], kScanSchema);
  nlohmann::json two = scans_json({model("a:443"), model("b:443")});
  EXPECT_EQ(two["schema"], kScansSchema);
  ASSERT_EQ(two["results"].size(), 2u);
  EXPECT_EQ(two["results"][1]["target"], "b:443");
}

TEST(TextPrinter, ScansComeOutInTheCommandLinesOrder) {
  std::ostringstream out;
  auto printer = make_printer(OutputFormat::text, out, Style(false));
  printer->scan_done(1, 3, model("second:443"));
  EXPECT_EQ(out.str(), "");  // waits for the first
  printer->scan_done(0, 3, model("first:443"));
  printer->scan_done(2, 3, model("third:443"));
  printer->scans({});
  std::string text = out.str();
  size_t first = text.find("scan first"), second = text.find("scan second"),
         third = text.find("scan third");
  ASSERT_NE(third, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_NE(text.substr(text.size() - 2), "\n\n");  // no blank line after the last
}

TEST(JsonPrinter, ScanPrintsOnceAtTheEnd) {
  std::ostringstream out;
  auto printer = make_printer(OutputFormat::json, out, Style(false));
  printer->scan_done(0, 1, model("a:443"));
  EXPECT_EQ(out.str(), "");
  printer->scans({model("a:443")});
  EXPECT_EQ(out.str(), scan_json(model("a:443")).dump(2) + "\n");
}

TEST(JsonLinesPrinter, OneLinePerTargetAsEachEnds) {
  std::ostringstream out;
  auto printer = make_printer(OutputFormat::jsonl, out, Style(false));
  printer->scan_done(1, 2, model("b:443"));
  printer->scan_done(0, 2, model("a:443"));
  printer->scans({model("a:443"), model("b:443")});
  std::istringstream lines(out.str());
  std::string line;
  std::vector<std::string> targets;
  while (std::getline(lines, line))
    targets.push_back(nlohmann::json::parse(line)["target"].get<std::string>());
  EXPECT_EQ(targets, (std::vector<std::string>{"b:443", "a:443"}));
}

TEST(JsonPrinter, ExplanationsAreOneArray) {
  std::ostringstream out;
  make_json_printer(out)->explanations({{"x", {}}, {"y", {}}});
  nlohmann::json doc = nlohmann::json::parse(out.str());
  ASSERT_TRUE(doc.is_array());
  EXPECT_EQ(doc.size(), 2u);
}

TEST(Printers, UnknownFormatFallsBackToText) {
  std::ostringstream out;
  auto printer = make_printer(static_cast<OutputFormat>(99), out, Style(false));
  printer->scan_done(0, 1, model("a:443"));
  EXPECT_EQ(out.str().rfind("scan a:443", 0), 0u);
}

}  // namespace
}  // namespace tlsd::report
