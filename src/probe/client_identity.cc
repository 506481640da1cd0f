#include "probe/client_identity.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <algorithm>
#include <fstream>
#include <memory>

namespace tlsd::probe {
namespace {

using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

Result<Bytes> read_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::usage(std::string("cannot read the ") + what + " file " + path);
  in.seekg(0, std::ios::end);
  auto size = static_cast<size_t>(in.tellg());
  if (size > kMaxIdentityFileBytes)
    return Error::usage(std::string("the ") + what + " file " + path + " is " +
                        std::to_string(size / 1024) + " KiB; a " + what +
                        " file is a few KiB (limit 1 MiB)");
  in.seekg(0);
  Bytes data(size);
  in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(size));
  return data;
}

Bytes der_of(X509* cert) {
  unsigned char* der = nullptr;
  int len = i2d_X509(cert, &der);
  Bytes out;
  if (len > 0) out.assign(der, der + len);
  OPENSSL_free(der);
  return out;
}

std::string key_type_of(EVP_PKEY* key) {
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      return "RSA";
    case EVP_PKEY_RSA_PSS:
      return "RSA-PSS";
    case EVP_PKEY_EC:
      return "EC";
    case EVP_PKEY_ED25519:
      return "Ed25519";
    case EVP_PKEY_ED448:
      return "Ed448";
    case EVP_PKEY_DSA:
      return "DSA";
  }
  return "unknown";
}

int password_cb(char* buf, int size, int, void* user) {
  const auto* password = static_cast<const std::optional<std::string>*>(user);
  if (!*password) return -1;  // no password given: fail instead of prompting
  int n = static_cast<int>(std::min<size_t>((*password)->size(), static_cast<size_t>(size)));
  std::copy_n((*password)->data(), n, buf);
  return n;
}

bool looks_encrypted(ByteView key) {
  std::string_view text(reinterpret_cast<const char*>(key.data()), key.size());
  return text.find("ENCRYPTED") != std::string_view::npos;
}

Result<ClientIdentity> finish(std::vector<X509Ptr> chain, KeyPtr key) {
  if (chain.empty()) return Error::usage("the certificate file holds no certificate");
  if (X509_check_private_key(chain.front().get(), key.get()) != 1) {
    ERR_clear_error();
    return Error::usage("the key does not match the certificate (its public key is another one)");
  }
  ClientIdentity id;
  for (X509Ptr& c : chain) id.chain.push_back(der_of(c.get()));
  unsigned char* der = nullptr;
  int len = i2d_PrivateKey(key.get(), &der);
  if (len <= 0) return Error::internal("cannot encode the private key");
  id.private_key.assign(der, der + len);
  OPENSSL_clear_free(der, static_cast<size_t>(len));
  id.key_type = key_type_of(key.get());
  return id;
}

}  // namespace

Result<ClientIdentity> identity_from_pem(ByteView cert, ByteView key,
                                         const std::optional<std::string>& password) {
  std::vector<X509Ptr> chain;
  BioPtr cbio(BIO_new_mem_buf(cert.data(), static_cast<int>(cert.size())), BIO_free);
  while (X509* c = PEM_read_bio_X509(cbio.get(), nullptr, nullptr, nullptr))
    chain.emplace_back(c, X509_free);
  ERR_clear_error();
  if (chain.empty()) {  // one DER certificate
    const unsigned char* p = cert.data();
    if (X509* c = d2i_X509(nullptr, &p, static_cast<long>(cert.size())))
      chain.emplace_back(c, X509_free);
    ERR_clear_error();
  }
  if (chain.empty())
    return Error::usage("the certificate file is neither PEM certificates nor one DER certificate");
  if (chain.size() > 16)
    return Error::usage("the certificate file holds more than 16 certificates");
  BioPtr kbio(BIO_new_mem_buf(key.data(), static_cast<int>(key.size())), BIO_free);
  auto pw = password;
  KeyPtr k(PEM_read_bio_PrivateKey(kbio.get(), nullptr, password_cb, &pw), EVP_PKEY_free);
  if (!k) {
    const unsigned char* p = key.data();
    ERR_clear_error();
    k.reset(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(key.size())));
  }
  ERR_clear_error();
  if (!k) {
    if (looks_encrypted(key))
      return Error::usage(password ? "the key is encrypted and the password does not open it"
                                   : "the key is encrypted: give its password with "
                                     "--cert-password-env VAR");
    return Error::usage("the key file is not a PEM or DER private key");
  }
  return finish(std::move(chain), std::move(k));
}

Result<ClientIdentity> identity_from_pkcs12(ByteView p12,
                                            const std::optional<std::string>& password) {
  const unsigned char* p = p12.data();
  std::unique_ptr<PKCS12, decltype(&PKCS12_free)> bundle(
      d2i_PKCS12(nullptr, &p, static_cast<long>(p12.size())), PKCS12_free);
  ERR_clear_error();
  if (!bundle) return Error::usage("the file is not PKCS#12 (nor PEM certificates)");
  const char* pass = password ? password->c_str() : "";
  if (PKCS12_verify_mac(bundle.get(), pass, -1) != 1 &&
      PKCS12_verify_mac(bundle.get(), nullptr, 0) != 1) {
    ERR_clear_error();
    return Error::usage(password ? "the PKCS#12 password is wrong (its MAC does not verify)"
                                 : "the PKCS#12 file needs a password: --cert-password-env VAR");
  }
  EVP_PKEY* key = nullptr;
  X509* leaf = nullptr;
  STACK_OF(X509)* cas = nullptr;
  if (PKCS12_parse(bundle.get(), pass, &key, &leaf, &cas) != 1) {
    ERR_clear_error();
    return Error::usage("the PKCS#12 file does not open with that password");
  }
  KeyPtr k(key, EVP_PKEY_free);
  std::vector<X509Ptr> chain;
  if (leaf) chain.emplace_back(leaf, X509_free);
  for (int i = 0; cas && i < sk_X509_num(cas); ++i)
    chain.emplace_back(X509_dup(sk_X509_value(cas, i)), X509_free);
  sk_X509_pop_free(cas, X509_free);
  if (!k) return Error::usage("the PKCS#12 file holds no private key");
  if (!leaf) return Error::usage("the PKCS#12 file holds no certificate for its key");
  return finish(std::move(chain), std::move(k));
}

Result<ClientIdentity> load_client_identity(const std::string& cert_file,
                                            const std::string& key_file,
                                            const std::optional<std::string>& password) {
  auto cert = read_file(cert_file, "certificate");
  if (!cert) return cert.error();
  Result<ClientIdentity> id = Error::usage("");
  if (key_file.empty()) {
    std::string_view text(reinterpret_cast<const char*>(cert->data()), cert->size());
    if (text.find("-----BEGIN") != std::string_view::npos)
      return Error::usage("--cert " + cert_file + " is PEM: give its key with --key FILE");
    id = identity_from_pkcs12(*cert, password);
  } else {
    auto key = read_file(key_file, "key");
    if (!key) return key.error();
    id = identity_from_pem(*cert, *key, password);
    OPENSSL_cleanse(key->data(), key->size());
  }
  if (id) id->source = key_file.empty() ? cert_file : cert_file + " + " + key_file;
  return id;
}

Status use_identity(SSL_CTX* ctx, const ClientIdentity& identity) {
  const unsigned char* p = identity.private_key.data();
  KeyPtr key(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(identity.private_key.size())),
             EVP_PKEY_free);
  p = identity.chain.front().data();
  X509Ptr leaf(d2i_X509(nullptr, &p, static_cast<long>(identity.chain.front().size())), X509_free);
  if (!key || !leaf || SSL_CTX_use_certificate(ctx, leaf.get()) != 1 ||
      SSL_CTX_use_PrivateKey(ctx, key.get()) != 1) {
    ERR_clear_error();
    return Error::internal("OpenSSL refused the client certificate or key");
  }
  for (size_t i = 1; i < identity.chain.size(); ++i) {
    p = identity.chain[i].data();
    X509* c = d2i_X509(nullptr, &p, static_cast<long>(identity.chain[i].size()));
    if (!c || SSL_CTX_add1_chain_cert(ctx, c) != 1) {
      X509_free(c);
      ERR_clear_error();
      return Error::internal("OpenSSL refused an intermediate of the client certificate");
    }
    X509_free(c);
  }
  return Ok{};
}

}  // namespace tlsd::probe
