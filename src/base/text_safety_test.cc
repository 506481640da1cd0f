#include "base/text_safety.h"

#include <gtest/gtest.h>

namespace tlsd {
namespace {

TEST(DisplaySafe, KeepsPrintableAsciiAndUtf8) {
  EXPECT_EQ(display_safe("api.example.com"), "api.example.com");
  EXPECT_EQ(display_safe("Z\xc3\xbcrich \xe2\x80\x94 \xf0\x9f\x94\x92"),
            "Z\xc3\xbcrich \xe2\x80\x94 \xf0\x9f\x94\x92");
  EXPECT_EQ(display_safe(""), "");
}

TEST(DisplaySafe, EscapesC0ControlsAndDel) {
  EXPECT_EQ(display_safe("a\x1b[31mred"), "a\\x1b[31mred");
  EXPECT_EQ(display_safe(std::string_view("n\0ul", 4)), "n\\x00ul");
  EXPECT_EQ(display_safe("line\r\nnext\t\x7f"), "line\\x0d\\x0anext\\x09\\x7f");
}

TEST(DisplaySafe, EscapesC1AndBidiControls) {
  EXPECT_EQ(display_safe("\xc2\x9b"
                         "2J"),
            "\\u{009b}2J");  // CSI on some terminals
  EXPECT_EQ(display_safe("abc\xe2\x80\xae"
                         "gpj.exe"),
            "abc\\u{202e}gpj.exe");
  EXPECT_EQ(display_safe("\xef\xbb\xbfx"), "\\u{feff}x");
}

TEST(DisplaySafe, EscapesBytesThatAreNotUtf8) {
  EXPECT_EQ(display_safe("\xff\xfe"), "\\xff\\xfe");
  EXPECT_EQ(display_safe("\xc3"), "\\xc3");                             // truncated sequence
  EXPECT_EQ(display_safe("\xc0\xaf"), "\\xc0\\xaf");                    // overlong '/'
  EXPECT_EQ(display_safe("\xed\xa0\x80"), "\\xed\\xa0\\x80");           // a UTF-16 surrogate
  EXPECT_EQ(display_safe("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
  EXPECT_EQ(display_safe("\xe2\x82"), "\\xe2\\x82");
}

TEST(DisplaySafe, OutputIsAlwaysSafe) {
  // Every single byte and every pair: the result is a fixed point.
  for (int a = 0; a < 256; ++a) {
    std::string one(1, static_cast<char>(a));
    EXPECT_TRUE(is_display_safe(display_safe(one))) << a;
    for (int b = 0x80; b < 256; b += 7) {
      std::string two = one + static_cast<char>(b);
      EXPECT_TRUE(is_display_safe(display_safe(two))) << a << " " << b;
    }
  }
  EXPECT_FALSE(is_display_safe("\x1b"));
  EXPECT_TRUE(is_display_safe("plain"));
}

}  // namespace
}  // namespace tlsd
