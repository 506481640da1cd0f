#include "wire/key_share.h"
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/rand.h>

#include <map>
#include <memory>
#include <mutex>

#include "base/hex.h"

namespace tlsd::wire {
namespace {

template <class T, void (*F)(T*)>
struct Free {
  void operator()(T* p) const { F(p); }
};
using BnPtr = std::unique_ptr<BIGNUM, Free<BIGNUM, BN_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, Free<BN_CTX, BN_CTX_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Free<EVP_PKEY, EVP_PKEY_free>>;

// Expands the seed into n private bytes, domain-separated per group and use.
Bytes expand(ByteView seed, uint16_t group, uint8_t use, size_t n) {
  Bytes out(n);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  const uint8_t tag[4] = {static_cast<uint8_t>(group >> 8), static_cast<uint8_t>(group), use, 0x5a};
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_shake256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), seed.data(), seed.size()) != 1 ||
      EVP_DigestUpdate(ctx.get(), tag, sizeof tag) != 1 ||
      EVP_DigestFinalXOF(ctx.get(), out.data(), out.size()) != 1)
    out.clear();
  return out;
}

Result<Bytes> raw_curve_share(int type, size_t len, ByteView seed, uint16_t group) {
  Bytes priv = expand(seed, group, 1, len);
  PkeyPtr key(EVP_PKEY_new_raw_private_key(type, nullptr, priv.data(), priv.size()));
  Bytes pub(len);
  size_t pub_len = pub.size();
  if (!key || EVP_PKEY_get_raw_public_key(key.get(), pub.data(), &pub_len) != 1)
    return Error::internal("OpenSSL could not derive an X25519/X448 public key");
  pub.resize(pub_len);
  return pub;
}

// Uncompressed point of priv*G, priv uniform in [1, order-1].
Result<Bytes> ec_share(int nid, ByteView seed, uint16_t group) {
  std::unique_ptr<EC_GROUP, decltype(&EC_GROUP_free)> g(EC_GROUP_new_by_curve_name(nid),
                                                         EC_GROUP_free);
  BnCtxPtr ctx(BN_CTX_new());
  if (!g || !ctx) return Error::internal("OpenSSL lacks the curve");
  const BIGNUM* order = EC_GROUP_get0_order(g.get());
  Bytes wide = expand(seed, group, 2, static_cast<size_t>(BN_num_bytes(order)) + 16);
  BnPtr priv(BN_bin2bn(wide.data(), static_cast<int>(wide.size()), nullptr));
  BnPtr order_minus_1(BN_dup(order));
  std::unique_ptr<EC_POINT, decltype(&EC_POINT_free)> pub(EC_POINT_new(g.get()), EC_POINT_free);
  if (!priv || !order_minus_1 || !pub || BN_sub_word(order_minus_1.get(), 1) != 1 ||
      BN_mod(priv.get(), priv.get(), order_minus_1.get(), ctx.get()) != 1 ||
      BN_add_word(priv.get(), 1) != 1 ||
      EC_POINT_mul(g.get(), pub.get(), priv.get(), nullptr, nullptr, ctx.get()) != 1)
    return Error::internal("OpenSSL EC point multiplication failed");
  size_t len = EC_POINT_point2oct(g.get(), pub.get(), POINT_CONVERSION_UNCOMPRESSED, nullptr, 0,
                                  ctx.get());
  Bytes out(len);
  if (len == 0 || EC_POINT_point2oct(g.get(), pub.get(), POINT_CONVERSION_UNCOMPRESSED,
                                     out.data(), out.size(), ctx.get()) != len)
    return Error::internal("OpenSSL EC point encoding failed");
  return out;
}

// The RFC 7919 prime of a named FFDHE group, asked of OpenSSL once.
const BIGNUM* ffdhe_prime(const char* name) {
  static std::mutex mu;
  static std::map<std::string, BnPtr> cache;
  std::lock_guard lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second.get();
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* params = nullptr;
  BIGNUM* p = nullptr;
  if (ctx && EVP_PKEY_paramgen_init(ctx.get()) == 1 &&
      EVP_PKEY_CTX_set_group_name(ctx.get(), name) == 1 &&
      EVP_PKEY_paramgen(ctx.get(), &params) == 1)
    EVP_PKEY_get_bn_param(params, OSSL_PKEY_PARAM_FFC_P, &p);
  EVP_PKEY_free(params);
  return (cache[name] = BnPtr(p)).get();
}

// Y = 2^x mod p, left-padded to the size of p (RFC 8446 §4.2.8.1).
Result<Bytes> ffdhe_share(const char* name, ByteView seed, uint16_t group) {
  const BIGNUM* p = ffdhe_prime(name);
  if (!p) return Error::internal(std::string("OpenSSL lacks ") + name);
  Bytes xb = expand(seed, group, 3, 32);
  BnCtxPtr ctx(BN_CTX_new());
  BnPtr x(BN_bin2bn(xb.data(), static_cast<int>(xb.size()), nullptr)), two(BN_new()), y(BN_new());
  if (!ctx || !x || !two || !y || BN_set_word(two.get(), 2) != 1 ||
      BN_mod_exp(y.get(), two.get(), x.get(), p, ctx.get()) != 1)
    return Error::internal("FFDHE exponentiation failed");
  Bytes out(static_cast<size_t>(BN_num_bytes(p)));
  if (BN_bn2binpad(y.get(), out.data(), static_cast<int>(out.size())) < 0)
    return Error::internal("FFDHE encoding failed");
  return out;
}

// An ML-KEM encapsulation key (FIPS 203 §7.1): ByteEncode12 of k*256
// coefficients below q = 3329, then the 32-byte seed rho. Servers check only
// that every coefficient is reduced (the FIPS 203 §7.2 modulus check); we never
// decapsulate, so uniform coefficients from the seed are as good as a real key.
Bytes mlkem_encapsulation_key(int k, ByteView seed, uint16_t group) {
  constexpr uint16_t q = 3329;
  size_t n = static_cast<size_t>(k) * 256;
  Bytes stream = expand(seed, group, 4, n * 2 + 512);
  std::vector<uint16_t> coeffs;
  for (size_t i = 0; i + 2 < stream.size() && coeffs.size() < n; i += 3) {  // SampleNTT style
    uint16_t d1 = static_cast<uint16_t>(stream[i] | (stream[i + 1] & 0x0f) << 8);
    uint16_t d2 = static_cast<uint16_t>(stream[i + 1] >> 4 | stream[i + 2] << 4);
    if (d1 < q) coeffs.push_back(d1);
    if (d2 < q && coeffs.size() < n) coeffs.push_back(d2);
  }
  coeffs.resize(n, 0);  // unreachable with this much stream; keeps the size exact
  Bytes out;
  out.reserve(n * 3 / 2 + 32);
  for (size_t i = 0; i < n; i += 2) {
    out.push_back(static_cast<uint8_t>(coeffs[i]));
    out.push_back(static_cast<uint8_t>(coeffs[i] >> 8 | (coeffs[i + 1] & 0x0f) << 4));
    out.push_back(static_cast<uint8_t>(coeffs[i + 1] >> 4));
  }
  Bytes rho = expand(seed, group, 5, 32);
  out.insert(out.end(), rho.begin(), rho.end());
  return out;
}

Result<Bytes> concat(Result<Bytes> a, Result<Bytes> b) {
  if (!a) return a;
  if (!b) return b;
  a->insert(a->end(), b->begin(), b->end());
  return a;
}

}  // namespace

bool can_make_key_share(uint16_t group) {
  switch (group) {
    case 0x0017: case 0x0018: case 0x0019: case 0x001d: case 0x001e:
    case 0x001f: case 0x0020: case 0x0021:
    case 0x0100: case 0x0101: case 0x0102: case 0x0103: case 0x0104:
    case 0x0200: case 0x0201: case 0x0202:
    case 0x11eb: case 0x11ec: case 0x11ed: case 0x6399:
      return true;
  }
  return false;
}

Result<Bytes> make_key_share(uint16_t group, ByteView seed) {
  auto mlkem = [&](int k) -> Result<Bytes> { return mlkem_encapsulation_key(k, seed, group); };
  switch (group) {
    case 0x0017: return ec_share(NID_X9_62_prime256v1, seed, group);
    case 0x0018: return ec_share(NID_secp384r1, seed, group);
    case 0x0019: return ec_share(NID_secp521r1, seed, group);
    case 0x001d: return raw_curve_share(EVP_PKEY_X25519, 32, seed, group);
    case 0x001e: return raw_curve_share(EVP_PKEY_X448, 56, seed, group);
    case 0x001f: return ec_share(NID_brainpoolP256r1, seed, group);
    case 0x0020: return ec_share(NID_brainpoolP384r1, seed, group);
    case 0x0021: return ec_share(NID_brainpoolP512r1, seed, group);
    case 0x0100: return ffdhe_share("ffdhe2048", seed, group);
    case 0x0101: return ffdhe_share("ffdhe3072", seed, group);
    case 0x0102: return ffdhe_share("ffdhe4096", seed, group);
    case 0x0103: return ffdhe_share("ffdhe6144", seed, group);
    case 0x0104: return ffdhe_share("ffdhe8192", seed, group);
    case 0x0200: return mlkem(2);
    case 0x0201: return mlkem(3);
    case 0x0202: return mlkem(4);
    // draft-ietf-tls-ecdhe-mlkem: X25519MLKEM768 puts ML-KEM first, the
    // NIST-curve hybrids put the curve first.
    case 0x11ec: return concat(mlkem(3), make_key_share(0x001d, seed));
    case 0x11eb: return concat(make_key_share(0x0017, seed), mlkem(3));
    case 0x11ed: return concat(make_key_share(0x0018, seed), mlkem(4));
    // draft-tls-westerbaan-xyber768d00: X25519 first, then Kyber768.
    case 0x6399: return concat(make_key_share(0x001d, seed), mlkem(3));
  }
  return Error::usage("no key share generator for group " + hex_code(group));
}

Bytes random_bytes(size_t n) {
  Bytes out(n);
  if (RAND_bytes(out.data(), static_cast<int>(n)) != 1) out.assign(n, 0);
  return out;
}

}  // namespace tlsd::wire
