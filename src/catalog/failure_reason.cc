#include "catalog/failure_reason.h"

#include <array>

#include "catalog/catalog.h"

namespace tlsd::catalog {
namespace {

using enum ReasonKind;
using enum ReasonTitle;

constexpr std::string_view kAlertPrefix = "alert:";

constexpr std::array kReasons = {
    ReasonRow{no_common_version, "no_common_version", in_reasons_json},
    ReasonRow{no_common_suite, "no_common_suite", in_reasons_json},
    ReasonRow{no_common_group, "no_common_group", in_reasons_json},
    ReasonRow{cert_key_too_small, "cert_key_too_small", in_reasons_json},
    ReasonRow{cert_key_too_large, "cert_key_too_large", in_reasons_json},
    ReasonRow{cert_sha1_signature, "cert_sha1_signature", in_reasons_json},
    ReasonRow{ske_sigalg_rejected, "ske_sigalg_rejected", in_reasons_json},
    ReasonRow{dh_too_small, "dh_too_small", in_reasons_json},
    ReasonRow{no_secure_renegotiation, "no_secure_renegotiation", in_reasons_json},
    ReasonRow{ems_required, "ems_required", in_reasons_json},
    ReasonRow{untrusted, "untrusted", in_reasons_json},
    ReasonRow{hostname_mismatch, "hostname_mismatch", in_reasons_json},
    ReasonRow{expired, "expired", in_reasons_json},
    ReasonRow{client_cert_required, "client_cert_required", in_reasons_json},
    ReasonRow{sni_required, "sni_required", in_reasons_json},
    ReasonRow{protocol_error, "protocol_error", in_reasons_json},
    ReasonRow{transport, "transport", in_reasons_json},
    ReasonRow{no_common_sigalg, "no_common_sigalg", in_reasons_json},
    ReasonRow{alert, "alert", from_alert_name},
    ReasonRow{not_tls, "not_tls", none},
    ReasonRow{unknown, "unknown", none},
};

// The table is indexed by the enum: a row out of order fails to compile.
constexpr bool rows_in_order() {
  for (size_t i = 0; i < kReasons.size(); ++i)
    if (static_cast<size_t>(kReasons[i].kind) != i) return false;
  return true;
}
static_assert(rows_in_order());

}  // namespace

std::span<const ReasonRow> reason_table() { return kReasons; }

std::string_view name(ReasonKind kind) { return kReasons[static_cast<size_t>(kind)].name; }

std::optional<ReasonKind> parse_reason_kind(std::string_view text) {
  for (const ReasonRow& row : kReasons)
    if (row.name == text) return row.kind;
  return std::nullopt;
}

std::string FailureReason::name() const {
  if (kind_ == ReasonKind::alert)
    return std::string(kAlertPrefix) + Catalog::get().alert_name(alert_);
  return std::string(catalog::name(kind_));
}

std::optional<FailureReason> parse_failure_reason(std::string_view text) {
  if (text.starts_with(kAlertPrefix)) {
    std::optional<uint8_t> code = Catalog::get().alert_named(text.substr(kAlertPrefix.size()));
    if (!code) return std::nullopt;
    return FailureReason::alert(*code);
  }
  std::optional<ReasonKind> kind = parse_reason_kind(text);
  if (!kind || *kind == ReasonKind::alert) return std::nullopt;  // "alert" alone names no alert
  return FailureReason(*kind);
}

std::string reason_name(const std::optional<FailureReason>& reason) {
  return reason ? reason->name() : "";
}

}  // namespace tlsd::catalog
