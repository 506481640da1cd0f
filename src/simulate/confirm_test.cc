#include "simulate/confirm.h"

#include <gtest/gtest.h>

namespace tlsd::simulate {
namespace {

ClientResult connects(const std::string& client, uint16_t version) {
  ClientResult r;
  r.client = client;
  r.ok = true;
  r.version = version;
  return r;
}

TEST(Confirm, OneHandshakePerVersionThatConnects) {
  ClientResult failed;
  failed.version = 0x0302;
  std::vector<ClientResult> results{connects("a", 0x0304), connects("b", 0x0303),
                                    connects("c", 0x0304), failed};
  EXPECT_EQ(versions_to_confirm(results), (std::vector<uint16_t>{0x0304, 0x0303}));
  EXPECT_TRUE(versions_to_confirm({failed}).empty());
}

TEST(Confirm, AFailedRealHandshakeContradictsConnects) {
  std::vector<ClientResult> results{connects("a", 0x0304), connects("b", 0x0303)};
  catalog::Profile pa, pb;
  pb.errors["protocol_error"] = "tls: the words of b";
  std::map<uint16_t, probe::FullHandshakeResult> real;
  real[0x0304] = {};  // confirmed
  real[0x0303].error = Error::transport(TransportCode::closed, "the server closed the connection");
  apply_confirmations(results, {pa, pb}, real);
  EXPECT_TRUE(results[0].ok);
  EXPECT_FALSE(results[1].ok);
  EXPECT_EQ(results[1].reason_name(), "protocol_error");
  EXPECT_NE(results[1].detail.find("a real OpenSSL handshake at TLSv1.2 fails (the server closed"),
            std::string::npos);
  EXPECT_EQ(results[1].error, "tls: the words of b");
}

TEST(Confirm, ARefusalOfOpenSslsOwnHelloConfirmsNothing) {
  std::vector<ClientResult> results{connects("safari", 0x0303)};  // with 3DES
  std::map<uint16_t, probe::FullHandshakeResult> real;
  real[0x0303].error = Error::protocol(
      ProtocolCode::unexpected_message,
      "the handshake failed: error:0A000410:SSL routines::sslv3 alert handshake failure");
  apply_confirmations(results, {}, real);
  EXPECT_TRUE(results[0].ok);
}

TEST(Confirm, NothingToConfirmChangesNothing) {
  std::vector<ClientResult> results{connects("a", 0x0303)};
  apply_confirmations(results, {}, {});
  EXPECT_TRUE(results[0].ok);
}

}  // namespace
}  // namespace tlsd::simulate
