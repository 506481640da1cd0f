#include "catalog/key_exchange_kind.h"

#include <gtest/gtest.h>

#include "catalog/catalog.h"

namespace tlsd::catalog {
namespace {

TEST(KxKind, EverySuiteKindRoundTrips) {
  for (int i = 0; i <= static_cast<int>(KxKind::scsv); ++i) {
    auto kind = static_cast<KxKind>(i);
    EXPECT_EQ(parse_suite_kx(name(kind)), kind) << name(kind);
  }
}

TEST(KxKind, ObservedOnlyKindsAndMisspellingsAreNotSuiteKinds) {
  EXPECT_EQ(name(KxKind::tls13_key_share), "TLS 1.3 key share");
  EXPECT_FALSE(parse_suite_kx("TLS 1.3 key share"));
  EXPECT_FALSE(parse_suite_kx("unknown"));
  EXPECT_FALSE(parse_suite_kx("ecdhe"));
  EXPECT_FALSE(parse_suite_kx("ECDHE "));
  EXPECT_FALSE(parse_suite_kx(""));
}

TEST(KxKind, TheCatalogNamesItsSuitesKinds) {
  EXPECT_EQ(Catalog::get().suite(0xc02f)->kx, KxKind::ecdhe);
  EXPECT_EQ(Catalog::get().suite(0x009e)->kx, KxKind::dhe);
  EXPECT_EQ(Catalog::get().suite(0x1301)->kx, KxKind::any);
  EXPECT_TRUE(ephemeral(KxKind::ecdhe));
  EXPECT_FALSE(ephemeral(KxKind::ecdh));
  EXPECT_FALSE(ephemeral(KxKind::rsa));
}

}  // namespace
}  // namespace tlsd::catalog
