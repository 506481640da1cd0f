#include "report/scan_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "report/diff_report.h"

namespace tlsd::report {
namespace {

const char* kScan = R"({
  "schema": "tlsdoctor.scan/1", "target": "127.0.0.1:4433", "error": null,
  "versions": [{"version": "TLSv1", "supported": true, "refusal": null},
               {"version": "TLSv1.2", "supported": true, "refusal": null},
               {"version": "TLSv1.3", "supported": false, "refusal": "alert protocol_version"}],
  "cipher_suites": {"TLSv1.2": {"suites": [{"code": "0x002f", "iana": "TLS_RSA_WITH_AES_128_CBC_SHA"}]}},
  "groups": {"TLSv1.2": {"server_order": null, "groups": [{"code": "0x001d", "name": "x25519"}]}},
  "certificates": [{"found_with": "RSA", "leaf_sha256": "ab", "chain": [
      {"subject": "CN=localhost", "issuer": "CN=lab CA", "serial": "64", "not_before": "2026-01-01",
       "not_after": "2027-01-01", "key_type": "RSA", "key_bits": 2048}]}]
})";

TEST(ScanReader, ReadsTheFactsADiffCompares) {
  auto f = read_scan_document(kScan, "a.json");
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->target, "127.0.0.1:4433");
  EXPECT_EQ(f->versions, (std::set<std::string>{"TLSv1", "TLSv1.2"}));
  EXPECT_EQ(f->suites["TLSv1.2"], (std::set<std::string>{"TLS_RSA_WITH_AES_128_CBC_SHA (0x002f)"}));
  EXPECT_EQ(f->groups["TLSv1.2"], (std::set<std::string>{"x25519 (0x001d)"}));
  ASSERT_TRUE(f->certificate);
  EXPECT_EQ(f->certificate->issuer, "CN=lab CA");
  EXPECT_EQ(f->certificate->key, "RSA 2048");
  EXPECT_EQ(f->certificate->chain_length, 1u);
  EXPECT_FALSE(f->client_auth);
}

TEST(ScanReader, AFailedScanKeepsItsError) {
  auto f = read_scan_document(
      R"({"schema": "tlsdoctor.scan/1", "target": "x:443", "error": {"layer": "transport",
          "code": "refused", "message": "connection refused"}})",
      "a.json");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->error, "connection refused");
}

TEST(ScanReader, HostileOrWrongDocumentsAreClearErrors) {
  const char* bad[] = {
      "",
      "not json",
      "[]",
      R"({"schema": "tlsdoctor.doctor/1"})",
      R"({"schema": "tlsdoctor.scan/1", "target": 5})",
      R"({"schema": "tlsdoctor.scan/1", "versions": {}})",
      R"({"schema": "tlsdoctor.scan/1", "versions": [1]})",
      R"({"schema": "tlsdoctor.scan/1", "cipher_suites": []})",
      R"({"schema": "tlsdoctor.scan/1", "cipher_suites": {"TLSv1.2": {"suites": [7]}}})",
      R"({"schema": "tlsdoctor.scan/1", "groups": {"TLSv1.3": {}}})",
      R"({"schema": "tlsdoctor.scan/1", "certificates": [{"chain": []}]})",
      R"({"schema": "tlsdoctor.scan/1", "certificates": [{"chain": [{"subject": []}]}]})",
  };
  for (const char* text : bad) {
    auto f = read_scan_document(text, "b.json");
    EXPECT_FALSE(f.ok()) << text;
    if (!f.ok()) {
      EXPECT_NE(f.error().message.find("b.json"), std::string::npos) << f.error().message;
    }
  }
  EXPECT_FALSE(read_scan_document(std::string(kMaxScanDocumentBytes + 1, ' '), "big").ok());
  EXPECT_FALSE(read_scan_file("/nonexistent/scan.json").ok());
  // Deep nesting is refused or read, never a crash.
  (void)read_scan_document(std::string(100000, '[') + std::string(100000, ']'), "deep");
}

TEST(ScanReader, TerminalEscapesFromTheDocumentAreMadeVisible) {
  std::string doc = kScan;
  doc.replace(doc.find("CN=lab CA"), 9, "CN=\\u001b[31mevil");
  auto f = read_scan_document(doc, "a.json");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->certificate->issuer.find('\x1b'), std::string::npos);
}

TEST(DiffReport, TextAndJsonNameTheChanges) {
  auto a = read_scan_document(kScan, "a.json");
  std::string later = kScan;
  later.replace(later.find(R"({"version": "TLSv1", "supported": true)"), 38,
                R"({"version": "TLSv1", "supported": false)");
  later.replace(later.find("CN=lab CA"), 9, "CN=new CA");
  auto b = read_scan_document(later, "b.json");
  ASSERT_TRUE(a.ok() && b.ok()) << (b.ok() ? "" : b.error().message);
  diagnose::ScanDiff d = diagnose::diff_scans(*a, *b);
  std::string text = render_diff_text(d, "a.json", "b.json", Style(false));
  EXPECT_NE(text.find("versions  - TLSv1"), std::string::npos) << text;
  EXPECT_NE(text.find("re-issued by another CA: issuer CN=lab CA -> CN=new CA"), std::string::npos)
      << text;
  nlohmann::json j = diff_json(d, "a.json", "b.json");
  EXPECT_EQ(j["schema"], kDiffSchema);
  EXPECT_EQ(j["certificate"]["change"], "reissued");
  EXPECT_EQ(j["versions"]["removed"], nlohmann::json::array({"TLSv1"}));
  EXPECT_EQ(j["changed"], true);
  nlohmann::json same = diff_json(diagnose::diff_scans(*a, *a), "a.json", "a.json");
  EXPECT_EQ(same["changed"], false);
}

}  // namespace
}  // namespace tlsd::report
