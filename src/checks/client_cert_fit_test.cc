// The client certificate against a CertificateRequest: certificates made here
// with OpenSSL (a root, an intermediate, leaves of each bad shape).
#include "checks/client_cert_fit.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>

namespace tlsd::checks {
namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

struct Made {
  KeyPtr key{nullptr, EVP_PKEY_free};
  Bytes der;
  std::string cn;
};

Made make(const std::string& cn, const Made* issuer, const char* eku, const char* ku,
          long from_days, long to_days, bool rsa = false) {
  Made m;
  m.cn = cn;
  m.key.reset(rsa ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256"));
  std::unique_ptr<X509, decltype(&X509_free)> c(X509_new(), X509_free);
  X509_set_version(c.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(c.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(c.get()), from_days * 86400);
  X509_gmtime_adj(X509_getm_notAfter(c.get()), to_days * 86400);
  auto name = [](const std::string& n) {
    X509_NAME* x = X509_NAME_new();
    X509_NAME_add_entry_by_txt(x, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(n.c_str()), -1, -1, 0);
    return x;
  };
  X509_NAME* subject = name(cn);
  X509_NAME* issuer_name = name(issuer ? issuer->cn : cn);
  X509_set_subject_name(c.get(), subject);
  X509_set_issuer_name(c.get(), issuer_name);
  X509_NAME_free(subject);
  X509_NAME_free(issuer_name);
  X509_set_pubkey(c.get(), m.key.get());
  auto ext = [&](int nid, const char* value) {
    if (!value) return;
    X509_EXTENSION* e = X509V3_EXT_conf_nid(nullptr, nullptr, nid, value);
    X509_add_ext(c.get(), e, -1);
    X509_EXTENSION_free(e);
  };
  ext(NID_ext_key_usage, eku);
  ext(NID_key_usage, ku);
  X509_sign(c.get(), issuer ? issuer->key.get() : m.key.get(), EVP_sha256());
  unsigned char* der = nullptr;
  int len = i2d_X509(c.get(), &der);
  m.der.assign(der, der + len);
  OPENSSL_free(der);
  return m;
}

probe::ClientIdentity identity(std::vector<const Made*> chain) {
  probe::ClientIdentity id;
  for (const Made* m : chain) id.chain.push_back(m->der);
  return id;
}

bool has(const CertFit& fit, CertFitProblem p) {
  for (const CertFitFinding& f : fit.findings)
    if (f.problem == p) return true;
  return false;
}

struct Pki {
  Made root = make("root CA", nullptr, nullptr, "keyCertSign", -10, 3650);
  Made inter = make("inter CA", &root, nullptr, "keyCertSign", -10, 3650);
  ClientAuth request;
  Pki() {
    request.ca_names = {"CN=root CA"};
    request.signature_schemes = {0x0403, 0x0804};  // ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256
  }
};

const int64_t kNow = static_cast<int64_t>(std::time(nullptr));

TEST(ClientCertFit, AGoodCertificateFits) {
  Pki pki;
  Made leaf = make("client", &pki.root, "clientAuth", "digitalSignature", -1, 90);
  CertFit fit = judge_client_certificate(identity({&leaf}), &pki.request, kNow);
  EXPECT_TRUE(fit.findings.empty()) << fit.findings.front().detail;
  ASSERT_TRUE(fit.days_left);
  EXPECT_GE(*fit.days_left, 88);
  EXPECT_TRUE(fit.matches_ca_names);
}

TEST(ClientCertFit, ExpiredAndNotYetValid) {
  Pki pki;
  Made old = make("client", &pki.root, "clientAuth", nullptr, -100, -10);
  EXPECT_TRUE(
      has(judge_client_certificate(identity({&old}), &pki.request, kNow), CertFitProblem::expired));
  Made future = make("client", &pki.root, "clientAuth", nullptr, 10, 100);
  EXPECT_TRUE(has(judge_client_certificate(identity({&future}), &pki.request, kNow),
                  CertFitProblem::not_yet_valid));
}

TEST(ClientCertFit, ServerAuthOnlyEkuAndMissingDigitalSignature) {
  Pki pki;
  Made leaf = make("client", &pki.root, "serverAuth", "keyEncipherment", -1, 90);
  CertFit fit = judge_client_certificate(identity({&leaf}), &pki.request, kNow);
  EXPECT_TRUE(has(fit, CertFitProblem::no_client_auth_eku));
  EXPECT_TRUE(has(fit, CertFitProblem::no_digital_signature));
}

TEST(ClientCertFit, KeyTypeTheServerDoesNotAccept) {
  Pki pki;
  pki.request.signature_schemes = {0x0403};  // ECDSA only
  Made rsa = make("client", &pki.root, "clientAuth", nullptr, -1, 90, true);
  CertFit fit = judge_client_certificate(identity({&rsa}), &pki.request, kNow);
  EXPECT_TRUE(has(fit, CertFitProblem::key_not_allowed));
  Made ec = make("client", &pki.root, "clientAuth", nullptr, -1, 90);
  EXPECT_FALSE(has(judge_client_certificate(identity({&ec}), &pki.request, kNow),
                   CertFitProblem::key_not_allowed));
}

TEST(ClientCertFit, IntermediateMissingOrWrongCa) {
  Pki pki;
  Made leaf = make("client", &pki.inter, "clientAuth", nullptr, -1, 90);
  CertFit alone = judge_client_certificate(identity({&leaf}), &pki.request, kNow);
  EXPECT_TRUE(has(alone, CertFitProblem::chain_incomplete));
  EXPECT_FALSE(alone.matches_ca_names);
  CertFit chained = judge_client_certificate(identity({&leaf, &pki.inter}), &pki.request, kNow);
  EXPECT_TRUE(chained.findings.empty());
  EXPECT_TRUE(chained.matches_ca_names);
  Made self = make("client", nullptr, "clientAuth", nullptr, -1, 90);
  CertFit wrong = judge_client_certificate(identity({&self}), &pki.request, kNow);
  EXPECT_TRUE(has(wrong, CertFitProblem::issuer_not_named));
}

TEST(ClientCertFit, NoCaNamesMeansAnyIssuer) {
  Pki pki;
  pki.request.ca_names.clear();
  Made self = make("client", nullptr, "clientAuth", nullptr, -1, 90);
  CertFit fit = judge_client_certificate(identity({&self}), &pki.request, kNow);
  EXPECT_TRUE(fit.matches_ca_names);
  EXPECT_TRUE(fit.findings.empty());
}

}  // namespace
}  // namespace tlsd::checks
