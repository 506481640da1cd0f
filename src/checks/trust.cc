#include "checks/trust.h"

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include "base/hex.h"
#include "probe/target.h"

namespace tlsd::checks {
namespace {

X509* parse(const Bytes& der) {
  const unsigned char* p = der.data();
  return d2i_X509(nullptr, &p, static_cast<long>(der.size()));
}

TrustVerdict verify_uncached(const std::vector<Bytes>& chain, const std::string& host,
                             const std::string& ca_file) {
  TrustVerdict v;
  if (chain.empty()) {
    v.error = "no certificate";
    return v;
  }
  std::unique_ptr<X509, decltype(&X509_free)> leaf(parse(chain[0]), X509_free);
  if (!leaf) {
    v.error = "the certificate does not parse";
    return v;
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  if (X509_digest(leaf.get(), EVP_sha256(), md, &md_len) == 1)
    v.leaf_sha256 = to_hex(ByteView(md, md_len));

  std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)> untrusted(
      sk_X509_new_null(), [](STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); });
  for (size_t i = 1; i < chain.size(); ++i)
    if (X509* c = parse(chain[i])) sk_X509_push(untrusted.get(), c);
  std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), X509_STORE_free);
  X509_STORE_set_default_paths(store.get());
  if (!ca_file.empty()) X509_STORE_load_file(store.get(), ca_file.c_str());
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> ctx(X509_STORE_CTX_new(),
                                                                      X509_STORE_CTX_free);
  if (ctx && X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), untrusted.get()) == 1) {
    v.trusted = X509_verify_cert(ctx.get()) == 1;
    if (!v.trusted) v.error = X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
  } else {
    v.error = "OpenSSL could not set up verification";
  }
  if (!host.empty()) {
    bool ip = probe::is_ip_literal(host);
    v.hostname_match = ip ? X509_check_ip_asc(leaf.get(), host.c_str(), 0) == 1
                          : X509_check_host(leaf.get(), host.c_str(), host.size(), 0, nullptr) == 1;
  }
  return v;
}

}  // namespace

// Loading the system's trust store costs tens of milliseconds, and a
// simulation asks about the same chain once per client: one process keeps
// each answer (a run lasts seconds; certificates do not change within it).
TrustVerdict verify_chain(const std::vector<Bytes>& chain, const std::string& host,
                          const std::string& ca_file) {
  using Key = std::tuple<std::vector<Bytes>, std::string, std::string>;
  static std::mutex mutex;
  static std::map<Key, TrustVerdict> cache;
  constexpr size_t kMaxCached = 64;
  Key key{chain, host, ca_file};
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  TrustVerdict v = verify_uncached(chain, host, ca_file);
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() >= kMaxCached) cache.clear();
  cache.emplace(std::move(key), v);
  return v;
}

}  // namespace tlsd::checks
