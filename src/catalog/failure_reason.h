// The failure taxonomy (docs/profiles.md): why a client's handshake failed.
// `simulate` decides it, the doctor explains and fixes it, `explain` maps a
// pasted error onto it, and data/ references it; a misspelt reason anywhere
// is a load error, never a silent miss. One table names every kind.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tlsd::catalog {

enum class ReasonKind : uint8_t {
  no_common_version,
  no_common_suite,
  no_common_group,
  cert_key_too_small,
  cert_key_too_large,
  cert_sha1_signature,
  ske_sigalg_rejected,
  dh_too_small,
  no_secure_renegotiation,
  ems_required,
  untrusted,
  hostname_mismatch,
  expired,
  client_cert_required,
  sni_required,
  protocol_error,
  transport,
  no_common_sigalg,  // the doctor's refinement of a handshake_failure alert
  alert,             // any other alert: "alert:NAME", the alert code beside it
  not_tls,           // only `explain` names these two: a pasted error may
  unknown,           // say the peer was not TLS, or nothing specific
};

// Where a kind's words come from: reasons.json titles the taxonomy; an alert
// is titled from its name; the explain-only kinds have no title.
enum class ReasonTitle : uint8_t { in_reasons_json, from_alert_name, none };

struct ReasonRow {
  ReasonKind kind;
  std::string_view name;
  ReasonTitle title;
};

std::span<const ReasonRow> reason_table();
std::string_view name(ReasonKind kind);
std::optional<ReasonKind> parse_reason_kind(std::string_view name);

// One reason: a kind, plus the alert's code when the kind is `alert`.
class FailureReason {
 public:
  constexpr FailureReason(ReasonKind kind) : kind_(kind) {}  // NOLINT: a kind is a reason
  static constexpr FailureReason alert(uint8_t code) {
    return FailureReason(ReasonKind::alert, code);
  }

  ReasonKind kind() const { return kind_; }
  uint8_t alert_code() const { return alert_; }  // 0 unless kind() == alert
  // The stable spelling: "no_common_suite", "alert:handshake_failure".
  std::string name() const;

  bool operator==(const FailureReason&) const = default;
  auto operator<=>(const FailureReason&) const = default;

 private:
  constexpr FailureReason(ReasonKind kind, uint8_t alert) : kind_(kind), alert_(alert) {}
  ReasonKind kind_;
  uint8_t alert_ = 0;
};

// "no_common_suite" or "alert:NAME" with NAME an alert of data/iana/alerts.csv.
std::optional<FailureReason> parse_failure_reason(std::string_view name);

// The spelling of a result's reason; "" when there is none (the client connected).
std::string reason_name(const std::optional<FailureReason>& reason);

}  // namespace tlsd::catalog
