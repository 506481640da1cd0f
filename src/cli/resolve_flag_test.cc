#include "cli/resolve_flag.h"

#include <gtest/gtest.h>

namespace tlsd::cli {
namespace {

TEST(ResolveFlag, Forms) {
  auto e = parse_resolve("lab.example:8443:127.0.0.2,127.0.0.3");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->host, "lab.example");
  EXPECT_EQ(e->port, 8443);
  EXPECT_EQ(e->addresses, (std::vector<std::string>{"127.0.0.2", "127.0.0.3"}));
  e = parse_resolve("Lab.Example.:443:[::1],127.0.0.1");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->host, "lab.example");
  EXPECT_EQ(e->addresses, (std::vector<std::string>{"::1", "127.0.0.1"}));
}

TEST(ResolveFlag, Rejects) {
  for (const char* bad : {"", "host", "host:443", "host:443:", ":443:127.0.0.1", "host:0:1.2.3.4",
                          "host:70000:1.2.3.4", "host:x:1.2.3.4", "host:443:name.example",
                          "host:443:1.2.3.4,,", "host:443:[::1"})
    EXPECT_FALSE(parse_resolve(bad).ok()) << bad;
  std::string many = "h:1:";
  for (int i = 0; i < 17; ++i) many += (i ? "," : "") + std::string("127.0.0.1");
  EXPECT_FALSE(parse_resolve(many).ok());
}

TEST(ResolveFlag, MatchesHostAndPort) {
  std::vector<std::string> entries = {"a.example:443:10.0.0.1", "a.example:25:10.0.0.2"};
  EXPECT_EQ(resolved_by_flag(entries, "A.example", 25), std::vector<std::string>{"10.0.0.2"});
  EXPECT_EQ(resolved_by_flag(entries, "a.example", 443), std::vector<std::string>{"10.0.0.1"});
  EXPECT_FALSE(resolved_by_flag(entries, "a.example", 8443));
  EXPECT_FALSE(resolved_by_flag(entries, "b.example", 443));
}

}  // namespace
}  // namespace tlsd::cli
