#include "diagnose/snippet.h"

#include <gtest/gtest.h>

namespace tlsd::diagnose {
namespace {

TEST(Snippet, QuotesForEachLanguage) {
  EXPECT_EQ(quote("api.example.com", "go"), "\"api.example.com\"");
  EXPECT_EQ(quote("api.example.com", "python"), "'api.example.com'");
  EXPECT_EQ(quote("api.example.com", "shell"), "'api.example.com'");
  EXPECT_EQ(quote("AES128-SHA", "js"), "'AES128-SHA'");
}

// A hostile name cannot leave the literal it lands in, in any language.
TEST(Snippet, HostileValuesStayInsideTheirLiteral) {
  std::string evil = "x\"; os.Exit(1) //'\n$(rm -rf /)\\";
  EXPECT_EQ(quote(evil, "go"), R"("x\"; os.Exit(1) //'\n$(rm -rf /)\\")");
  EXPECT_EQ(quote(evil, "python"), R"('x"; os.Exit(1) //\'\n$(rm -rf /)\\')");
  EXPECT_EQ(quote(evil, "csharp"), R"("x\"; os.Exit(1) //'\n$(rm -rf /)\\")");
  // Shell: single quotes, each inner quote closed and escaped; control bytes become '?'.
  EXPECT_EQ(quote("a'b\nc", "shell"), R"('a'\''b?c')");
  EXPECT_EQ(quote(std::string("a\x01\x7f", 3), "c"), R"("a\x01\x7f")");
  EXPECT_EQ(quote(std::string("a\x01", 2), "java"), R"("a\u0001")");
  EXPECT_EQ(quote("a\tb\n", "text"), "a?b?");
}

TEST(Snippet, CommentSafeBreaksTerminators) { EXPECT_EQ(comment_safe("a*/b\nc"), "a* /b?c"); }

TEST(Snippet, FillTemplateIsOnePass) {
  std::map<std::string, std::string> vars{{"host", "{list}"}, {"list", "X"}};
  // An inserted value is never expanded again, and Go braces survive.
  EXPECT_EQ(fill_template("h={host} l=[]uint16{{list}} {unknown} {", vars),
            "h={list} l=[]uint16{X} {unknown} {");
  EXPECT_EQ(fill_template("", vars), "");
  EXPECT_EQ(fill_template("no vars", {}), "no vars");
}

}  // namespace
}  // namespace tlsd::diagnose
