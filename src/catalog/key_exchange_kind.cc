#include "catalog/key_exchange_kind.h"

#include <array>
#include <utility>

namespace tlsd::catalog {
namespace {

constexpr std::array<std::pair<KxKind, std::string_view>, 19> kNames = {{
    {KxKind::null, "NULL"},
    {KxKind::rsa, "RSA"},
    {KxKind::rsa_export, "RSA_EXPORT"},
    {KxKind::dh, "DH"},
    {KxKind::dhe, "DHE"},
    {KxKind::ecdh, "ECDH"},
    {KxKind::ecdhe, "ECDHE"},
    {KxKind::psk, "PSK"},
    {KxKind::dhe_psk, "DHE_PSK"},
    {KxKind::rsa_psk, "RSA_PSK"},
    {KxKind::ecdhe_psk, "ECDHE_PSK"},
    {KxKind::krb5, "KRB5"},
    {KxKind::srp, "SRP"},
    {KxKind::gost, "GOST"},
    {KxKind::eccpwd, "ECCPWD"},
    {KxKind::any, "ANY"},
    {KxKind::scsv, "SCSV"},
    {KxKind::tls13_key_share, "TLS 1.3 key share"},
    {KxKind::unknown, "unknown"},
}};

constexpr bool in_order() {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (static_cast<size_t>(kNames[i].first) != i) return false;
  return true;
}
static_assert(in_order(), "one row per KxKind, in enum order");

}  // namespace

std::string_view name(KxKind kind) { return kNames[static_cast<size_t>(kind)].second; }

std::optional<KxKind> parse_suite_kx(std::string_view text) {
  for (const auto& [kind, n] : kNames)
    if (n == text && kind != KxKind::tls13_key_share && kind != KxKind::unknown) return kind;
  return std::nullopt;
}

bool ephemeral(KxKind kind) { return kind == KxKind::ecdhe || kind == KxKind::dhe; }

}  // namespace tlsd::catalog
