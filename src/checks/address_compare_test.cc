#include "checks/address_compare.h"

#include <gtest/gtest.h>

namespace tlsd::checks {
namespace {

ServerModel model(std::vector<uint16_t> versions, std::vector<uint16_t> tls12_suites,
                  std::string fingerprint) {
  ServerModel m;
  for (uint16_t v : {0x0301, 0x0302, 0x0303, 0x0304}) {
    bool on = std::find(versions.begin(), versions.end(), v) != versions.end();
    m.versions.push_back({static_cast<uint16_t>(v), on, on ? "" : "alert protocol_version"});
  }
  for (uint16_t s : tls12_suites) m.suites[0x0303].suites.push_back({s, {}, 0, "", false});
  CertificateChain c;
  c.chain.push_back({});
  c.chain.back().subject = "CN=" + fingerprint;
  c.chain.back().issuer = "CN=Lab CA";
  c.fingerprint_sha256 = fingerprint;
  m.certificates.push_back(c);
  return m;
}

TEST(AddressCompare, AlikeAddressesSayNothing) {
  std::vector<AddressScan> scans = {{"127.0.0.2", model({0x0303}, {0x003d}, "aa")},
                                    {"127.0.0.3", model({0x0303}, {0x003d}, "aa")}};
  EXPECT_TRUE(compare_addresses(scans).empty());
  EXPECT_TRUE(compare_addresses({}).empty());
  EXPECT_TRUE(compare_addresses({scans[0]}).empty());
}

TEST(AddressCompare, NamesEachDifference) {
  std::vector<AddressScan> scans = {{"127.0.0.2", model({0x0303, 0x0304}, {0xc02f}, "aa")},
                                    {"127.0.0.3", model({0x0301, 0x0303}, {0xc02f, 0x003d}, "bb")}};
  std::vector<std::string> d = compare_addresses(scans);
  ASSERT_EQ(d.size(), 4u) << ::testing::PrintToString(d);
  EXPECT_EQ(d[0], "127.0.0.3 accepts TLSv1, 127.0.0.2 does not");
  EXPECT_EQ(d[1], "127.0.0.2 accepts TLSv1.3, 127.0.0.3 does not");
  EXPECT_EQ(d[2], "TLSv1.2: only 127.0.0.3 accepts TLS_RSA_WITH_AES_256_CBC_SHA256");
  EXPECT_NE(d[3].find("the certificates differ"), std::string::npos);
}

TEST(AddressCompare, OneUnreachableAddressIsADifference) {
  AddressScan down{"127.0.0.3", {}};
  down.model.error = Error::transport(TransportCode::refused, "connection refused");
  std::vector<std::string> d =
      compare_addresses({{"127.0.0.2", model({0x0303}, {0x003d}, "aa")}, down});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0], "127.0.0.3 could not be scanned (connection refused), 127.0.0.2 could");
}

}  // namespace
}  // namespace tlsd::checks
