#include "wire/server_hello.h"

#include <gtest/gtest.h>

#include "wire/test_util.h"

namespace tlsd::wire {
namespace {

using testing::expect_every_prefix_rejected;
using testing::server_hello_body;

auto parses = [](ByteView b) { return parse_server_hello(b).ok(); };
// Before TLS 1.3 the extensions block is optional, so a hello may end right
// after compression_method: 2 + 32 + 1 + 32 + 2 + 1 bytes.
constexpr size_t kNoExtensionsLength = 70;

TEST(ServerHello, Tls12WithExtensions) {
  Bytes body = server_hello_body(0x0303, 0x003d,
                                 {{0xff01, Bytes{0}}, {0x0017, {}}, {0x000b, Bytes{1, 0}},
                                  {0x0010, Bytes{0, 3, 2, 'h', '2'}}});
  auto sh = parse_server_hello(body);
  ASSERT_TRUE(sh.ok()) << sh.error().message;
  EXPECT_EQ(sh->cipher_suite, 0x003d);
  EXPECT_EQ(sh->negotiated_version(), 0x0303);
  EXPECT_TRUE(sh->extensions.extended_master_secret);
  ASSERT_TRUE(sh->extensions.renegotiation_info);
  EXPECT_TRUE(sh->extensions.renegotiation_info->empty());
  EXPECT_EQ(sh->extensions.alpn, "h2");
  EXPECT_FALSE(sh->is_hello_retry_request);
  EXPECT_EQ(sh->downgrade, DowngradeSentinel::none);
  expect_every_prefix_rejected(body, parses, {kNoExtensionsLength});
}

TEST(ServerHello, Tls13KeyShareAndVersion) {
  Bytes share{0x00, 0x1d, 0x00, 0x20};
  share.resize(4 + 32, 0x42);
  Bytes body = server_hello_body(0x0303, 0x1301, {{0x002b, Bytes{3, 4}}, {0x0033, share}});
  auto sh = parse_server_hello(body);
  ASSERT_TRUE(sh.ok());
  EXPECT_EQ(sh->negotiated_version(), 0x0304);
  ASSERT_TRUE(sh->extensions.key_share);
  EXPECT_EQ(sh->extensions.key_share->group, 0x001d);
  EXPECT_EQ(sh->extensions.key_share->key_exchange.size(), 32u);
  expect_every_prefix_rejected(body, parses, {kNoExtensionsLength});
}

TEST(ServerHello, HelloRetryRequest) {
  Bytes body = server_hello_body(0x0303, 0x1302, {{0x002b, Bytes{3, 4}}, {0x0033, Bytes{0, 0x18}}});
  const uint8_t hrr[] = {0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c,
                         0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb,
                         0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};
  std::copy(std::begin(hrr), std::end(hrr), body.begin() + 2);
  auto sh = parse_server_hello(body);
  ASSERT_TRUE(sh.ok());
  EXPECT_TRUE(sh->is_hello_retry_request);
  EXPECT_EQ(sh->extensions.hrr_selected_group, 0x0018);
}

TEST(ServerHello, DowngradeSentinel) {
  Bytes body = server_hello_body(0x0303, 0xc02f, {});
  const char sentinel[] = "DOWNGRD\x01";
  std::copy(sentinel, sentinel + 8, body.begin() + 2 + 24);
  auto sh = parse_server_hello(body);
  ASSERT_TRUE(sh.ok());
  EXPECT_EQ(sh->downgrade, DowngradeSentinel::tls12);
}

TEST(ServerHello, NoExtensionsBlockIsFine) {
  Bytes body = server_hello_body(0x0300, 0x000a, {});
  body.resize(body.size() - 2);  // drop the empty block entirely (SSLv3 style)
  auto sh = parse_server_hello(body);
  ASSERT_TRUE(sh.ok());
  EXPECT_FALSE(sh->has_extensions_block);
}

TEST(ServerHello, RejectsBadInput) {
  // Duplicate extension.
  EXPECT_FALSE(parse_server_hello(server_hello_body(0x0303, 0x2f, {{0x17, {}}, {0x17, {}}})).ok());
  // EMS with a body, ALPN with two names, trailing byte after a known body.
  EXPECT_FALSE(parse_server_hello(server_hello_body(0x0303, 0x2f, {{0x17, Bytes{0}}})).ok());
  EXPECT_FALSE(parse_server_hello(
                   server_hello_body(0x0303, 0x2f, {{0x10, Bytes{0, 4, 1, 'a', 1, 'b'}}}))
                   .ok());
  EXPECT_FALSE(parse_server_hello(server_hello_body(0x0303, 0x2f, {{0x2b, Bytes{3, 4, 0}}})).ok());
  // Session id longer than 32.
  Bytes body = server_hello_body(0x0303, 0x2f, {});
  body[34] = 33;
  EXPECT_FALSE(parse_server_hello(body).ok());
  // Trailing bytes after the extension block.
  body = server_hello_body(0x0303, 0x2f, {});
  body.push_back(0);
  EXPECT_FALSE(parse_server_hello(body).ok());
}

}  // namespace
}  // namespace tlsd::wire
