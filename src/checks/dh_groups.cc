#include "checks/dh_groups.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <mutex>
#include <utility>
#include <vector>

namespace tlsd::checks {
namespace {

Bytes to_bytes(const BIGNUM* bn) {
  Bytes out(static_cast<size_t>(BN_num_bytes(bn)));
  BN_bn2bin(bn, out.data());
  return out;
}

Bytes ffdhe(const char* name) {
  Bytes out;
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr);
  EVP_PKEY* params = nullptr;
  BIGNUM* p = nullptr;
  if (ctx && EVP_PKEY_paramgen_init(ctx) == 1 && EVP_PKEY_CTX_set_group_name(ctx, name) == 1 &&
      EVP_PKEY_paramgen(ctx, &params) == 1 &&
      EVP_PKEY_get_bn_param(params, OSSL_PKEY_PARAM_FFC_P, &p) == 1)
    out = to_bytes(p);
  BN_free(p);
  EVP_PKEY_free(params);
  EVP_PKEY_CTX_free(ctx);
  return out;
}

Bytes modp(BIGNUM* (*get)(BIGNUM*)) {
  BIGNUM* p = get(nullptr);
  Bytes out = p ? to_bytes(p) : Bytes{};
  BN_free(p);
  return out;
}

const std::vector<std::pair<std::string, Bytes>>& known_groups() {
  static const std::vector<std::pair<std::string, Bytes>> groups = {
      {"ffdhe2048 (RFC 7919)", ffdhe("ffdhe2048")},
      {"ffdhe3072 (RFC 7919)", ffdhe("ffdhe3072")},
      {"ffdhe4096 (RFC 7919)", ffdhe("ffdhe4096")},
      {"ffdhe6144 (RFC 7919)", ffdhe("ffdhe6144")},
      {"ffdhe8192 (RFC 7919)", ffdhe("ffdhe8192")},
      {"Oakley group 1, 768-bit (RFC 2409)", modp(BN_get_rfc2409_prime_768)},
      {"Oakley group 2, 1024-bit (RFC 2409)", modp(BN_get_rfc2409_prime_1024)},
      {"MODP 1536-bit (RFC 3526)", modp(BN_get_rfc3526_prime_1536)},
      {"MODP 2048-bit (RFC 3526)", modp(BN_get_rfc3526_prime_2048)},
      {"MODP 3072-bit (RFC 3526)", modp(BN_get_rfc3526_prime_3072)},
      {"MODP 4096-bit (RFC 3526)", modp(BN_get_rfc3526_prime_4096)},
  };
  return groups;
}

}  // namespace

std::string dh_group_name(ByteView prime) {
  while (!prime.empty() && prime.front() == 0) prime = prime.subspan(1);
  for (const auto& [name, p] : known_groups())
    if (!p.empty() && std::equal(prime.begin(), prime.end(), p.begin(), p.end())) return name;
  return "";
}

}  // namespace tlsd::checks
