#include "diagnose/scan_diff.h"

#include <gtest/gtest.h>

namespace tlsd::diagnose {
namespace {

CertificateFacts cert(const std::string& issuer, const std::string& serial,
                      const std::string& subject = "CN=api.example") {
  return {subject,    issuer, serial, "2026-01-01", "2027-01-01", "fp-" + issuer + serial,
          "RSA 2048", 2};
}

ScanFacts story() {
  ScanFacts f;
  f.target = "api.example:443";
  f.versions = {"TLSv1", "TLSv1.2"};
  f.suites["TLSv1"] = {"TLS_RSA_WITH_AES_128_CBC_SHA (0x002f)"};
  f.suites["TLSv1.2"] = {"TLS_RSA_WITH_AES_128_CBC_SHA (0x002f)",
                         "TLS_RSA_WITH_AES_256_CBC_SHA256 (0x003d)"};
  f.groups["TLSv1.2"] = {"x25519 (0x001d)", "secp256r1 (0x0017)"};
  f.certificate = cert("CN=Lab CA", "01");
  return f;
}

TEST(ScanDiff, NothingChanged) {
  ScanDiff d = diff_scans(story(), story());
  EXPECT_FALSE(d.changed());
  EXPECT_EQ(d.certificate, CertificateChange::unchanged);
}

TEST(ScanDiff, VersionDroppedSuiteRemovedGroupAdded) {
  ScanFacts after = story();
  after.versions.erase("TLSv1");
  after.suites.erase("TLSv1");
  after.suites["TLSv1.2"].erase("TLS_RSA_WITH_AES_128_CBC_SHA (0x002f)");
  after.groups["TLSv1.2"].insert("X25519MLKEM768 (0x11ec)");
  ScanDiff d = diff_scans(story(), after);
  ASSERT_TRUE(d.changed());
  EXPECT_EQ(d.versions.removed, std::vector<std::string>{"TLSv1"});
  EXPECT_TRUE(d.versions.added.empty());
  ASSERT_EQ(d.suites.size(), 2u);  // TLSv1 (all gone) and TLSv1.2
  EXPECT_EQ(d.suites[1].scope, "TLSv1.2");
  EXPECT_EQ(d.suites[1].removed, std::vector<std::string>{"TLS_RSA_WITH_AES_128_CBC_SHA (0x002f)"});
  ASSERT_EQ(d.groups.size(), 1u);
  EXPECT_EQ(d.groups[0].added, std::vector<std::string>{"X25519MLKEM768 (0x11ec)"});
}

TEST(ScanDiff, CertificateRenewedReissuedReplaced) {
  ScanFacts after = story();
  after.certificate = cert("CN=Lab CA", "02");
  EXPECT_EQ(diff_scans(story(), after).certificate, CertificateChange::renewed);
  after.certificate = cert("CN=Other CA", "01");
  EXPECT_EQ(diff_scans(story(), after).certificate, CertificateChange::reissued);
  after.certificate = cert("CN=Lab CA", "03", "CN=other.example");
  EXPECT_EQ(diff_scans(story(), after).certificate, CertificateChange::replaced);
  after.certificate.reset();
  EXPECT_EQ(diff_scans(story(), after).certificate, CertificateChange::disappeared);
  EXPECT_EQ(diff_scans(after, story()).certificate, CertificateChange::appeared);
}

TEST(ScanDiff, ChainLengthAndClientAuth) {
  ScanFacts after = story();
  after.certificate->chain_length = 3;
  after.client_auth = "required";
  ScanDiff d = diff_scans(story(), after);
  ASSERT_TRUE(d.chain_length);
  EXPECT_EQ(*d.chain_length, (std::pair<size_t, size_t>{2, 3}));
  ASSERT_TRUE(d.client_auth);
  EXPECT_EQ(d.client_auth->first, "not recorded");
  EXPECT_EQ(d.certificate, CertificateChange::unchanged);
}

TEST(ScanDiff, AFailedScanIsNotEverythingRemoved) {
  ScanFacts failed;
  failed.target = "api.example:443";
  failed.error = "connection refused";
  ScanDiff d = diff_scans(story(), failed);
  EXPECT_TRUE(d.changed());
  EXPECT_TRUE(d.versions.removed.empty());
  EXPECT_TRUE(d.suites.empty());
  EXPECT_EQ(d.after_error, "connection refused");
}

TEST(ScanDiff, CertificateChangeNames) {
  EXPECT_EQ(name(CertificateChange::reissued), "reissued");
  EXPECT_EQ(name(CertificateChange::renewed), "renewed");
}

}  // namespace
}  // namespace tlsd::diagnose
