#include "probe/https_get.h"

#include <gtest/gtest.h>

namespace tlsd::probe {
namespace {

TEST(ResponseHead, StatusLineAndHeaders) {
  ResponseHead h;
  ASSERT_TRUE(parse_response_head("HTTP/1.1 200 OK\r\nServer: nginx\r\nX: y\r\n\r\nbody", h));
  EXPECT_EQ(h.status_line, "HTTP/1.1 200 OK");
  EXPECT_EQ(h.headers, (std::vector<std::string>{"Server: nginx", "X: y"}));
}

TEST(ResponseHead, TruncatedHeadKeepsWhatArrived) {
  ResponseHead h;
  ASSERT_TRUE(parse_response_head("HTTP/1.0 503 Busy\r\nServer: a\r\nRetry-Aft", h));
  EXPECT_EQ(h.headers, std::vector<std::string>{"Server: a"});
}

TEST(ResponseHead, NotHttpIsRejected) {
  ResponseHead h;
  EXPECT_FALSE(parse_response_head("", h));
  EXPECT_FALSE(parse_response_head("HTTP/1.1 200 OK", h));  // no line end yet
  EXPECT_FALSE(parse_response_head("SSH-2.0-OpenSSH\r\n", h));
  EXPECT_FALSE(parse_response_head(std::string("\0HTTP/1.1 200\r\n", 15), h));
}

TEST(ResponseHead, ControlCharactersNeverReachTheTerminal) {
  ResponseHead h;
  ASSERT_TRUE(parse_response_head("HTTP/1.1 200 \x1b[31mOK\r\nX: \x07\r\n\r\n", h));
  EXPECT_EQ(h.status_line, "HTTP/1.1 200 \\x1b[31mOK");  // visibly escaped, not dropped
  EXPECT_EQ(h.headers.front(), "X: \\x07");
}

}  // namespace
}  // namespace tlsd::probe
