#include "wire/client_hello.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "wire/constants.h"
#include "wire/extensions/extension.h"
#include "wire/reader.h"

namespace tlsd::wire {
namespace {

ClientHelloSpec story_hello() {
  ClientHelloSpec spec;
  spec.cipher_suites = {0x003d, 0x002f};
  spec.params.server_name = "api.partner.example";
  spec.params.groups = {0x001d, 0x0017};
  spec.params.signature_algorithms = {0x0804, 0x0401};
  spec.extensions = {{0x0000}, {0x000a}, {0x000b}, {0x000d}, {0xff01}};
  return spec;
}

// Walks a ClientHello message and returns its extension types in order.
std::vector<uint16_t> extension_types(ByteView msg, ByteView* sni_body = nullptr) {
  Reader r(msg);
  uint8_t type;
  Reader body, sid, suites, comp, exts;
  EXPECT_TRUE(r.u8(type) && r.prefixed(3, body) && r.empty());
  EXPECT_EQ(type, kClientHello);
  EXPECT_TRUE(body.skip(2 + 32) && body.prefixed(1, sid) && body.prefixed(2, suites) &&
              body.prefixed(1, comp) && body.prefixed(2, exts) && body.empty());
  std::vector<uint16_t> out;
  while (!exts.empty()) {
    uint16_t t;
    Reader e;
    EXPECT_TRUE(exts.u16(t) && exts.prefixed(2, e));
    if (t == 0 && sni_body) *sni_body = e.rest();
    out.push_back(t);
  }
  return out;
}

TEST(ClientHello, ExactFieldsAndCallerOrder) {
  auto msg = build_client_hello(story_hello());
  ASSERT_TRUE(msg.ok());
  ByteView sni;
  EXPECT_EQ(extension_types(*msg, &sni), (std::vector<uint16_t>{0, 0x0a, 0x0b, 0x0d, 0xff01}));
  // server_name_list<2> { host_name(0), HostName<2> }
  const std::string host = "api.partner.example";
  EXPECT_EQ(
      to_hex(sni),
      "0016000013" + to_hex(ByteView(reinterpret_cast<const uint8_t*>(host.data()), host.size())));
  EXPECT_EQ((*msg)[4], 0x03);
  EXPECT_EQ((*msg)[5], 0x03);
}

TEST(ClientHello, RawBodiesAndGreaseKeepTheirPlace) {
  ClientHelloSpec spec = story_hello();
  spec.extensions = {{0x0a0a}, {0x0017}, {0x1234, Bytes{9, 9}}, {0xfafa, Bytes{0}}};
  auto msg = build_client_hello(spec);
  ASSERT_TRUE(msg.ok());
  EXPECT_EQ(extension_types(*msg), (std::vector<uint16_t>{0x0a0a, 0x17, 0x1234, 0xfafa}));
}

TEST(ClientHello, Sslv3HelloHasNoExtensionBlock) {
  ClientHelloSpec spec;
  spec.record_version = spec.legacy_version = kSsl3;
  spec.cipher_suites = {0x000a};
  auto msg = build_client_hello(spec);
  ASSERT_TRUE(msg.ok());
  // 1+3 header, 2 version, 32 random, 1 sid, 2+2 suites, 1+1 compression.
  EXPECT_EQ(msg->size(), 4u + 2 + 32 + 1 + 4 + 2);
}

TEST(ClientHello, PaddingRuleReaches512) {
  ClientHelloSpec spec = story_hello();
  for (uint16_t s = 0xc000; s < 0xc000 + 100; ++s) spec.cipher_suites.push_back(s);
  spec.extensions.push_back({0x0015});
  auto msg = build_client_hello(spec);
  ASSERT_TRUE(msg.ok());
  EXPECT_EQ(msg->size(), 512u);
  // Outside 256..511 no padding extension is written at all.
  spec.cipher_suites.resize(2);
  auto small = build_client_hello(spec);
  ASSERT_TRUE(small.ok());
  auto types = extension_types(*small);
  EXPECT_EQ(std::count(types.begin(), types.end(), 0x0015), 0);
}

TEST(ClientHello, RecordsSplitForIntolerantServers) {
  auto recs = build_client_hello_records(story_hello(), 64);
  ASSERT_TRUE(recs.ok());
  auto msg = build_client_hello(story_hello());
  size_t records = (msg->size() + 63) / 64;
  EXPECT_EQ(recs->size(), msg->size() + 5 * records);
}

TEST(ClientHello, TooManySuitesIsAnErrorNotATruncation) {
  ClientHelloSpec spec;
  spec.cipher_suites.assign(40000, 0x002f);
  EXPECT_FALSE(build_client_hello(spec).ok());
}

TEST(Sslv2Hello, Layout) {
  Bytes challenge(16, 0xcc);
  auto hello = build_sslv2_client_hello(0x0002, {0x010080, 0x00002f}, challenge);
  ASSERT_TRUE(hello.ok());
  EXPECT_EQ(to_hex(ByteView(*hello).first(11)), "801f010002000600000010");
  EXPECT_EQ(hello->size(), 2u + 9 + 6 + 16);
  EXPECT_FALSE(build_sslv2_client_hello(2, {}, Bytes(8, 0)).ok());
}

TEST(ExtensionTable, NamesAndCodesAgree) {
  for (const ExtensionRow* row : extension_rows()) {
    EXPECT_EQ(find_extension(row->code), row);
    EXPECT_EQ(find_extension(row->name), row);
  }
  EXPECT_EQ(find_extension(uint16_t{0x9999}), nullptr);
}

TEST(ExtensionTable, ProfileKeysAreUniqueAndFillDistinctParameters) {
  std::vector<std::string_view> keys;
  for (const ExtensionRow* row : extension_rows())
    for (const ProfileParam& p : row->profile_params) keys.push_back(p.key);
  EXPECT_GE(keys.size(), 12u);
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
  EXPECT_TRUE(ext::kServerName.profile_params.empty());  // the name comes from the target
}

TEST(ExtensionTable, PaddingReadsItsProfileWord) {
  const WordParam& word = std::get<WordParam>(ext::kPadding.profile_params[0].form);
  EXPECT_EQ(word.when_absent, "none");
  HelloParams p;
  ASSERT_TRUE(word.store("none", p).ok());
  EXPECT_TRUE(p.omit_padding);
  ASSERT_TRUE(word.store("boringssl", p).ok());
  EXPECT_FALSE(p.omit_padding);
  EXPECT_EQ(p.padding_length, std::nullopt);
  ASSERT_TRUE(word.store("17", p).ok());
  EXPECT_EQ(p.padding_length, 17u);
  EXPECT_FALSE(word.store("seventeen", p).ok());
  EXPECT_FALSE(word.store("17x", p).ok());
}

TEST(ClientHello, OmittedPaddingIsNeverSentEvenWhereTheRuleWouldPad) {
  ClientHelloSpec spec;
  for (uint16_t s = 0xc001; s < 0xc080; ++s) spec.cipher_suites.push_back(s);  // 256..511 bytes
  spec.extensions = {{0x0015, std::nullopt}};
  auto padded = build_client_hello(spec);
  ASSERT_TRUE(padded.ok());
  EXPECT_EQ(padded->size(), 512u);
  spec.params.omit_padding = true;
  auto plain = build_client_hello(spec);
  ASSERT_TRUE(plain.ok());
  EXPECT_LT(plain->size(), 512u);
}

}  // namespace
}  // namespace tlsd::wire
