// The demo server against our own probe: the story's answer, end to end on
// loopback, in-process.
#include "cli/demo_server.h"

#include <gtest/gtest.h>

#include "probe/craft.h"
#include "probe/observation.h"
#include "wire/constants.h"

namespace tlsd::cli {
namespace {

TEST(DemoServer, AnswersLikeTheStory) {
  auto server = DemoServer::start({});
  ASSERT_TRUE(server.ok()) << server.error().message;
  probe::CraftOptions opts;
  opts.version = wire::kTls12;
  opts.sni = "api.partner.example";
  auto hello = probe::craft_hello(opts);
  ASSERT_TRUE(hello.ok());
  probe::ProbeRequest req;
  req.target.host = "127.0.0.1";
  req.target.port = (*server)->port();
  req.hello = hello->bytes;
  probe::ProbeResult r = probe::run_probe(req);
  probe::Observation o = probe::observe(r, hello->offer);
  ASSERT_EQ(o.outcome, probe::Outcome::server_hello) << (o.error ? o.error->message : "");
  EXPECT_EQ(o.version, wire::kTls12);
  EXPECT_EQ(o.cipher_suite, 0x003d);
  ASSERT_EQ(o.certificates.size(), 1u);
  EXPECT_EQ(o.certificates[0].key_bits, 2048);
  EXPECT_TRUE(o.secure_renegotiation);
}

TEST(DemoServer, RefusesTls13Only) {
  auto server = DemoServer::start({});
  ASSERT_TRUE(server.ok());
  probe::CraftOptions opts;
  opts.version = wire::kTls13;
  auto hello = probe::craft_hello(opts);
  ASSERT_TRUE(hello.ok());
  probe::ProbeRequest req;
  req.target.host = "127.0.0.1";
  req.target.port = (*server)->port();
  req.hello = hello->bytes;
  probe::Observation o = probe::observe(probe::run_probe(req), hello->offer);
  EXPECT_EQ(o.outcome, probe::Outcome::alert);
  ASSERT_TRUE(o.alert);
  EXPECT_EQ(*o.alert, 70);  // protocol_version
}

}  // namespace
}  // namespace tlsd::cli
