// Client profiles (docs/profiles.md): what a client version sends and
// checks, loaded from the embedded data/profiles/*.json and validated on load.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"
#include "catalog/failure_reason.h"
#include "catalog/hello_template.h"

namespace tlsd::catalog {

struct ClientPolicy {
  std::optional<int> min_rsa_bits, max_rsa_bits, min_dh_bits, min_ecdsa_bits;
  bool accept_sha1_certificate_signature = true;
  bool accept_sha1_handshake_signature = true;
  bool require_secure_renegotiation = false;
  bool require_extended_master_secret = false;
  bool verify_certificate = true;
  // An extension in the ServerHello that the client never sent is fatal
  // (OpenSSL, NSS, rustls, GnuTLS, JSSE); Go ignores unknown ones and only
  // refuses an unrequested ALPN answer.
  bool reject_unsolicited_extensions = true;
  // A DHE prime that cannot be one (even) is refused (OpenSSL: "bad dh
  // value"); JSSE and GnuTLS go on with it.
  bool check_dh_prime = true;
  // A TLS 1.3 ServerHello must echo legacy_session_id (RFC 8446 §4.1.3);
  // JSSE does not compare it.
  bool check_tls13_session_id_echo = true;
};

struct Knob {
  std::string name, kind, cost, source, removed_in;
  std::string snippet;  // what a user pastes, when the name is prose ("" = the name itself)
  std::vector<FailureReason> relaxes;
  nlohmann::json set;  // dotted path -> replacement
};

struct Profile {
  std::string id, display, stack, version, notes;
  // A build of the same release with other defaults ("noaes", "debian"); ""
  // for the upstream build. Versions of one client share stack and variant.
  std::string variant;
  bool current = false;
  // YYYY-MM-DD: when this release came out, and when its facts were last
  // checked against the real client or its source (profile_dates.h).
  std::string released, checked;
  HelloTemplate hello;
  ClientPolicy policy;
  std::map<std::string, std::string> errors;  // reason's name (or "alert") -> the client's words
  std::vector<Knob> knobs;
  std::map<std::string, std::string> sources;
  std::vector<std::string> applied_knobs;  // knobs this profile was derived with
  nlohmann::json raw;                      // the document, for applying knobs

  // The id with the knobs it was derived with: "go-1.22+GODEBUG=tlsrsakex=1".
  std::string spec() const;
  // The client's words for a failure reason, or "" when not recorded.
  // An alert's reason falls back to the words for any alert (key "alert").
  std::string error_text(const FailureReason& reason) const;
  // The words under one key of `errors`: a reason's name, or "alert".
  std::string error_text(std::string_view key) const;
};

// Parses one profile document; `source_name` labels errors. Every key must be
// one the format knows (docs/profiles.md): an unknown or misspelt key anywhere,
// a knob's "set" path included, is an error naming the file and the key.
Result<Profile> parse_profile(const nlohmann::json& doc, const std::string& source_name);
// The profile as `knob` (one of its knobs[].name) makes it.
Result<Profile> with_knob(const Profile& profile, const std::string& knob);

class ProfileSet {
 public:
  static const ProfileSet& get();  // the embedded profiles
  static Result<ProfileSet> load(const std::vector<std::pair<std::string, std::string>>& files);

  const std::vector<Profile>& all() const { return profiles_; }
  const Profile* find(const std::string& id) const;
  // "go-1.22", or "go-1.22+GODEBUG=tlsrsakex=1" (a profile plus its knobs).
  Result<Profile> resolve(const std::string& spec) const;

 private:
  std::vector<Profile> profiles_;
};

}  // namespace tlsd::catalog
