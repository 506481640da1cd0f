#include "checks/suite_weakness.h"

#include <gtest/gtest.h>

namespace tlsd::checks {
namespace {

const catalog::CipherSuite& suite(uint16_t code) {
  const catalog::CipherSuite* s = catalog::Catalog::get().suite(code);
  EXPECT_NE(s, nullptr);
  return *s;
}

TEST(SuiteWeakness, ModernSuitesHaveNone) {
  for (uint16_t code : {0x1301, 0x1302, 0x1303, 0xc02f, 0xc02b, 0xcca8}) {
    EXPECT_TRUE(weaknesses(suite(code)).empty()) << code;
    EXPECT_FALSE(is_weak(suite(code))) << code;
    EXPECT_FALSE(is_broken(suite(code))) << code;
  }
}

TEST(SuiteWeakness, StaticRsaIsWeakButNotBroken) {
  const auto& s = suite(0x003d);  // TLS_RSA_WITH_AES_256_CBC_SHA256
  EXPECT_EQ(weaknesses(s), std::vector<SuiteWeakness>{SuiteWeakness::rsa_kex});
  EXPECT_TRUE(is_weak(s));
  EXPECT_FALSE(is_broken(s));
}

TEST(SuiteWeakness, EachCipherWeakness) {
  EXPECT_TRUE(has_weakness(suite(0x0005), SuiteWeakness::rc4));         // RSA_WITH_RC4_128_SHA
  EXPECT_TRUE(has_weakness(suite(0x000a), SuiteWeakness::triple_des));  // RSA_WITH_3DES_EDE_CBC_SHA
  EXPECT_TRUE(has_weakness(suite(0x0009), SuiteWeakness::des));         // RSA_WITH_DES_CBC_SHA
  EXPECT_FALSE(has_weakness(suite(0x000a), SuiteWeakness::des));
  EXPECT_FALSE(has_weakness(suite(0xc02f), SuiteWeakness::rsa_kex));  // ECDHE_RSA: RSA signs only
}

TEST(SuiteWeakness, ExportAndAnonymousAreBroken) {
  const auto& exp = suite(0x0008);  // RSA_EXPORT_WITH_DES40_CBC_SHA
  EXPECT_TRUE(has_weakness(exp, SuiteWeakness::export_grade));
  EXPECT_TRUE(has_weakness(exp, SuiteWeakness::des));
  EXPECT_TRUE(is_broken(exp));
  EXPECT_TRUE(is_broken(suite(0x0034)));  // DH_anon_WITH_AES_128_CBC_SHA
  EXPECT_TRUE(has_weakness(suite(0x0034), SuiteWeakness::anonymous));
}

TEST(SuiteWeakness, NullEncryptionPerEra) {
  const auto& tls12 = suite(0x0002);  // RSA_WITH_NULL_SHA
  EXPECT_TRUE(has_weakness(tls12, SuiteWeakness::null_cipher));
  EXPECT_FALSE(has_weakness(tls12, SuiteWeakness::integrity_only));
  const auto& tls13 = suite(0xc0b4);  // TLS_SHA256_SHA256 (RFC 9150)
  EXPECT_TRUE(has_weakness(tls13, SuiteWeakness::integrity_only));
  EXPECT_FALSE(has_weakness(tls13, SuiteWeakness::null_cipher));
  EXPECT_TRUE(is_weak(tls13));
  EXPECT_TRUE(is_broken(tls13));
}

}  // namespace
}  // namespace tlsd::checks
