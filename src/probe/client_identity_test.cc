// Bad client certificate input gets a clear usage error, never a crash.
#include "probe/client_identity.h"

#include <gtest/gtest.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <cstdio>
#include <fstream>
#include <memory>

namespace tlsd::probe {
namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;

KeyPtr new_key() { return KeyPtr(EVP_EC_gen("P-256"), EVP_PKEY_free); }

X509Ptr self_signed(EVP_PKEY* key) {
  X509Ptr cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 7);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("unit client"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key);
  X509_sign(cert.get(), key, EVP_sha256());
  return cert;
}

std::string pem_of(X509* cert) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(bio.get(), cert);
  char* data;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

std::string pem_of(EVP_PKEY* key, const char* password = nullptr) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PKCS8PrivateKey(bio.get(), key, password ? EVP_aes_256_cbc() : nullptr, nullptr, 0,
                                nullptr, const_cast<char*>(password));
  char* data;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

Bytes bytes(const std::string& s) { return Bytes(s.begin(), s.end()); }

Bytes pkcs12_of(EVP_PKEY* key, X509* cert, const char* password) {
  std::unique_ptr<PKCS12, decltype(&PKCS12_free)> p12(
      PKCS12_create(password, "client", key, cert, nullptr, 0, 0, 0, 0, 0), PKCS12_free);
  unsigned char* der = nullptr;
  int len = i2d_PKCS12(p12.get(), &der);
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

struct Pair {
  KeyPtr key = new_key();
  X509Ptr cert = self_signed(key.get());
};

TEST(ClientIdentity, PemCertificateAndKeyLoad) {
  Pair p;
  auto id = identity_from_pem(bytes(pem_of(p.cert.get())), bytes(pem_of(p.key.get())), {});
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(id->chain.size(), 1u);
  EXPECT_EQ(id->key_type, "EC");
}

TEST(ClientIdentity, EncryptedKeyNeedsItsPassword) {
  Pair p;
  Bytes cert = bytes(pem_of(p.cert.get())), key = bytes(pem_of(p.key.get(), "s3cret"));
  auto none = identity_from_pem(cert, key, {});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message.find("--cert-password-env"), std::string::npos);
  auto wrong = identity_from_pem(cert, key, std::string("nope"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("password does not open it"), std::string::npos);
  EXPECT_TRUE(identity_from_pem(cert, key, std::string("s3cret")).ok());
}

TEST(ClientIdentity, KeyOfAnotherCertificateIsRefused) {
  Pair a, b;
  auto id = identity_from_pem(bytes(pem_of(a.cert.get())), bytes(pem_of(b.key.get())), {});
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().layer, ErrorLayer::usage);
  EXPECT_NE(id.error().message.find("does not match"), std::string::npos);
}

TEST(ClientIdentity, Pkcs12WithWrongPasswordIsRefused) {
  Pair p;
  Bytes p12 = pkcs12_of(p.key.get(), p.cert.get(), "right");
  EXPECT_TRUE(identity_from_pkcs12(p12, std::string("right")).ok());
  auto wrong = identity_from_pkcs12(p12, std::string("wrong"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("password is wrong"), std::string::npos);
  auto none = identity_from_pkcs12(p12, {});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message.find("--cert-password-env"), std::string::npos);
}

TEST(ClientIdentity, GarbageIsRefused) {
  Bytes garbage = {0x30, 0x82, 0xff, 0xff, 0x01, 0x02, 0x03};
  Pair p;
  auto cert = identity_from_pem(garbage, bytes(pem_of(p.key.get())), {});
  ASSERT_FALSE(cert.ok());
  EXPECT_NE(cert.error().message.find("neither PEM"), std::string::npos);
  auto key = identity_from_pem(bytes(pem_of(p.cert.get())), garbage, {});
  ASSERT_FALSE(key.ok());
  EXPECT_NE(key.error().message.find("not a PEM or DER private key"), std::string::npos);
  EXPECT_FALSE(identity_from_pkcs12(garbage, std::string("x")).ok());
  EXPECT_FALSE(identity_from_pkcs12(Bytes{}, {}).ok());
}

TEST(ClientIdentity, HugeAndMissingFilesAreRefusedBeforeParsing) {
  std::string path = testing::TempDir() + "/tlsd_huge_cert.pem";
  {
    std::ofstream out(path, std::ios::binary);
    std::string line = "-----BEGIN CERTIFICATE-----\n";
    for (size_t written = 0; written < 10u << 20; written += line.size()) out << line;
  }
  auto huge = load_client_identity(path, path, {});
  std::remove(path.c_str());
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.error().message.find("limit 1 MiB"), std::string::npos);
  auto missing = load_client_identity("/nonexistent/cert.pem", "/nonexistent/key.pem", {});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("cannot read"), std::string::npos);
}

TEST(ClientIdentity, PemWithoutKeyFileAsksForOne) {
  Pair p;
  std::string path = testing::TempDir() + "/tlsd_cert_only.pem";
  std::ofstream(path) << pem_of(p.cert.get());
  auto id = load_client_identity(path, "", {});
  std::remove(path.c_str());
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.error().message.find("--key"), std::string::npos);
}

}  // namespace
}  // namespace tlsd::probe
