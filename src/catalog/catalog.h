// Code points and their names: cipher suites, groups, signature schemes,
// versions, alerts, extensions. Loaded once from the embedded data/iana files,
// validated on load, then immutable. Every lookup of an unknown code still
// answers with something printable: code points are open enums.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "catalog/key_exchange_kind.h"

namespace tlsd::catalog {

struct CipherSuite {
  uint16_t code = 0;
  std::string iana_name, openssl_name, gnutls_name;
  KxKind kx = KxKind::null;
  std::string auth, enc, mac;  // as in data/iana/cipher_suites.csv
  int enc_bits = 0;
  uint16_t min_version = 0, max_version = 0;  // wire codes, 0x0300..0x0304
  bool aead = false, pfs = false, export_grade = false, null_cipher = false, anon = false,
       scsv = false, tls13 = false;
  bool iana_registered = true;
  std::string source;

  bool valid_for(uint16_t version) const {
    return version >= min_version && version <= max_version;
  }
};

struct Ssl2Cipher {
  uint32_t code = 0;
  std::string name, openssl_name, enc;
  int enc_bits = 0;
  bool export_grade = false;
};

struct Group {
  uint16_t code = 0;
  std::string name, openssl_name, kind;  // kind: ec, ffdhe, hybrid, kem, explicit
  int key_share_bytes = 0;               // 0: not usable as a TLS 1.3 key share
  uint16_t min_version = 0;
  bool iana_registered = true;
};

struct SignatureScheme {
  uint16_t code = 0;
  std::string name, openssl_name, sig, hash;
  bool tls13 = false;
  bool iana_registered = true;
};

struct NamedCode {
  uint32_t code = 0;
  std::string name, openssl_name, description;
};

struct DataFile {
  std::string_view path, content;
};

class Catalog {
 public:
  // The catalog of the embedded data; loaded on first use. Invalid embedded
  // data is a build defect: the unit tests load it, and this aborts loudly.
  static const Catalog& get();
  static Result<Catalog> load(const std::vector<DataFile>& files);

  const std::vector<CipherSuite>& suites() const { return suites_; }
  const std::vector<Ssl2Cipher>& ssl2_ciphers() const { return ssl2_; }
  const std::vector<Group>& groups() const { return groups_; }
  const std::vector<SignatureScheme>& signature_schemes() const { return sigalgs_; }

  const CipherSuite* suite(uint16_t code) const;
  const Group* group(uint16_t code) const;
  const SignatureScheme* signature_scheme(uint16_t code) const;
  const Ssl2Cipher* ssl2_cipher(uint32_t code) const;

  // Name lookups accept IANA, OpenSSL and GnuTLS names, any case.
  const CipherSuite* suite_named(std::string_view name) const;
  const Group* group_named(std::string_view name) const;
  const SignatureScheme* signature_scheme_named(std::string_view name) const;
  std::optional<uint16_t> version_named(std::string_view name) const;

  // Printable names for any code, known or not: "TLSv1.2", "handshake_failure",
  // "GREASE", "unknown".
  std::string version_name(uint16_t code) const;
  std::string alert_name(uint8_t code) const;
  std::optional<uint8_t> alert_named(std::string_view name) const;  // exact IANA name
  std::string alert_description(uint8_t code) const;
  std::string extension_name(uint16_t code) const;
  std::string suite_name(uint16_t code) const;
  std::string group_name(uint16_t code) const;
  std::string signature_scheme_name(uint16_t code) const;
  // "TLS_RSA_WITH_AES_256_CBC_SHA256 (0x003d, AES256-SHA256)"
  std::string describe_suite(uint16_t code) const;

 private:
  std::vector<CipherSuite> suites_;
  std::vector<Ssl2Cipher> ssl2_;
  std::vector<Group> groups_;
  std::vector<SignatureScheme> sigalgs_;
  std::vector<NamedCode> versions_, alerts_, extensions_;
  std::unordered_map<uint16_t, size_t> suite_index_, group_index_, sigalg_index_;
  std::unordered_map<std::string, size_t> suite_names_, group_names_, sigalg_names_;
};

// Data files compiled into the binary.
std::vector<DataFile> embedded_data();

}  // namespace tlsd::catalog
