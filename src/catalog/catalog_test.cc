#include "catalog/catalog.h"

#include <gtest/gtest.h>

namespace tlsd::catalog {
namespace {

TEST(Catalog, EmbeddedDataLoads) {
  auto loaded = Catalog::load(embedded_data());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_GE(loaded->suites().size(), 340u);
  EXPECT_GE(loaded->groups().size(), 40u);
  EXPECT_GE(loaded->signature_schemes().size(), 20u);
  EXPECT_GE(loaded->ssl2_ciphers().size(), 7u);
}

TEST(Catalog, TheStorySuite) {
  const Catalog& c = Catalog::get();
  const CipherSuite* s = c.suite(0x003d);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->iana_name, "TLS_RSA_WITH_AES_256_CBC_SHA256");
  EXPECT_EQ(s->openssl_name, "AES256-SHA256");
  EXPECT_EQ(s->kx, KxKind::rsa);
  EXPECT_FALSE(s->pfs);
  EXPECT_TRUE(s->valid_for(0x0303));
  EXPECT_FALSE(s->valid_for(0x0301));  // SHA-256 suites are TLS 1.2 only
  EXPECT_EQ(c.describe_suite(0x003d), "TLS_RSA_WITH_AES_256_CBC_SHA256 (0x003d, AES256-SHA256)");
  EXPECT_EQ(c.suite_named("aes256-sha256"), s);
  EXPECT_EQ(c.suite_named("TLS_RSA_WITH_AES_256_CBC_SHA256"), s);
}

TEST(Catalog, Tls13AndNames) {
  const Catalog& c = Catalog::get();
  const CipherSuite* s = c.suite(0x1301);
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->tls13);
  EXPECT_TRUE(s->valid_for(0x0304));
  EXPECT_EQ(c.suite_named("ECDHE-RSA-AES128-GCM-SHA256")->code, 0xc02f);
  EXPECT_EQ(c.group_named("x25519")->code, 0x001d);
  EXPECT_EQ(c.group_named("P-256")->code, 0x0017);
  EXPECT_EQ(c.group_named("X25519MLKEM768")->code, 0x11ec);
  EXPECT_EQ(c.signature_scheme_named("rsa_pss_rsae_sha256")->code, 0x0804);
  EXPECT_EQ(c.version_named("TLSv1.2"), 0x0303);
  EXPECT_EQ(c.version_name(0x0304), "TLSv1.3");
  EXPECT_EQ(c.alert_name(40), "handshake_failure");
  EXPECT_EQ(c.extension_name(0xff01), "renegotiation_info");
}

TEST(Catalog, UnknownAndGreaseStillPrint) {
  const Catalog& c = Catalog::get();
  EXPECT_EQ(c.suite_name(0x0a0a), "GREASE");
  EXPECT_EQ(c.suite_name(0xfe42), "unknown");
  EXPECT_EQ(c.describe_suite(0xfe42), "unknown (0xfe42)");
  EXPECT_EQ(c.alert_name(201), "unknown_alert(201)");
  EXPECT_EQ(c.version_name(0x1a1a), "GREASE");
  EXPECT_EQ(c.suite_named("NOPE"), nullptr);
}

TEST(Catalog, EverySuiteIsCoherent) {
  for (const CipherSuite& s : Catalog::get().suites()) {
    EXPECT_EQ(s.tls13, s.min_version == 0x0304) << s.iana_name;
    if (s.tls13 && !s.null_cipher) {  // RFC 9150 integrity-only suites are the exception
      EXPECT_TRUE(s.aead) << s.iana_name;
    }
    if (s.export_grade) {
      EXPECT_LE(s.min_version, 0x0301) << s.iana_name;
    }
    EXPECT_FALSE(s.source.empty()) << s.iana_name;
  }
}

std::vector<DataFile> with_file(std::string_view path, std::string_view content) {
  std::vector<DataFile> files = embedded_data();
  for (DataFile& f : files)
    if (f.path == path) f.content = content;
  return files;
}

TEST(Catalog, RejectsBadData) {
  const char* header =
      "code,iana_name,openssl_name,gnutls_name,kx,auth,enc,enc_bits,mac,min_version,max_version,"
      "flags,registry,source\n";
  auto dup = Catalog::load(with_file("data/iana/cipher_suites.csv",
                                     std::string(header) +
                                         "0x002f,A,,,RSA,RSA,X,128,SHA,ssl3,tls1.2,,iana,x\n" +
                                         "0x002f,B,,,RSA,RSA,X,128,SHA,ssl3,tls1.2,,iana,x\n"));
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.error().message.find("duplicate"), std::string::npos);

  auto short_row = Catalog::load(
      with_file("data/iana/cipher_suites.csv", std::string(header) + "0x002f,A,,,RSA\n"));
  ASSERT_FALSE(short_row.ok());
  EXPECT_NE(short_row.error().message.find("cipher_suites.csv:2"), std::string::npos);

  auto bad_version = Catalog::load(
      with_file("data/iana/cipher_suites.csv",
                std::string(header) + "0x002f,A,,,RSA,RSA,X,128,SHA,ssl3,tls9,,iana,x\n"));
  EXPECT_FALSE(bad_version.ok());

  auto bad_code = Catalog::load(
      with_file("data/iana/cipher_suites.csv",
                std::string(header) + "0x1002f,A,,,RSA,RSA,X,128,SHA,ssl3,tls1.2,,iana,x\n"));
  EXPECT_FALSE(bad_code.ok());

  EXPECT_FALSE(Catalog::load(with_file("data/iana/groups.csv", "")).ok());
  EXPECT_FALSE(Catalog::load({}).ok());
}

}  // namespace
}  // namespace tlsd::catalog
