#include "cli/lists.h"

#include <gtest/gtest.h>

namespace tlsd::cli {
namespace {

TEST(Lists, AnySpellingAndHex) {
  auto suites = parse_suite_list("AES256-SHA256:TLS_RSA_WITH_AES_128_CBC_SHA,0xc02f");
  ASSERT_TRUE(suites.ok()) << suites.error().message;
  EXPECT_EQ(*suites, (std::vector<uint16_t>{0x003d, 0x002f, 0xc02f}));
  auto groups = parse_group_list("x25519, P-256,X25519MLKEM768");
  ASSERT_TRUE(groups.ok());
  EXPECT_EQ(*groups, (std::vector<uint16_t>{0x001d, 0x0017, 0x11ec}));
}

TEST(Lists, RejectsUnknownAndEmpty) {
  auto bad = parse_suite_list("AES256-SHA256,NOT-A-SUITE");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("NOT-A-SUITE"), std::string::npos);
  EXPECT_FALSE(parse_group_list("").ok());
  EXPECT_FALSE(parse_sigalg_list("0x1ffff").ok());
  EXPECT_FALSE(parse_suite_list("3d").ok());  // bare hex is ambiguous: needs 0x
}

TEST(Lists, ClientListsKeepCommasInsideKnobs) {
  auto clients = resolve_clients("go-1.23+GODEBUG=tlsrsakex=1,tls3des=1, java-17");
  ASSERT_TRUE(clients.ok()) << clients.error().message;
  ASSERT_EQ(clients->size(), 2u);
  EXPECT_EQ((*clients)[0].applied_knobs, std::vector<std::string>{"GODEBUG=tlsrsakex=1,tls3des=1"});
  EXPECT_EQ((*clients)[1].id, "java-17");
  EXPECT_FALSE(resolve_clients("go-0.1").ok());
  EXPECT_FALSE(resolve_clients("").ok());
  EXPECT_FALSE(resolve_clients("go-1.22+NOT_A_KNOB").ok());
}

}  // namespace
}  // namespace tlsd::cli
