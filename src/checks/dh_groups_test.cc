#include "checks/dh_groups.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>

namespace tlsd::checks {
namespace {

Bytes prime(BIGNUM* (*get)(BIGNUM*)) {
  BIGNUM* p = get(nullptr);
  Bytes out(static_cast<size_t>(BN_num_bytes(p)));
  BN_bn2bin(p, out.data());
  BN_free(p);
  return out;
}

TEST(DhGroups, NamesWellKnownPrimes) {
  EXPECT_EQ(dh_group_name(prime(BN_get_rfc2409_prime_1024)), "Oakley group 2, 1024-bit (RFC 2409)");
  Bytes padded = prime(BN_get_rfc3526_prime_2048);
  padded.insert(padded.begin(), 0);  // a leading zero byte is still the same number
  EXPECT_EQ(dh_group_name(padded), "MODP 2048-bit (RFC 3526)");
}

TEST(DhGroups, CustomOrGarbageIsUnnamed) {
  Bytes p = prime(BN_get_rfc3526_prime_2048);
  p.back() ^= 2;
  EXPECT_EQ(dh_group_name(p), "");
  EXPECT_EQ(dh_group_name(Bytes{}), "");
  EXPECT_EQ(dh_group_name(Bytes{0, 0, 0}), "");
}

}  // namespace
}  // namespace tlsd::checks
