#include "cli/target_list.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

namespace tlsd::cli {
namespace {

probe::Target target(const std::string& text) {
  auto t = make_target(text, ConnectionArgs{});
  EXPECT_TRUE(t.ok()) << text;
  return *t;
}

TEST(TargetList, FileLinesCommentsAndArguments) {
  char name[] = "/tmp/tlsdoctor-targets-XXXXXX";
  int fd = mkstemp(name);
  ASSERT_GE(fd, 0);
  std::ofstream(name) << "# partners\napi.example.com\n\n  db.example.com:5432  # postgres\r\n";
  auto list = read_target_list({"first.example"}, name);
  std::filesystem::remove(name);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(*list,
            (std::vector<std::string>{"first.example", "api.example.com", "db.example.com:5432"}));
}

TEST(TargetList, NoTargetOrNoFileIsAUsageError) {
  EXPECT_FALSE(read_target_list({}, "").ok());
  EXPECT_FALSE(read_target_list({}, "/nonexistent/targets.txt").ok());
}

TEST(Shard, ParsesIOverN) {
  auto s = parse_shard("2/5");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->index, 2u);
  EXPECT_EQ(s->count, 5u);
  auto whole = parse_shard("");
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->count, 1u);
  for (const char* bad : {"5/5", "1/0", "a/2", "1/", "/2", "1", "-1/2", "1/2/3", " 1/2", "1/2x"})
    EXPECT_FALSE(parse_shard(bad).ok()) << bad;
}

TEST(Shard, EveryTargetInExactlyOneShardWhateverTheOrder) {
  std::vector<probe::Target> targets;
  for (int i = 0; i < 200; ++i) targets.push_back(target("host" + std::to_string(i) + ".example"));
  for (uint32_t n : {1u, 2u, 3u, 7u}) {
    std::vector<size_t> hits(targets.size());
    std::vector<size_t> sizes(n);
    for (uint32_t i = 0; i < n; ++i)
      for (size_t t = 0; t < targets.size(); ++t)
        if (in_shard(targets[t], {i, n})) {
          ++hits[t];
          ++sizes[i];
        }
    EXPECT_TRUE(std::all_of(hits.begin(), hits.end(), [](size_t h) { return h == 1; })) << n;
    // Roughly balanced: no shard empty among 200 targets.
    EXPECT_TRUE(std::all_of(sizes.begin(), sizes.end(), [](size_t s) { return s > 0; })) << n;
  }
}

TEST(Shard, SpellingsOfOneTargetShareAShard) {
  EXPECT_EQ(normalised_target(target("API.Example.com")), "api.example.com:443");
  EXPECT_EQ(normalised_target(target("api.example.com:443")), "api.example.com:443");
  EXPECT_NE(normalised_target(target("api.example.com:8443")), "api.example.com:443");
  EXPECT_EQ(normalised_target(target("[::1]:443")), "[::1]:443");
}

TEST(Shard, HashIsFixedAcrossBuilds) {
  // FNV-1a 64 test vectors: a shard assignment never moves between versions.
  EXPECT_EQ(stable_hash(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(stable_hash("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(stable_hash("foobar"), 0x85944171f73967e8ULL);
}

}  // namespace
}  // namespace tlsd::cli
