#include "probe/target.h"

#include <gtest/gtest.h>

namespace tlsd::probe {
namespace {

TEST(Target, Forms) {
  auto t = parse_target("api.example.com");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->host, "api.example.com");
  EXPECT_EQ(t->port, 443);
  EXPECT_EQ(t->sni, "api.example.com");

  t = parse_target("127.0.0.1:4433");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->port, 4433);
  EXPECT_EQ(t->sni, "");  // never an address in SNI

  t = parse_target("[::1]:8443");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->host, "::1");
  EXPECT_EQ(t->port, 8443);
  EXPECT_EQ(t->display(), "[::1]:8443");

  t = parse_target("::1");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->port, 443);
}

TEST(Target, Rejects) {
  for (const char* bad : {"", ":443", "host:", "host:0", "host:65536", "host:12ab", "[::1",
                          "[::1]x", "host:-1"})
    EXPECT_FALSE(parse_target(bad).ok()) << bad;
}

}  // namespace
}  // namespace tlsd::probe
