// What a scan learned about one server: the result model that the checks
// fill in and the report prints. Plain data; no sockets, no formatting.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "probe/route.h"
#include "wire/certificate.h"

namespace tlsd::checks {

struct VersionSupport {
  uint16_t version = 0;
  bool supported = false;
  // Why not: the alert or failure the version's hello got ("alert protocol_version").
  std::string refusal;
};

struct AcceptedSuite {
  uint16_t code = 0;
  std::optional<uint16_t> kx_group;  // ECDHE curve seen with it (TLS <= 1.2) or TLS 1.3 group
  int dh_bits = 0;                   // DHE prime size seen with it
  std::string dh_group;              // "ffdhe2048", "RFC 2409 group 2", or "" (custom)
  bool weak = false;                 // any weakness (suite_weakness.h): highlighted
};

struct SuiteList {
  std::vector<AcceptedSuite> suites;  // in the server's order when it enforces one
  std::optional<bool> server_order;   // nullopt: fewer than two suites, cannot tell
  std::optional<bool> chacha20_priority;
  bool order_complete = false;  // the full order was verified, not just the first
};

struct GroupList {
  std::vector<uint16_t> groups;  // in the order the server chose them
  std::optional<bool> server_order;
};

struct SniBehaviour {
  std::optional<bool> required;                     // no SNI -> refusal
  std::optional<bool> unknown_name_alert;           // a wrong name gets unrecognized_name
  std::optional<bool> default_certificate_differs;  // no SNI -> another certificate
};

struct Extensions {
  std::optional<bool> extended_master_secret;
  std::optional<bool> secure_renegotiation;
  std::optional<bool> session_ticket;
  std::optional<uint32_t> ticket_lifetime_hint;  // seconds, from a full handshake
  std::optional<bool> session_id_resumption;
  std::optional<bool> ocsp_stapling;
  std::vector<std::string> alpn;  // protocols the server agreed to
  std::optional<bool> heartbeat;
  std::optional<bool> encrypt_then_mac;
  std::optional<bool> fallback_scsv;  // inappropriate_fallback on a downgrade
  std::optional<bool> compression;
  std::optional<uint16_t> record_size_limit;
  SniBehaviour sni;
};

struct CertificateChain {
  std::string found_with;                       // "RSA", "ECDSA", "TLS 1.3", ...
  std::vector<wire::CertificateSummary> chain;  // as sent, leaf first
  std::optional<bool> trusted;
  std::string trust_error;
  std::optional<bool> hostname_match;
  std::string fingerprint_sha256;
};

// Does the server want a client certificate (per version), decided from its
// answer to an empty Certificate: see checks/client_auth.h.
enum class ClientAuthPolicy { none, optional, required, unknown };

struct ClientAuth {
  uint16_t version = 0;
  ClientAuthPolicy policy = ClientAuthPolicy::unknown;
  bool after_handshake = false;  // TLS 1.3 post-handshake CertificateRequest (RFC 8446 §4.6.2)
  // What the CertificateRequest asked for, display-safe.
  std::vector<std::string> ca_names;           // RFC 2253 DNs; empty = any issuer
  std::vector<std::string> certificate_types;  // TLS <= 1.2: rsa_sign, ecdsa_sign, ...
  std::vector<uint16_t> signature_schemes;
  std::vector<uint16_t> signature_schemes_cert;  // TLS 1.3 signature_algorithms_cert
  std::string evidence;  // how the policy was decided: the alert, or the answer's first line
  size_t connections = 0;
};

enum class Severity { high, medium, low, info };

struct Finding {
  Severity severity = Severity::info;
  std::string id;      // stable: "rsa_kex", "tls10", "no_pfs", ...
  std::string title;   // one line
  std::string why;     // one line: why it matters
  std::string detail;  // the evidence: which suites, which key size...
};

struct ServerModel {
  std::string target;
  std::string sni;
  std::string peer;
  // The proxy and dialogs before TLS; empty = TCP straight to TLS.
  probe::Route route;
  std::optional<Error> error;            // the scan could not start (unreachable, not TLS)
  std::vector<VersionSupport> versions;  // SSLv2 .. TLS 1.3
  std::map<uint16_t, SuiteList> suites;  // per supported version
  std::vector<uint32_t> ssl2_ciphers;
  std::map<uint16_t, GroupList> groups;                         // TLS 1.3 and TLS 1.2 (ECDHE)
  std::map<uint16_t, std::vector<uint16_t>> signature_schemes;  // accepted, per version
  Extensions extensions;
  std::vector<CertificateChain> certificates;
  std::vector<ClientAuth> client_auth;  // TLS 1.3 first, then TLS 1.2 (or the best older one)
  std::vector<Finding> findings;
  std::vector<std::string> notes;  // what could not be determined, and why
  size_t connections = 0;
  double elapsed_ms = 0;

  bool supports(uint16_t version) const;
  std::optional<uint16_t> max_version() const;
};

}  // namespace tlsd::checks
