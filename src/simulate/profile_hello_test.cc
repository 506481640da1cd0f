#include "simulate/profile_hello.h"

#include <gtest/gtest.h>

#include "wire/reader.h"

namespace tlsd::simulate {
namespace {

catalog::Profile demo() {
  auto doc = nlohmann::json::parse(R"({
    "id": "demo-1.0", "stack": "demo",
    "hello": {
      "legacy_version": "0x0303", "session_id_length": 32,
      "cipher_suites": ["GREASE", "0x1301", "0xc02f"],
      "extensions": ["GREASE", "server_name", "supported_groups", "signature_algorithms",
                     "supported_versions", "key_share", "0x4469", "padding", "GREASE"],
      "extension_data": {"0x4469": "0003026832"},
      "supported_versions": ["GREASE", "0x0304", "0x0303"],
      "groups": ["GREASE", "x25519", "secp256r1"], "key_shares": ["GREASE", "x25519"],
      "signature_algorithms": ["0x0804"], "padding": "boringssl"
    },
    "sources": {"hello": "test"}
  })");
  return catalog::parse_profile(doc, "demo").value();
}

struct Parsed {
  std::vector<uint16_t> suites, extensions;
  size_t session_id = 0, size = 0;
};

Parsed parse(ByteView records) {
  Parsed out;
  wire::Reader r(records.subspan(5));  // one record
  uint8_t type;
  wire::Reader body, sid, suites, comp, exts;
  EXPECT_TRUE(r.u8(type) && r.prefixed(3, body));
  out.size = 4 + body.remaining();
  EXPECT_TRUE(body.skip(34) && body.prefixed(1, sid) && body.prefixed(2, suites) &&
              body.prefixed(1, comp) && body.prefixed(2, exts));
  out.session_id = sid.remaining();
  uint16_t v;
  while (suites.u16(v)) out.suites.push_back(v);
  while (!exts.empty()) {
    wire::Reader e;
    EXPECT_TRUE(exts.u16(v) && exts.prefixed(2, e));
    out.extensions.push_back(v);
  }
  return out;
}

TEST(ProfileHello, ExactOrderAndGrease) {
  catalog::Profile big = demo();
  for (uint16_t s = 0xc001; s < 0xc030; ++s)
    big.hello.cipher_suites.push_back(s);  // 256..511 bytes
  auto hello = build_profile_hello(big, "example.com", HelloRandomness::fixed());
  ASSERT_TRUE(hello.ok()) << hello.error().message;
  Parsed p = parse(hello->bytes);
  EXPECT_EQ(std::vector<uint16_t>(p.suites.begin(), p.suites.begin() + 3),
            (std::vector<uint16_t>{0x0a0a, 0x1301, 0xc02f}));
  EXPECT_EQ(p.extensions, (std::vector<uint16_t>{0x2a2a, 0x0000, 0x000a, 0x000d, 0x002b, 0x0033,
                                                 0x4469, 0x0015, 0x4a4a}));
  EXPECT_EQ(p.session_id, 32u);
  // A hello under 256 bytes gets no padding extension at all.
  auto small = build_profile_hello(demo(), "example.com", HelloRandomness::fixed());
  ASSERT_TRUE(small.ok());
  Parsed q = parse(small->bytes);
  EXPECT_EQ(std::count(q.extensions.begin(), q.extensions.end(), 0x0015), 0);
  EXPECT_EQ(p.size, 512u);  // BoringSSL-style padding reached 512
  EXPECT_EQ(hello->offer.versions, (std::vector<uint16_t>{0x0303, 0x0304}));
}

TEST(ProfileHello, FixedRandomnessIsReproducible) {
  auto a = build_profile_hello(demo(), "example.com", HelloRandomness::fixed());
  auto b = build_profile_hello(demo(), "example.com", HelloRandomness::fixed());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->bytes, b->bytes);
  auto c = build_profile_hello(demo(), "example.com", HelloRandomness::fresh());
  EXPECT_NE(a->bytes, c->bytes);
}

TEST(ProfileHello, NoSniNoExtension) {
  auto hello = build_profile_hello(demo(), "", HelloRandomness::fixed());
  ASSERT_TRUE(hello.ok());
  Parsed p = parse(hello->bytes);
  EXPECT_EQ(std::count(p.extensions.begin(), p.extensions.end(), 0x0000), 0);
}

TEST(ProfileHello, RetryHelloCarriesTheRequestedShareAndCookie) {
  HelloRandomness rnd = HelloRandomness::fixed();
  auto first = build_profile_hello(demo(), "example.com", rnd);
  ASSERT_TRUE(first.ok());
  wire::ServerHello hrr;
  hrr.is_hello_retry_request = true;
  hrr.extensions.hrr_selected_group = 0x0017;
  hrr.extensions.cookie = {1, 2, 3};
  auto second = build_retry_hello(*first, hrr, rnd);
  ASSERT_TRUE(second.ok()) << second.error().message;
  Parsed p = parse(*second);
  auto key_share = std::find(p.extensions.begin(), p.extensions.end(), 0x0033);
  ASSERT_NE(key_share, p.extensions.end());
  EXPECT_EQ(*(key_share + 1), 0x002c);         // cookie right after key_share
  hrr.extensions.hrr_selected_group = 0x001e;  // x448 was never offered
  EXPECT_FALSE(build_retry_hello(*first, hrr, rnd).ok());
}

}  // namespace
}  // namespace tlsd::simulate
