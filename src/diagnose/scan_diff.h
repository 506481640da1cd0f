// `tlsdoctor diff A.json B.json`: what changed on a server between two saved
// scans. The facts a diff compares are read from a scan document
// (report/scan_reader.h); the comparison is here, with no I/O.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tlsd::diagnose {

// The leaf certificate of the first chain the scan found, and its chain.
struct CertificateFacts {
  std::string subject, issuer, serial, not_before, not_after, fingerprint, key;
  size_t chain_length = 0;
};

// What a diff compares, as the scan document spells it ("TLSv1.2",
// "TLS_RSA_WITH_AES_128_CBC_SHA (0x002f)", "x25519 (0x001d)").
struct ScanFacts {
  std::string target;
  std::optional<std::string> error;                     // the scan failed: nothing else is known
  std::set<std::string> versions;                       // supported
  std::map<std::string, std::set<std::string>> suites;  // version -> suites
  std::map<std::string, std::set<std::string>> groups;  // version -> groups
  std::optional<CertificateFacts> certificate;
  std::optional<std::string> client_auth;  // when the document records it
};

// What happened to the leaf certificate.
enum class CertificateChange {
  unchanged,
  renewed,      // a new certificate from the same issuer for the same subject
  reissued,     // a new certificate from another issuer (another CA)
  replaced,     // another subject
  appeared,     // none before
  disappeared,  // none after
};
std::string_view name(CertificateChange change);

struct ListChange {
  std::string scope;  // "" for versions, else the version ("TLSv1.2")
  std::vector<std::string> added, removed;
};

struct ScanDiff {
  std::string before_target, after_target;
  std::optional<std::string> before_error, after_error;
  ListChange versions;
  std::vector<ListChange> suites, groups;  // one per version with a change
  CertificateChange certificate = CertificateChange::unchanged;
  std::optional<CertificateFacts> certificate_before, certificate_after;
  std::optional<std::pair<size_t, size_t>> chain_length;           // when it changed
  std::optional<std::pair<std::string, std::string>> client_auth;  // when it changed

  bool changed() const;
};

ScanDiff diff_scans(const ScanFacts& before, const ScanFacts& after);

}  // namespace tlsd::diagnose
